using Mrv.EventStore;
using Mrv.EventStore.Http;
using Mrv.Registry.Calendar;

namespace Mrv.Registry.Allowances.Allocation;

/// <summary>GET /api/v1/allowances/allocation-tables?year=&amp;status= and GET …/{id} (drc) — the tables with every entry, its formula and its problems.</summary>
public static class GetAllocationTables
{
    public static async Task<IResult> Get(Guid id, HttpContext http, EventLog log)
    {
        var document = await log.Documents.LoadAsync<AllocationTable>(AllocationTable.StreamId(id), http.RequestAborted);
        if (document is null) return Problems.NotFound(http);
        http.Response.Headers.ETag = HttpCommands.ETagFor(document.Version);
        return TypedResults.Ok(document.Data);
    }

    public static async Task<IResult> List(HttpContext http, EventLog log, string? year = null, string? status = null)
    {
        if (!DataYear.TryParse(year, out var forYear)) return DataYear.Invalid("year", http);
        var filter = new Dictionary<string, object>();
        if (forYear is { } y) filter["year"] = y;
        if (!string.IsNullOrWhiteSpace(status)) filter["status"] = status;
        var page = await log.Documents.QueryAsync<AllocationTable>(new DocumentQuery
        {
            Contains = filter.Count == 0 ? null : filter, OrderBy = "computedAt", Descending = true, Limit = 1_000,
        }, http.RequestAborted);
        return TypedResults.Ok(new
        {
            total = page.Total,
            items = page.Items.Select(d => d.Data).Select(t => new
            {
                t.Id, t.Year, t.Phase, t.Method, t.Status, Entries = t.Entries.Count, Problems = t.Problems.Count, t.TotalToIssue,
                t.ComputedBy, t.ComputedAt, t.SubmittedBy, t.ApprovedBy, t.ApprovedAt,
            }),
        });
    }
}
