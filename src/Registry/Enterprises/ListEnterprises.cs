using Mrv.EventStore;
using Mrv.EventStore.Http;
using Mrv.Registry.Calendar;

namespace Mrv.Registry.Enterprises;

public sealed record EnterpriseListItem(
    Guid Id, string CreditCode, string NameZh, string? NameEn, string LeagueCode, string CountyCode, string Industry, string Gbt4754Code,
    IReadOnlyList<int> CoveredYears, KeyEnergyUnit? KeyEnergyUnit)
{
    public static EnterpriseListItem Of(Enterprise e) => new(e.Id, e.CreditCode, e.NameZh, e.NameEn, e.LeagueCode, e.CountyCode, e.Industry,
        e.Gbt4754Code, [.. e.CoveredList.Where(c => c.Status == CoveredListEntry.Included).Select(c => c.Year)], e.KeyEnergyUnit);
}

/// <summary>GET /api/v1/enterprises[/{id}[/facilities|sources/{code}]] — what the caller's role lets them see.</summary>
public static class ListEnterprises
{
    public const int MaxPageSize = 500;

    public static async Task<IResult> Get(Guid id, HttpContext http, EventLog log)
    {
        var document = await http.LoadVisibleAsync(log, id);
        if (document is null) return Problems.NotFound(http);
        http.Response.Headers.ETag = HttpCommands.ETagFor(document.Version);
        return TypedResults.Ok(document.Data);
    }

    public static async Task<IResult> GetFacility(Guid id, string code, HttpContext http, EventLog log) =>
        Part(await http.LoadVisibleAsync(log, id), e => e.FacilityOf(code), http);

    public static async Task<IResult> GetSource(Guid id, string code, HttpContext http, EventLog log) =>
        Part(await http.LoadVisibleAsync(log, id), e => e.SourceOf(code), http);

    static IResult Part(Document<Enterprise>? enterprise, Func<Enterprise, object?> part, HttpContext http)
    {
        if (enterprise is null || part(enterprise.Data) is not { } found) return Problems.NotFound(http);
        http.Response.Headers.ETag = HttpCommands.ETagFor(enterprise.Version);
        return TypedResults.Ok(found);
    }

    /// <param name="covered">A year: only enterprises on that year's covered list.</param>
    /// <param name="q">Text in the Chinese or English name or the credit code, any case.</param>
    public static async Task<IResult> List(HttpContext http, EventLog log,
        string? league = null, string? industry = null, string? covered = null, string? q = null, int page = 1, int pageSize = 50)
    {
        var caller = Caller.From(http.User)!;
        var filter = new Dictionary<string, object>();
        if (!string.IsNullOrWhiteSpace(league)) filter["leagueCode"] = league;
        if (!string.IsNullOrWhiteSpace(industry)) filter["industry"] = industry;
        if (!DataYear.TryParse(covered, out var coveredYear)) return DataYear.Invalid("covered", http);
        if (coveredYear is { } year) filter["coveredList"] = new[] { new { year, status = CoveredListEntry.Included } };

        switch (caller.Role)
        {
            case Roles.League when filter.TryGetValue("leagueCode", out var asked) && (string)asked != caller.LeagueCode:
                return TypedResults.Ok(new { total = 0L, page, pageSize, items = Array.Empty<EnterpriseListItem>() });
            case Roles.League:
                filter["leagueCode"] = caller.LeagueCode!;
                break;
            case Roles.Enterprise:
                filter["id"] = caller.EnterpriseId!;
                break;
        }

        pageSize = Math.Clamp(pageSize, 1, MaxPageSize);
        page = Math.Max(1, page);
        var result = await log.Documents.QueryAsync<Enterprise>(new DocumentQuery
        {
            Contains = filter.Count == 0 ? null : filter,
            Search = q,
            SearchFields = ["nameZh", "nameEn", "creditCode"],
            OrderBy = "creditCode",
            Offset = (page - 1) * pageSize,
            Limit = pageSize,
        }, http.RequestAborted);
        return TypedResults.Ok(new { total = result.Total, page, pageSize, items = result.Items.Select(d => EnterpriseListItem.Of(d.Data)) });
    }
}
