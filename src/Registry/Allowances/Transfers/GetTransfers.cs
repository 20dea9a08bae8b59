using Mrv.EventStore;
using Mrv.EventStore.Http;
using Mrv.Registry.Allowances.Accounts;

namespace Mrv.Registry.Allowances.Transfers;

/// <summary>GET /api/v1/allowances/transfers/{id} and GET /api/v1/allowances/transfers?accountId=&amp;status= — transfers the caller may see, due ones completed first.</summary>
public static class GetTransfers
{
    public static async Task<IResult> Get(Guid id, HttpContext http, EventLog log, Ledger ledger, TimeProvider time)
    {
        if (await ReviewTransfer.VisibleAsync(http, log, id) is null) return Problems.NotFound(http);
        await DueTransfers.CompleteOneAsync(ledger, time.GetUtcNow(), id, http.RequestAborted);
        var document = (await log.Documents.LoadAsync<Transfer>(Transfer.StreamId(id), http.RequestAborted))!;
        http.Response.Headers.ETag = HttpCommands.ETagFor(document.Version);
        return TypedResults.Ok(document.Data);
    }

    /// <param name="accountId">The account whose transfers in and out are listed; the DRC may leave it out for every transfer.</param>
    public static async Task<IResult> List(HttpContext http, EventLog log, Ledger ledger, TimeProvider time, Guid? accountId = null, string? status = null)
    {
        var caller = Caller.From(http.User)!;
        if (accountId is null && !caller.IsDrc)
        {
            return Problems.Validation("accountId", "not_empty", new LocalizedText("请指定账户（accountId）。", "Name the account (accountId)."), http);
        }
        if (accountId is { } id)
        {
            if (await http.LoadVisibleAccountAsync(log, id) is null) return Problems.NotFound(http);
            await DueTransfers.CompleteAsync(ledger, time.GetUtcNow(), id, http.RequestAborted);
        }
        var filters = accountId is { } account
            ? new List<Dictionary<string, object>> { new() { ["fromAccountId"] = account }, new() { ["toAccountId"] = account } }
            : [new()];
        if (status is not null) filters.ForEach(f => f["status"] = status);
        var items = new Dictionary<Guid, Transfer>();
        foreach (var filter in filters)
        {
            var page = await log.Documents.QueryAsync<Transfer>(new DocumentQuery
            {
                Contains = filter.Count == 0 ? null : filter, OrderBy = "requestedAt", Descending = true, Limit = 1_000,
            }, http.RequestAborted);
            foreach (var document in page.Items) items[document.Data.Id] = document.Data;
        }
        return TypedResults.Ok(new { total = items.Count, items = items.Values.OrderByDescending(t => t.RequestedAt) });
    }
}
