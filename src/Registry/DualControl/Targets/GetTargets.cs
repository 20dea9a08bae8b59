using Mrv.EventStore;
using Mrv.EventStore.Http;

namespace Mrv.Registry.DualControl.Targets;

public sealed record TargetPeriodSummary(string Code, string NameZh, string NameEn, int BaseYear, int TargetYear, int Leagues, bool RegionTargets);

/// <summary>GET /api/v1/targets and /api/v1/targets/{period} (drc, league) — the plan periods side by side, and one with its targets.</summary>
public static class GetTargets
{
    public static async Task<IResult> List(HttpContext http, EventLog log)
    {
        var periods = await AllAsync(log, http.RequestAborted);
        return TypedResults.Ok(new
        {
            total = periods.Count,
            items = periods.Select(p => new TargetPeriodSummary(p.Code, p.NameZh, p.NameEn, p.BaseYear, p.TargetYear, p.LeagueTargets.Count, p.Region is not null)),
        });
    }

    public static async Task<IResult> Get(string period, HttpContext http, EventLog log)
    {
        var document = await log.Documents.LoadAsync<TargetPeriod>(TargetPeriod.StreamId(period), http.RequestAborted);
        if (document is null) return Problems.NotFound(http);
        http.Response.Headers.ETag = HttpCommands.ETagFor(document.Version);
        return TypedResults.Ok(document.Data);
    }

    /// <summary>Every plan period, oldest base year first.</summary>
    public static async Task<IReadOnlyList<TargetPeriod>> AllAsync(EventLog log, CancellationToken ct)
    {
        var page = await log.Documents.QueryAsync<TargetPeriod>(new DocumentQuery { Limit = 1_000 }, ct);
        return [.. page.Items.Select(d => d.Data).OrderBy(p => p.BaseYear).ThenBy(p => p.Code, StringComparer.Ordinal)];
    }
}
