using Mrv.EventStore;
using Mrv.EventStore.Http;
using Mrv.Registry.Calendar;
using Mrv.Registry.Enterprises;
using Mrv.Registry.Regions;

namespace Mrv.Registry.Documents;

public sealed record NoticeEnterprise(int No, string CreditCode, string NameZh, string? NameEn, string Basis);
public sealed record NoticeIndustry(string Industry, int Count, IReadOnlyList<NoticeEnterprise> Enterprises);
public sealed record NoticeLeague(string Code, string NameZh, string NameEn, int Count, IReadOnlyList<NoticeIndustry> Industries);

/// <summary>纳入全国碳排放权交易市场重点排放单位名录 — the model of the covered-list notice of a year.</summary>
public sealed record CoveredListNotice(
    int Year, DateTimeOffset AsOf, int Total, int LeagueCount, IReadOnlyList<NoticeLeague> Leagues, ChartModel Chart, DataTable Summary,
    Letterhead Letterhead, Footer Footer)
{
    public const string Document = "covered-list-notice";

    public static string Subject(int year) => $"covered-list/{year}";

    /// <summary>Grouped by league/city (in the annex's order) and industry, numbered within each group.</summary>
    public static CoveredListNotice Build(int year, IReadOnlyList<CoveredListRow> rows, string culture, DateTimeOffset asOf)
    {
        var zh = culture == "zh-CN";
        var leagues = Regions.Leagues.All
            .Select(league => (league, rows: rows.Where(r => r.LeagueCode == league.Code).ToList()))
            .Where(l => l.rows.Count > 0)
            .Select(l => new NoticeLeague(l.league.Code, l.league.NameZh, l.league.NameEn, l.rows.Count,
                l.rows.GroupBy(r => r.Industry)
                    .OrderBy(g => Industries.All.ToList().IndexOf(g.Key))
                    .Select(g => new NoticeIndustry(g.Key, g.Count(), g.OrderBy(r => r.CreditCode, StringComparer.Ordinal)
                        .Select((r, i) => new NoticeEnterprise(i + 1, r.CreditCode, r.NameZh, r.NameEn, r.Basis)).ToList()))
                    .ToList()))
            .ToList();
        var chart = new ChartModel(
            zh ? $"{year}年度各盟市纳入单位数" : $"Covered enterprises by league and city, {year}",
            zh ? "单位：家" : "enterprises",
            leagues.Select(l => zh ? l.NameZh : l.Code).ToList(),
            [new ChartSeries(zh ? "纳入单位" : "Covered", leagues.Select(l => (decimal?)l.Count).ToList())]);
        var summary = new DataTable(
            [new(zh ? "盟市" : "League/city"), new(zh ? "代码" : "Code"), new(zh ? "纳入单位（家）" : "Enterprises", Numeric: true)],
            [.. leagues.Select(l => new DataRow([new(zh ? l.NameZh : l.NameEn), new(l.Code), new(l.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), true)])),
             new DataRow([new(zh ? "合计" : "Total"), new(""), new(rows.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), true)])]);
        return new CoveredListNotice(year, asOf, rows.Count, leagues.Count, leagues, chart, summary,
            new Letterhead(DocumentParts.Drc.For(new System.Globalization.CultureInfo(culture)), null),
            DocumentParts.Footer(culture, asOf));
    }

    /// <summary>GET /api/v1/public/covered-list/{year}/document?format=html|pdf&amp;lang= (anyone).</summary>
    public static async Task<IResult> Render(
        int year, HttpContext http, EventLog log, TemplateCatalog templates, PdfPrinter printer, TimeProvider time, string? format = null)
    {
        if (!DataYear.IsValid(year)) return DataYear.Invalid("year", http);
        if (!DocumentResponses.TryFormat(format, out var wanted)) return DocumentResponses.BadFormat(http);
        var culture = DocumentResponses.CultureOf(http);
        var rows = await PublicCoveredList.RowsAsync(log, year, http.RequestAborted);
        var rendered = templates.Render(Document, culture, Build(year, rows, culture, time.GetUtcNow()));
        return await DocumentResponses.RenderAsync(http, rendered, wanted, $"covered-list-{year}", printer);
    }

    /// <summary>POST /api/v1/covered-list/{year}/documents (drc) — issues the year's notice as a PDF.</summary>
    public static async Task<IResult> Issue(
        int year, HttpContext http, EventLog log, TemplateCatalog templates, PdfPrinter printer, DocumentIssuer issuer, TimeProvider time)
    {
        if (!DataYear.IsValid(year)) return DataYear.Invalid("year", http);
        var culture = DocumentResponses.CultureOf(http);
        var rows = await PublicCoveredList.RowsAsync(log, year, http.RequestAborted);
        var rendered = templates.Render(Document, culture, Build(year, rows, culture, time.GetUtcNow()));
        byte[] pdf;
        try
        {
            pdf = await printer.PrintAsync(rendered.Html, http.RequestAborted);
        }
        catch (PdfUnavailableException e)
        {
            return DocumentResponses.PdfUnavailable(e, http);
        }
        var title = culture == "zh-CN" ? $"{year}年度纳入全国碳排放权交易市场重点排放单位名录" : $"Enterprises covered by the national carbon market, {year}";
        var issued = await issuer.IssueAsync(
            new DocumentToIssue("covered_list_notice", Subject(year), title, rendered, "pdf", pdf, $"covered-list-{year}.{culture}.pdf"),
            HttpCommands.MetadataOf(http), http.RequestAborted);
        return TypedResults.Created($"/api/v1/public/covered-list/{year}/documents/{issued.DocumentId}", issued);
    }

    /// <summary>GET /api/v1/public/covered-list/{year}/documents (anyone) — the notices issued for a year.</summary>
    public static async Task<IResult> ListIssued(int year, HttpContext http, DocumentIssuer issuer) =>
        !DataYear.IsValid(year) ? DataYear.Invalid("year", http) : TypedResults.Ok(await issuer.ListAsync(Subject(year), http.RequestAborted));

    /// <summary>GET /api/v1/public/covered-list/{year}/documents/{id} (anyone) — exactly the bytes that were issued.</summary>
    public static Task<IResult> DownloadIssued(int year, Guid id, HttpContext http, DocumentIssuer issuer) => issuer.DownloadAsync(id, Subject(year), http);
}
