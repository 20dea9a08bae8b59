using Mrv.EventStore;
using Mrv.EventStore.Http;
using Mrv.Registry.Calendar;
using Mrv.Registry.Enterprises;

namespace Mrv.Registry.Reporting;

/// <summary>The one way a report command runs: the enterprise visible to the caller, a valid year, then decide and append.</summary>
public static class ReportCommands
{
    public static async Task<IResult> RunAsync(Guid id, int year, object request, HttpContext http, EventLog log, TimeProvider time,
        Func<AnnualReport, Enterprise, string, DateTimeOffset, IReadOnlyList<object>> decide)
    {
        var (enterprise, problem) = await http.LoadEnterpriseYearAsync(log, id, year);
        if (problem is not null) return problem;
        var by = Caller.From(http.User)!.Username;
        var now = time.GetUtcNow();
        return await http.ExecuteAsync(AnnualReport.Decider, AnnualReport.StreamId(id, year), request,
            state => decide(state, enterprise!, by, now),
            outcome => CommandResponse.Ok(outcome.Head.Version, ReportStatusView.Of(outcome.State)));
    }

    public static DomainRuleViolation NoReport(int year) => new("report.none",
        $"该企业没有 {year} 年度的排放报告。", $"The enterprise has no annual report for {year}.");
}
