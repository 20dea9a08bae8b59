using Mrv.EventStore;
using Mrv.Registry.DualControl.Assessment;

namespace Mrv.Registry.DualControl.Targets;

/// <summary>
/// Defines the 13th-FYP period and version 1 of the warning thresholds when the log has neither yet.
/// Runs at start-up after the migrations, as the factor table's seed does; nodes starting together
/// append each once (the losers of the expected-version race find it there on their retry).
/// </summary>
public sealed class TargetPeriodSeed(CommandWriter writer, TimeProvider time) : IHostedService
{
    static readonly EventMetadata Metadata = new("system", "dual-control-seed", null);

    public Task StartAsync(CancellationToken cancellationToken) => EnsureAsync(writer, time, cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public static async Task EnsureAsync(CommandWriter writer, TimeProvider time, CancellationToken ct = default)
    {
        var now = time.GetUtcNow();
        var options = new WriteOptions { Metadata = Metadata };
        var period = ThirteenthFyp.Definition(null);
        await writer.WriteAsync(TargetPeriod.Decider, TargetPeriod.StreamId(period.Code),
            state => state.Exists ? [] : TargetPeriod.Decide(period, state, now),
            outcome => outcome.Appended.Count, options, ct);

        var thresholds = new WarningThresholds.Set(WarningThresholds.DefaultYellowBandPct, WarningThresholds.DefaultReason, null);
        await writer.WriteAsync(WarningThresholds.Decider, WarningThresholds.StreamId,
            state => state.Current is null ? WarningThresholds.Decide(thresholds, state, now) : [],
            outcome => outcome.Appended.Count, options, ct);
    }
}
