using FluentValidation;
using Mrv.EventStore;
using Mrv.EventStore.Http;
using Mrv.Registry.Calendar;

namespace Mrv.Registry.Monitoring;

public sealed record ReturnMonitoringPlanRequest(IReadOnlyList<string> Reasons);

public sealed class ReturnMonitoringPlanRequestValidator : AbstractValidator<ReturnMonitoringPlanRequest>
{
    public ReturnMonitoringPlanRequestValidator()
    {
        RuleFor(r => r.Reasons).NotEmpty();
        RuleForEach(r => r.Reasons).NotEmpty().MaximumLength(2000);
    }
}

/// <summary>
/// POST …/monitoring-plans/{year}/submit (the enterprise, or the DRC), …/approve and …/return
/// (the DRC, or the enterprise's league/city) — the plan's review.
/// </summary>
public static class ReviewMonitoringPlan
{
    public static Task<IResult> Submit(Guid id, int year, HttpContext http, EventLog log, TimeProvider time) =>
        RunAsync(id, year, http, log, new { action = "submit" }, (state, by, now) => MonitoringPlan.Decide(new MonitoringPlan.Submit(by), state, now), time);

    public static Task<IResult> Approve(Guid id, int year, HttpContext http, EventLog log, TimeProvider time) =>
        RunAsync(id, year, http, log, new { action = "approve" }, (state, by, now) => MonitoringPlan.Decide(new MonitoringPlan.Approve(by), state, now), time);

    public static Task<IResult> Return(Guid id, int year, ReturnMonitoringPlanRequest request, HttpContext http, EventLog log, TimeProvider time) =>
        RunAsync(id, year, http, log, request, (state, by, now) => MonitoringPlan.Decide(new MonitoringPlan.Return(request.Reasons, by), state, now), time);

    static async Task<IResult> RunAsync(Guid id, int year, HttpContext http, EventLog log, object request,
        Func<MonitoringPlan, string, DateTimeOffset, IReadOnlyList<object>> decide, TimeProvider time)
    {
        if ((await http.LoadEnterpriseYearAsync(log, id, year)).Problem is { } problem) return problem;
        var by = Caller.From(http.User)!.Username;
        var now = time.GetUtcNow();
        return await http.ExecuteAsync(MonitoringPlan.Decider, MonitoringPlan.StreamId(id, year), request,
            state => state.Exists ? decide(state, by, now) : throw new DomainRuleViolation("monitoring_plan.none",
                $"该企业尚无 {year} 年的监测计划。", $"The enterprise has no monitoring plan for {year}."),
            outcome => CommandResponse.Ok(outcome.Head.Version, outcome.State));
    }
}
