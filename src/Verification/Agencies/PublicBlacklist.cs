using Microsoft.AspNetCore.Http;
using Mrv.EventStore;

namespace Mrv.Verification.Agencies;

/// <param name="Until">The last day on the list; null for life.</param>
public sealed record BlacklistEntry(string AgencyName, string? AgencyNameEn, string CreditCode, string Decision, string Reason, string Period, DateOnly From, DateOnly? Until);

/// <summary>GET /api/v1/public/blacklist (anyone) — the agencies on the blacklist (黑名单) today, with the decision, reason and period.</summary>
public static class PublicBlacklist
{
    public static async Task<IResult> Handle(HttpContext http, EventLog log, TimeProvider time)
    {
        var today = BusinessDay.Of(time.GetUtcNow());
        var agencies = await log.Documents.QueryAsync<Agency>(new DocumentQuery { OrderBy = "nameZh", Limit = 10_000 }, http.RequestAborted);
        var items = agencies.Items.Select(d => d.Data)
            .Where(a => a.StatusOn(today) == AgencyStatuses.Blacklisted)
            .Select(a => new BlacklistEntry(a.NameZh, a.NameEn, a.CreditCode, a.Blacklisting!.Decision, a.Blacklisting.Reason, a.Blacklisting.Period,
                a.Blacklisting.From, a.Blacklisting.Until))
            .ToList();
        return TypedResults.Ok(new { asOf = today, total = items.Count, items });
    }
}
