using Mrv.EventStore;
using Mrv.EventStore.Http;
using Mrv.Registry.Regions;

namespace Mrv.Registry.DualControl.Restrictions;

public sealed record RestrictionView(
    string LeagueCode, string NameZh, string NameEn, string Status, RestrictionBasis? Basis, string? Reason, string? ImposedBy, DateTimeOffset? Since,
    IReadOnlyList<RestrictionStep> History)
{
    public static RestrictionView Of(Restriction restriction, string league) => new(league, Areas.NameZh(league), Areas.NameEn(league),
        restriction.Status, restriction.Basis, restriction.Reason, restriction.ImposedBy, restriction.Since, restriction.History);
}

/// <summary>An approval restriction in force, as the public sees it.</summary>
public sealed record PublicRestriction(
    string LeagueCode, string NameZh, string NameEn, string ScopeZh, string ScopeEn, DateTimeOffset Since, string Reason, RestrictionBasis? Basis);

/// <summary>
/// GET /api/v1/public/restrictions (anyone) — the approval restrictions in force; GET
/// /api/v1/restrictions[/{league}] (drc; a league/city its own) — status and history, proposals included.
/// </summary>
public static class ListRestrictions
{
    public static async Task<IResult> Public(HttpContext http, EventLog log)
    {
        var items = (await InForceAsync(log, http.RequestAborted))
            .Select(r => new PublicRestriction(r.LeagueCode, Areas.NameZh(r.LeagueCode), Areas.NameEn(r.LeagueCode),
                Restriction.Scope.ZhCn, Restriction.Scope.En, r.Since!.Value, r.Reason!, r.Basis))
            .ToList();
        return TypedResults.Ok(new { total = items.Count, items });
    }

    public static async Task<IResult> List(HttpContext http, EventLog log)
    {
        var caller = Caller.From(http.User)!;
        var page = await log.Documents.QueryAsync<Restriction>(new DocumentQuery { Limit = Leagues.All.Count + 1 }, http.RequestAborted);
        var items = page.Items.Select(d => d.Data).Where(r => caller.CanSee(r.LeagueCode))
            .OrderBy(r => r.LeagueCode, StringComparer.Ordinal).Select(r => RestrictionView.Of(r, r.LeagueCode)).ToList();
        return TypedResults.Ok(new { total = items.Count, items });
    }

    public static async Task<IResult> Get(string league, HttpContext http, EventLog log)
    {
        if (!Leagues.IsLeagueCode(league) || !Caller.From(http.User)!.CanSee(league)) return Problems.NotFound(http);
        var document = await log.Documents.LoadAsync<Restriction>(Restriction.StreamId(league), http.RequestAborted);
        if (document is not null) http.Response.Headers.ETag = HttpCommands.ETagFor(document.Version);
        return TypedResults.Ok(RestrictionView.Of(document?.Data ?? Restriction.None, league));
    }

    /// <summary>The restrictions in force, in league/city code order.</summary>
    public static async Task<IReadOnlyList<Restriction>> InForceAsync(EventLog log, CancellationToken ct)
    {
        var page = await log.Documents.QueryAsync<Restriction>(new DocumentQuery
        {
            Contains = new { status = RestrictionStatuses.Imposed },
            OrderBy = "leagueCode",
            Limit = Leagues.All.Count + 1,
        }, ct);
        return [.. page.Items.Select(d => d.Data)];
    }
}
