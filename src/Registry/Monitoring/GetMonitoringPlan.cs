using Mrv.EventStore;
using Mrv.EventStore.Http;
using Mrv.Registry.Calendar;

namespace Mrv.Registry.Monitoring;

/// <summary>GET /api/v1/enterprises/{id}/monitoring-plans/{year} — every version, the latest and the one in force.</summary>
public static class GetMonitoringPlan
{
    public static async Task<IResult> Handle(Guid id, int year, HttpContext http, EventLog log)
    {
        if ((await http.LoadEnterpriseYearAsync(log, id, year)).Problem is { } problem) return problem;
        var plan = await MonitoringPlan.LoadAsync(log, id, year, ct: http.RequestAborted);
        if (!plan.Exists) return Problems.NotFound(http);
        http.Response.Headers.ETag = HttpCommands.ETagFor(plan.Version);
        return TypedResults.Ok(plan.State);
    }
}
