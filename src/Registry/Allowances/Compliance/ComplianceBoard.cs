using Mrv.EventStore;
using Mrv.EventStore.Http;
using Mrv.Registry.Calendar;
using Mrv.Registry.Enterprises;

namespace Mrv.Registry.Allowances.Compliance;

public sealed record ComplianceRow(
    Guid EnterpriseId, string CreditCode, string EnterpriseName, string LeagueCode, decimal? DeterminedTco2, long? ObligationTonnes,
    long SurrenderedTonnes, long OffsetTonnes, long? ShortfallTonnes, string Status, bool PenaltyCase);

public sealed record PublicComplianceRow(string CreditCode, string EnterpriseName, string LeagueCode, string Status, long? ShortfallTonnes);

/// <summary>
/// GET /api/v1/compliance/{year} (drc: every enterprise; league: its own) — the board: obligation,
/// surrendered, offsets, shortfall and status per covered enterprise. GET /api/v1/public/compliance/{year}
/// (anyone) publishes the status once the year's surrender deadline has passed, and nothing before.
/// </summary>
public static class ComplianceBoard
{
    public static async Task<IResult> Board(int year, HttpContext http, EventLog log, string? status = null)
    {
        if (!DataYear.IsValid(year)) return DataYear.Invalid("year", http);
        if (status is not null && !ComplianceStatuses.All.Contains(status))
        {
            return Problems.Validation([new FieldViolation("status", "status_unknown", CodeMessages.OneOf("status", ComplianceStatuses.All))], http);
        }
        var caller = Caller.From(http.User)!;
        var rows = (await RowsAsync(log, year, http.RequestAborted))
            .Where(r => caller.IsDrc || r.LeagueCode == caller.LeagueCode)
            .ToList();
        var calendar = await ComplianceCalendar.LoadAsync(log, year, ct: http.RequestAborted);
        return TypedResults.Ok(new
        {
            year,
            surrenderDue = calendar.State.SurrenderDue,
            counts = ComplianceStatuses.All.ToDictionary(s => s, s => rows.Count(r => r.Status == s)),
            total = rows.Count,
            items = status is null ? rows : [.. rows.Where(r => r.Status == status)],
        });
    }

    public static async Task<IResult> Public(int year, HttpContext http, EventLog log, TimeProvider time)
    {
        if (!DataYear.IsValid(year)) return DataYear.Invalid("year", http);
        var calendar = await ComplianceCalendar.LoadAsync(log, year, ct: http.RequestAborted);
        var due = calendar.State.SurrenderDue;
        if (!ComplianceCalendar.IsLate(due, time.GetUtcNow()))
        {
            return TypedResults.Ok(new { year, published = false, publishedFrom = ComplianceCalendar.EndOf(due), total = 0, items = Array.Empty<PublicComplianceRow>() });
        }
        var rows = await RowsAsync(log, year, http.RequestAborted);
        return TypedResults.Ok(new
        {
            year, published = true, publishedFrom = ComplianceCalendar.EndOf(due), total = rows.Count,
            items = rows.Select(r => new PublicComplianceRow(r.CreditCode, r.EnterpriseName, r.LeagueCode, r.Status, r.ShortfallTonnes)),
        });
    }

    static async Task<List<ComplianceRow>> RowsAsync(EventLog log, int year, CancellationToken ct)
    {
        var records = new List<ComplianceRecord>();
        const int batch = 5_000;
        for (var offset = 0; ; offset += batch)
        {
            var page = await log.Documents.QueryAsync<ComplianceRecord>(new DocumentQuery { Contains = new { year, covered = true }, Offset = offset, Limit = batch }, ct);
            records.AddRange(page.Items.Select(d => d.Data));
            if (page.Items.Count < batch) break;
        }
        var enterprises = new Dictionary<Guid, Enterprise>();
        foreach (var chunk in records.Select(r => Enterprise.StreamId(r.EnterpriseId)).Chunk(1_000))
        {
            var page = await log.Documents.QueryAsync<Enterprise>(new DocumentQuery { Ids = chunk, Limit = chunk.Length }, ct);
            foreach (var document in page.Items) enterprises[document.Data.Id] = document.Data;
        }
        return [.. records.Where(r => enterprises.ContainsKey(r.EnterpriseId)).Select(r =>
        {
            var enterprise = enterprises[r.EnterpriseId];
            return new ComplianceRow(r.EnterpriseId, enterprise.CreditCode, enterprise.NameZh, enterprise.LeagueCode, r.DeterminedTco2, r.ObligationTonnes,
                r.SurrenderedTonnes, r.OffsetTonnes, r.ShortfallTonnes, r.Status, r.PenaltyShortfallTonnes is not null);
        }).OrderBy(r => r.CreditCode, StringComparer.Ordinal)];
    }
}
