using System.Globalization;
using Mrv.EventStore;
using Mrv.Registry.Accounting;
using Mrv.Registry.Documents;
using Mrv.Registry.Enterprises;

namespace Mrv.Registry.Reporting;

/// <summary>
/// One month's calculation line of a source, written out: a report has hundreds of these lines,
/// and formatting them once here keeps rendering the document well under a millisecond. (Names
/// avoid the helpers' names: Handlebars resolves <c>{{Tce}}</c> as the <c>tce</c> helper.)
/// </summary>
public sealed record ReportLineRow(int Month, LineView Line, string Quantity, string Factors, string Emissions, string Energy)
{
    public static ReportLineRow Of(int month, LineView line, bool zh) => new(month, line,
        $"{DocumentHelpers.Number(line.QuantityUsed, 2)} {line.Unit}",
        string.Join(zh ? "；" : "; ", line.Factors.Select(f => $"{f.Name} {DocumentHelpers.Number(f.Value, 4)} {f.Unit}{(zh ? "（" : " (")}{f.Reference}{(zh ? "）" : ")")}")),
        DocumentHelpers.Number(line.Tco2, 3), DocumentHelpers.Number(line.Tce, 3));
}

public sealed record ReportSourceRow(
    string Code, string Name, string Kind, string Scope, string Carrier, decimal Quantity, decimal QuantityUsed, string Unit, decimal? Tco2, decimal? Tce,
    bool Unconfirmed, IReadOnlyList<ReportLineRow> Months);

public sealed record ReportCheckRow(string Severity, string Message);

public sealed record ReportStatusRow(string Step, string Status, string? By, DateTimeOffset At, string? Note);

/// <summary>
/// 温室气体排放报告（含能源利用状况报告）— the document model of an enterprise's annual report: who,
/// which sources, the monthly table and chart, every calculation line with its factors and the
/// factor-table version, totals by scope, energy by carrier, intensities against the sector
/// targets, data-quality and unconfirmed-factor notes, and where the report stands.
/// </summary>
public sealed record EmissionReportDocument(
    int Year, string Status, string FiguresFrom, string EnterpriseName, string? EnterpriseNameEn, string CreditCode, string League, string CountyCode,
    string Industry, string Address, int FactorTableVersion, decimal TotalTco2, decimal DirectTco2, decimal IndirectTco2, decimal EnergyTce,
    IReadOnlyList<ReportSourceRow> Sources, IReadOnlyList<MonthView> Months, ChartModel Chart, IReadOnlyList<CarrierTotal> EnergyByCarrier,
    IReadOnlyList<OutputTotal> Outputs, IReadOnlyList<IntensityView> Intensities, IReadOnlyList<ReportCheckRow> Checks,
    IReadOnlyList<ReportLineRow> UnconfirmedLines, SubmissionView? Submission, Verification? Verification, Determination? Determination,
    DateOnly ReportDue, IReadOnlyList<ReportStatusRow> History, Letterhead Letterhead, Footer Footer)
{
    public const string Document = "emission-report";

    public static EmissionReportDocument Build(ReportView report, Enterprise enterprise, string culture, DateTimeOffset generatedAt)
    {
        var zh = culture == "zh-CN";
        var calculation = report.Calculation;
        var monthLines = calculation.ByMonth.SelectMany(m => m.Lines.Select(line => ReportLineRow.Of(m.Month, line, zh))).ToList();
        var sources = calculation.BySource.Select(total =>
        {
            var source = enterprise.SourceOf(total.SourceId);
            return new ReportSourceRow(total.SourceId, source is null ? total.SourceId : zh || source.NameEn is null ? source.NameZh : source.NameEn,
                total.Kind, total.Scope, total.Carrier, total.Quantity, total.QuantityUsed, total.Unit, total.Tco2, total.Tce, total.Unconfirmed,
                monthLines.Where(l => l.Line.SourceId == total.SourceId).ToList());
        }).ToList();
        var chart = new ChartModel(
            zh ? $"{report.Year}年月度排放量" : $"Monthly emissions, {report.Year}",
            zh ? "吨二氧化碳" : "t CO₂",
            [.. Enumerable.Range(1, 12).Select(m => zh ? $"{m}月" : CultureInfo.InvariantCulture.DateTimeFormat.GetAbbreviatedMonthName(m))],
            [new ChartSeries(zh ? "排放量" : "Emissions", [.. Enumerable.Range(1, 12).Select(m => calculation.ByMonth.FirstOrDefault(x => x.Month == m)?.Tco2)])]);
        var league = Regions.Leagues.Find(enterprise.LeagueCode);
        return new EmissionReportDocument(
            report.Year, report.Status, report.FiguresFrom, enterprise.NameZh, enterprise.NameEn, enterprise.CreditCode,
            (zh ? league?.NameZh : league?.NameEn) ?? enterprise.LeagueCode, enterprise.CountyCode, enterprise.Industry, enterprise.Address,
            calculation.FactorTableVersion, calculation.TotalTco2, calculation.DirectTco2, calculation.IndirectTco2, calculation.EnergyTce,
            sources, calculation.ByMonth, chart, calculation.EnergyByCarrier, calculation.Outputs, calculation.Intensities,
            [.. report.Checks.Select(c => new ReportCheckRow(c.Severity, c.Message))],
            [.. monthLines.Where(l => l.Line.Unconfirmed)],
            report.Submission, report.Verification, report.Determination, report.ReportDue,
            [.. report.History.Select(h => new ReportStatusRow(h.Step, h.Status, h.By, h.At, h.Note))],
            new Letterhead(zh ? enterprise.NameZh : enterprise.NameEn ?? enterprise.NameZh, zh ? $"统一社会信用代码：{enterprise.CreditCode}" : $"Unified social credit code: {enterprise.CreditCode}"),
            DocumentParts.Footer(culture, generatedAt));
    }

    /// <summary>GET /api/v1/enterprises/{id}/reports/{year}/document?format=html|pdf&amp;lang=&amp;asOf= — same access as the report.</summary>
    public static async Task<IResult> Render(Guid id, int year, HttpContext http, EventLog log, TemplateCatalog templates, PdfPrinter printer,
        TimeProvider time, string? format = null, string? asOf = null)
    {
        if (!DocumentResponses.TryFormat(format, out var wanted)) return DocumentResponses.BadFormat(http);
        var (view, _, problem) = await GetReport.ViewAsync(id, year, http, log, asOf);
        if (problem is not null) return problem;
        var enterprise = (await log.Documents.LoadAsync<Enterprise>(Enterprise.StreamId(id), http.RequestAborted))!.Data;
        var culture = DocumentResponses.CultureOf(http);
        var rendered = templates.Render(Document, culture, Build(view!, enterprise, culture, time.GetUtcNow()));
        return await DocumentResponses.RenderAsync(http, rendered, wanted, $"emission-report-{enterprise.CreditCode}-{year}", printer);
    }
}
