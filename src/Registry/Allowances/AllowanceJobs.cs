using Mrv.EventStore;
using Mrv.Registry.Allowances.Penalties;
using Mrv.Registry.Allowances.Transfers;
using Mrv.Registry.Calendar;

namespace Mrv.Registry.Allowances;

/// <summary>
/// The background side of the carbon market on every node: each minute, transfers whose 26 hours are
/// over are completed (reads complete them lazily too); each hour, once a year's surrender deadline
/// has passed, its shortfalls become penalty cases. Both are idempotent against the expected versions
/// of their streams, so nodes running them side by side append each thing once.
/// </summary>
public sealed class AllowanceJobs(Ledger ledger, CommandWriter writer, TimeProvider time, IConfiguration configuration, ILogger<AllowanceJobs> logger)
    : BackgroundService
{
    public static readonly TimeSpan Period = TimeSpan.FromMinutes(1);

    /// <summary>Penalty cases need a pass over every covered enterprise: hourly is soon enough after a deadline of a whole year.</summary>
    const int PenaltyEveryTicks = 60;

    static readonly EventMetadata Job = new("system", "allowance-jobs", null);

    /// <summary>Off with <c>Mrv:Allowances:Jobs=false</c>: tests run the rounds by hand on their own clock.</summary>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!configuration.GetValue("Mrv:Allowances:Jobs", true)) return;
        using var timer = new PeriodicTimer(Period);
        for (var tick = 0; await timer.WaitForNextTickAsync(stoppingToken); tick++)
        {
            try
            {
                await CompleteDueTransfersAsync(stoppingToken);
                if (tick % PenaltyEveryTicks == 0) await OpenDuePenaltyCasesAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Allowance jobs failed; retrying in {Period}", Period);
            }
        }
    }

    public Task<int> CompleteDueTransfersAsync(CancellationToken ct) => DueTransfers.CompleteAsync(ledger, time.GetUtcNow(), null, ct);

    /// <summary>
    /// The deadlines that can have passed without cases yet are those of the last two data years
    /// (31 December of the following year by default, later when the DRC moved it).
    /// </summary>
    public async Task OpenDuePenaltyCasesAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var today = now.ToOffset(ComplianceCalendar.ChinaStandardTime).Year;
        foreach (var year in new[] { today - 2, today - 1 })
        {
            var calendar = await ComplianceCalendar.LoadAsync(writer.Log, year, ct: ct);
            if (!ComplianceCalendar.IsLate(calendar.State.SurrenderDue, now)) continue;
            var opened = await OpenPenaltyCases.OpenAsync(writer, year, calendar.State.SurrenderDue, now, Job, ct);
            if (opened.Count > 0) logger.LogInformation("Opened {Count} penalty cases for {Year}", opened.Count, year);
        }
    }
}
