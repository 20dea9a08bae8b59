using Mrv.EventStore;
using Mrv.EventStore.Http;
using Mrv.Registry.Allowances.Transfers;

namespace Mrv.Registry.Allowances.Accounts;

/// <summary>
/// GET /api/v1/allowances/accounts[/{id}] — the accounts the caller may see, with holdings by vintage,
/// offsets, pending transfers, allocations and surrenders. Transfers to or from an account whose
/// 26 hours are over are completed first, so what is shown is what the account holds now.
/// </summary>
public static class GetAccounts
{
    public const int MaxPageSize = 500;

    public static async Task<IResult> Get(Guid id, HttpContext http, EventLog log, Ledger ledger, TimeProvider time)
    {
        if (await http.LoadVisibleAccountAsync(log, id) is null) return Problems.NotFound(http);
        await DueTransfers.CompleteAsync(ledger, time.GetUtcNow(), id, http.RequestAborted);
        var document = (await log.Documents.LoadAsync<AllowanceAccount>(AllowanceAccount.StreamId(id), http.RequestAborted))!;
        http.Response.Headers.ETag = HttpCommands.ETagFor(document.Version);
        return TypedResults.Ok(document.Data);
    }

    public static async Task<IResult> List(HttpContext http, EventLog log, string? league = null, string? kind = null, int page = 1, int pageSize = 100)
    {
        var caller = Caller.From(http.User)!;
        var filter = new Dictionary<string, object>();
        if (!string.IsNullOrWhiteSpace(league)) filter["leagueCode"] = league;
        if (!string.IsNullOrWhiteSpace(kind)) filter["kind"] = kind;
        switch (caller.Role)
        {
            case Roles.League when filter.TryGetValue("leagueCode", out var asked) && (string)asked != caller.LeagueCode:
                return TypedResults.Ok(new { total = 0L, page, pageSize, items = Array.Empty<AllowanceAccount>() });
            case Roles.League:
                filter["leagueCode"] = caller.LeagueCode!;
                filter["kind"] = AccountKinds.Enterprise;
                break;
            case Roles.Enterprise:
                filter["enterpriseId"] = caller.EnterpriseId!;
                break;
        }
        pageSize = Math.Clamp(pageSize, 1, MaxPageSize);
        page = Math.Max(1, page);
        var result = await log.Documents.QueryAsync<AllowanceAccount>(new DocumentQuery
        {
            Contains = filter.Count == 0 ? null : filter,
            OrderBy = "holderName",
            Offset = (page - 1) * pageSize,
            Limit = pageSize,
        }, http.RequestAborted);
        return TypedResults.Ok(new { total = result.Total, page, pageSize, items = result.Items.Select(d => d.Data) });
    }
}
