using CsvHelper;
using Mrv.EventStore;
using Mrv.Registry.Calendar;
using Mrv.Registry.Regions;

namespace Mrv.Registry.Enterprises;

public sealed record CoveredListRow(string CreditCode, string NameZh, string? NameEn, string LeagueCode, string LeagueNameZh, string Industry, string Basis);

/// <summary>
/// GET /api/v1/public/covered-list/{year} (anyone) — the year's covered list (重点排放单位名录) as
/// JSON, or as CSV for <c>Accept: text/csv</c>.
/// </summary>
public static class PublicCoveredList
{
    const int Batch = 5_000;

    public static async Task<IResult> Handle(int year, HttpContext http, EventLog log)
    {
        if (!DataYear.IsValid(year)) return DataYear.Invalid("year", http);
        var rows = await RowsAsync(log, year, http.RequestAborted);
        if (!WantsCsv(http)) return TypedResults.Ok(new { year, total = rows.Count, items = rows });

        return TypedResults.File(ToCsv(rows), "text/csv; charset=utf-8", $"covered-list-{year}.csv");
    }

    public static async Task<List<CoveredListRow>> RowsAsync(EventLog log, int year, CancellationToken ct)
    {
        var rows = new List<CoveredListRow>();
        for (var offset = 0; ; offset += Batch)
        {
            var page = await log.Documents.QueryAsync<Enterprise>(new DocumentQuery
            {
                Contains = new { coveredList = new[] { new { year, status = CoveredListEntry.Included } } },
                OrderBy = "creditCode",
                Offset = offset,
                Limit = Batch,
            }, ct);
            rows.AddRange(page.Items.Select(d => d.Data).Select(e => new CoveredListRow(
                e.CreditCode, e.NameZh, e.NameEn, e.LeagueCode, Leagues.Find(e.LeagueCode)?.NameZh ?? "", e.Industry, e.CoveredIn(year)!.Basis)));
            if (page.Items.Count < Batch) return rows;
        }
    }

    static bool WantsCsv(HttpContext http) =>
        http.Request.GetTypedHeaders().Accept.Any(a => a.MediaType.Equals("text/csv", StringComparison.OrdinalIgnoreCase));

    static byte[] ToCsv(IReadOnlyList<CoveredListRow> rows)
    {
        using var output = new MemoryStream();
        // The BOM makes Excel open the Chinese names as UTF-8 instead of guessing GBK; names that
        // start like a formula are escaped so that a spreadsheet shows them as text.
        using (var csv = CsvWriter.Create(output, CsvWriterOptions.Default with { WriteByteOrderMark = true, Injection = CsvInjection.Escape }, leaveOpen: true))
        {
            csv.WriteHeader(["credit_code", "name_zh", "name_en", "league_code", "league_name_zh", "industry", "basis"]);
            foreach (var row in rows)
            {
                foreach (var field in new[] { row.CreditCode, row.NameZh, row.NameEn ?? "", row.LeagueCode, row.LeagueNameZh, row.Industry, row.Basis }) csv.WriteField(field);
                csv.EndRecord();
            }
        }
        return output.ToArray();
    }
}
