using System.Globalization;
using Mrv.EventStore;
using Mrv.EventStore.Http;
using Mrv.Registry.Calendar;

namespace Mrv.Registry.Reporting;

/// <summary>
/// GET /api/v1/enterprises/{id}/reports/{year}[?asOf=] — the report with its calculation, line by
/// line, and its checks. A submitted report shows the figures frozen at submission; a draft is
/// computed from the data. With asOf, every input is read as the registry knew it at that time.
/// </summary>
public static class GetReport
{
    static readonly string[] Frozen = [ReportStatuses.Submitted, ReportStatuses.UnderVerification, ReportStatuses.Verified, ReportStatuses.Determined];

    public static async Task<IResult> Handle(Guid id, int year, HttpContext http, EventLog log, string? asOf = null)
    {
        var (view, version, problem) = await ViewAsync(id, year, http, log, asOf);
        if (problem is not null) return problem;
        http.Response.Headers.ETag = HttpCommands.ETagFor(version);
        return TypedResults.Ok(view);
    }

    /// <summary>The report as the caller may see it (also what its document is rendered from), or the problem to answer.</summary>
    public static async Task<(ReportView? View, long Version, IResult? Problem)> ViewAsync(Guid id, int year, HttpContext http, EventLog log, string? asOf)
    {
        if ((await http.LoadEnterpriseYearAsync(log, id, year)).Problem is { } problem) return (null, 0, problem);
        DateTimeOffset? at = null;
        if (!string.IsNullOrWhiteSpace(asOf))
        {
            if (!DateTimeOffset.TryParse(asOf, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
            {
                return (null, 0, Problems.Validation("asOf", "date_time", new LocalizedText(
                    "asOf 须为 ISO 8601 时间，如 2025-03-31T16:00:00Z。", "asOf is an ISO 8601 time such as 2025-03-31T16:00:00Z."), http));
            }
            at = parsed;
        }

        var sources = await ReportAssembler.LoadAsync(log, id, year, at, http.RequestAborted);
        if (sources is null) return (null, 0, Problems.NotFound(http));
        return (ViewOf(sources, at), sources.Report.Version, null);
    }

    /// <summary>The report built from its loaded inputs: the figures frozen at submission once submitted, else computed now.</summary>
    public static ReportView ViewOf(ReportSources sources, DateTimeOffset? at)
    {
        var report = sources.Report.State;
        var submitted = Frozen.Contains(report.Status) ? report.Submission : null;
        var snapshot = submitted?.Snapshot ?? ReportAssembler.Assemble(sources);
        var enterprise = sources.Enterprise;
        return new ReportView(
            sources.Enterprise.Id, sources.Year, report.Status,
            report.Exists ? report.EnterpriseName : enterprise.NameZh, report.Exists ? report.LeagueCode : enterprise.LeagueCode,
            report.Exists ? report.Industry : enterprise.Industry, at,
            submitted is null ? "current_data" : "submission",
            report.Status is ReportStatuses.None or ReportStatuses.Draft && !snapshot.HasErrors,
            sources.Calendar.State.ReportDue,
            AnnualCalculationView.Of(snapshot.Calculation), [.. snapshot.Checks.Select(CheckView.Of)], snapshot.Inputs,
            ReportStatusView.Of(report).Submission, report.Verification, report.Determination, report.Gaps, report.History);
    }
}
