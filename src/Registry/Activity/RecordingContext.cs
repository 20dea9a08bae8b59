using Mrv.EventStore;
using Mrv.EventStore.Http;
using Mrv.Registry.Calendar;
using Mrv.Registry.Enterprises;
using Mrv.Registry.Monitoring;
using Mrv.Registry.Reporting;

namespace Mrv.Registry.Activity;

/// <summary>
/// What recording an enterprise's monthly data needs to know before Decide: the enterprise, the plan
/// version in force, the year's calendar, and whether the annual report has been submitted.
/// </summary>
public sealed record RecordingContext(Enterprise Enterprise, PlanVersion Plan, ComplianceCalendar Calendar, bool ReportSubmitted, string By)
{
    /// <summary>The context, or the problem to answer: 404 for an enterprise the caller may not see, 400 for a bad year or a DRC without a reason.</summary>
    public static async Task<(RecordingContext? Context, IResult? Problem)> LoadAsync(HttpContext http, EventLog log, Guid id, int year, string? reason)
    {
        var (enterprise, problem) = await http.LoadEnterpriseYearAsync(log, id, year);
        if (problem is not null) return (null, problem);
        var caller = Caller.From(http.User)!;
        if (caller.IsDrc && string.IsNullOrWhiteSpace(reason))
        {
            return (null, Problems.Validation("reason", "required_on_behalf", new LocalizedText(
                "主管部门代企业录入数据须说明理由。", "The DRC entering data on an enterprise's behalf gives a reason."), http));
        }
        string planStream = MonitoringPlan.StreamId(id, year), calendarStream = ComplianceCalendar.StreamId(year), reportStream = AnnualReport.StreamId(id, year);
        var streams = await log.ReadStreamsAsync([planStream, calendarStream, reportStream], ct: http.RequestAborted);
        var plan = EventLog.Fold(planStream, streams.GetValueOrDefault(planStream), MonitoringPlan.None, MonitoringPlan.Evolve);
        if (plan.State.InForce is not { } inForce)
        {
            throw new DomainRuleViolation("activity.no_approved_plan",
                $"{year} 年监测计划尚未获批；月度数据须对照获批的监测计划录入。",
                $"The {year} monitoring plan is not approved yet; monthly data are entered against an approved plan.");
        }
        var calendar = ComplianceCalendar.DeciderFor(year);
        var report = EventLog.Fold(reportStream, streams.GetValueOrDefault(reportStream), AnnualReport.None, AnnualReport.Evolve);
        return (new RecordingContext(enterprise!, inForce, EventLog.Fold(calendarStream, streams.GetValueOrDefault(calendarStream), calendar.Initial, calendar.Evolve).State,
            report.State.EverSubmitted, caller.Username), null);
    }

    /// <summary>A month that has not begun (in China Standard Time) has no data yet.</summary>
    public static bool HasBegun(int year, int month, DateTimeOffset now) =>
        new DateTimeOffset(year, month, 1, 0, 0, 0, ComplianceCalendar.ChinaStandardTime) <= now;

    public static LocalizedText MonthRule(string field) => new(
        $"{field} 须为 1–12 之间、已经开始的月份。", $"{field} must be a month from 1 to 12 that has begun.");
}
