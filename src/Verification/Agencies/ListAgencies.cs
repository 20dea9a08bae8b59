using Microsoft.AspNetCore.Http;
using Mrv.EventStore;
using Mrv.EventStore.Http;

namespace Mrv.Verification.Agencies;

public sealed record AgencyListItem(
    Guid Id, string NameZh, string? NameEn, string CreditCode, string Status, IReadOnlyList<string> Scopes, int WorkloadCap, int ActiveVerifiers,
    Evaluation? LatestEvaluation)
{
    public static AgencyListItem Of(Agency a, DateTimeOffset now) => new(a.Id, a.NameZh, a.NameEn, a.CreditCode, a.StatusOn(BusinessDay.Of(now)),
        a.Scopes, a.WorkloadCap, a.Verifiers.Count(v => v.IsActive), a.Evaluations.LastOrDefault());
}

/// <summary>GET /api/v1/verification/agencies[/{id}] — the DRC sees every agency, a verifier their own.</summary>
public static class ListAgencies
{
    public static async Task<IResult> List(HttpContext http, EventLog log, TimeProvider time, string? status = null)
    {
        var caller = Caller.From(http.User)!;
        var now = time.GetUtcNow();
        var query = new DocumentQuery { OrderBy = "nameZh", Limit = 10_000, Ids = caller.IsDrc ? null : [Agency.StreamId(caller.AgencyId ?? Guid.Empty)] };
        var items = (await log.Documents.QueryAsync<Agency>(query, http.RequestAborted)).Items.Select(d => AgencyListItem.Of(d.Data, now))
            .Where(a => status is null || a.Status == status).ToList();
        return TypedResults.Ok(new { total = items.Count, items });
    }

    public static async Task<IResult> Get(Guid id, HttpContext http, EventLog log, TimeProvider time)
    {
        var document = await http.LoadVisibleAsync(log, id);
        if (document is null) return Problems.NotFound(http);
        http.Response.Headers.ETag = HttpCommands.ETagFor(document.Version);
        return TypedResults.Ok(AgencyView.Of(document.Data, time.GetUtcNow()));
    }
}
