using Mrv.EventStore;
using Mrv.EventStore.Http;
using Mrv.Registry.Calendar;

namespace Mrv.Registry.Reporting;

/// <summary>
/// POST /api/v1/enterprises/{id}/reports/{year}/submit (the enterprise) — submits the report: the
/// calculation and checks computed now are frozen in the event. Errors (missing required data)
/// refuse it with the list of checks; a submission after the calendar's due day is flagged late.
/// </summary>
public static class SubmitReport
{
    public static async Task<IResult> Handle(Guid id, int year, HttpContext http, EventLog log, TimeProvider time)
    {
        if ((await http.LoadEnterpriseYearAsync(log, id, year)).Problem is { } problem) return problem;
        var sources = (await ReportAssembler.LoadAsync(log, id, year, null, http.RequestAborted))!;
        var snapshot = ReportAssembler.Assemble(sources);
        if (snapshot.HasErrors && sources.Report.State.Status is ReportStatuses.None or ReportStatuses.Draft)
        {
            return Problems.Result(409, "rule", ProblemText.RuleTitle, new LocalizedText(
                "报告存在数据质量错误（缺少必需数据），不能提交；请按所列检查项补充数据或说明缺失月份。",
                "The report has data-quality errors (required data missing) and cannot be submitted; complete the data or explain the missing months.").ToString(),
                http, new Dictionary<string, object?>
                {
                    ["code"] = "report.data_quality_errors",
                    ["checks"] = snapshot.Checks.Where(c => c.Severity == CheckSeverities.Error).Select(CheckView.Of).ToList(),
                });
        }

        var caller = Caller.From(http.User)!;
        var command = new AnnualReport.Submit(ReportAssembler.Opening(sources.Enterprise, year, caller.Username), snapshot,
            sources.Calendar.State.ReportDue, caller.Username);
        var now = time.GetUtcNow();
        return await http.ExecuteAsync(AnnualReport.Decider, AnnualReport.StreamId(id, year), new { year, submit = true },
            state => AnnualReport.Decide(command, state, now),
            outcome => CommandResponse.Ok(outcome.Head.Version, ReportStatusView.Of(outcome.State)));
    }
}
