using Mrv.EventStore;
using Mrv.EventStore.Http;
using Mrv.Registry.Allowances.Accounts;
using Mrv.Registry.Calendar;
using Mrv.Registry.Enterprises;
using Mrv.Registry.Reporting;

namespace Mrv.Registry.Allowances.Penalties;

/// <summary>
/// After a year's surrender deadline, every covered enterprise whose determined obligation is not
/// surrendered in full gets a penalty case. The figures are taken from the streams themselves (the
/// report's determination, the account's surrenders), not from a read model that might lag. Run by
/// the DRC (POST /api/v1/compliance/{year}/penalty-cases) and by the daily job; a case already open
/// is left as it is, so running it again opens nothing.
/// </summary>
public static class OpenPenaltyCases
{
    public sealed record Opened(Guid EnterpriseId, string EnterpriseName, long ShortfallTonnes);

    public static async Task<IResult> Handle(int year, HttpContext http, EventLog log, CommandWriter writer, TimeProvider time)
    {
        if (!DataYear.IsValid(year)) return DataYear.Invalid("year", http);
        var now = time.GetUtcNow();
        var calendar = await ComplianceCalendar.LoadAsync(log, year, ct: http.RequestAborted);
        if (!ComplianceCalendar.IsLate(calendar.State.SurrenderDue, now))
        {
            throw new DomainRuleViolation("penalty.deadline_not_passed",
                $"{year} 年度清缴截止日 {calendar.State.SurrenderDue:yyyy-MM-dd} 尚未届满。",
                $"The {year} surrender deadline, {calendar.State.SurrenderDue:yyyy-MM-dd}, has not passed yet.");
        }
        var opened = await OpenAsync(writer, year, calendar.State.SurrenderDue, now, HttpCommands.MetadataOf(http), http.RequestAborted);
        return TypedResults.Ok(new { year, opened = opened.Count, cases = opened });
    }

    /// <param name="now">When the cases are opened: the business time of their events (earlier than the recording time only for demo data of past years).</param>
    public static async Task<IReadOnlyList<Opened>> OpenAsync(CommandWriter writer, int year, DateOnly surrenderDue, DateTimeOffset now, EventMetadata metadata, CancellationToken ct)
    {
        var log = writer.Log;
        var opened = new List<Opened>();
        foreach (var row in await PublicCoveredList.RowsAsync(log, year, ct))
        {
            var enterpriseId = CreditCode.EnterpriseIdFor(row.CreditCode);
            var report = await AnnualReport.LoadAsync(log, enterpriseId, year, ct: ct);
            if (report.State.Determination is not { } determination) continue;
            var account = (await log.AggregateAsync(AllowanceAccount.StreamId(enterpriseId), AllowanceAccount.None, AllowanceAccount.Evolve, ct: ct)).State;
            var obligation = account.ObligationFor(year, determination.EmissionsTco2);
            var surrendered = account.SurrendersFor(year).Sum(s => s.AllowanceTonnes + s.OffsetTonnes);
            if (surrendered >= obligation) continue;

            var command = new PenaltyCase.Open(enterpriseId, year, row.NameZh, row.LeagueCode, obligation, surrendered, surrenderDue, metadata.UserName);
            var written = await writer.WriteAsync(PenaltyCase.Decider, PenaltyCase.StreamId(enterpriseId, year),
                state => [.. PenaltyCase.Decide(command, state, now).Select(e => new NewEvent(e, now))], outcome => outcome.Appended.Count,
                new WriteOptions { Metadata = metadata }, ct);
            if (written.Result > 0) opened.Add(new Opened(enterpriseId, row.NameZh, obligation - surrendered));
        }
        return opened;
    }
}
