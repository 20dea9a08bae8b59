using System.Collections.Immutable;
using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Mrv.Registry.Accounting;
using Mrv.Registry.Documents;
using Mrv.Registry.Enterprises;
using Mrv.Registry.Factors;
using Mrv.Registry.Reporting;

namespace Mrv.Benchmarks;

/// <summary>
/// Rendering documents: the HTML of an annual report with 12 months × 10 sources (renders per
/// second after the first compile), and printing it to PDF (pages per second).
/// Baseline: rendering the covered-list notice of the same run's templates, the simplest document.
/// </summary>
public static class ReportsBenchmark
{
    public static async Task<int> RunAsync(bool quick)
    {
        var templates = TemplateCatalog.Load(TemplateCatalog.FindRoot(null, Directory.GetCurrentDirectory(), AppContext.BaseDirectory));
        var (view, enterprise) = TenSourceReport();
        var now = DateTimeOffset.UtcNow;
        var model = EmissionReportDocument.Build(view, enterprise, "zh-CN", now);
        var html = templates.Render(EmissionReportDocument.Document, "zh-CN", model).Html;
        var notice = CoveredListNotice.Build(2024, [new("91150200MA0N2XTB1H", "包头北辰热电有限责任公司", null, "150200", "包头市", "power", "emissions")], "zh-CN", now);
        templates.Render(CoveredListNotice.Document, "zh-CN", notice);
        Console.WriteLine($"Reports benchmark: annual report with {view.Calculation.BySource.Count} sources × {view.Calculation.ByMonth.Count} months, {html.Length / 1024} KB of HTML");

        var renders = quick ? 2_000 : 20_000;
        var reportRate = Rate(renders, () => templates.Render(EmissionReportDocument.Document, "zh-CN", model));
        var noticeRate = Rate(renders, () => templates.Render(CoveredListNotice.Document, "zh-CN", notice));
        var buildAndRender = Rate(renders / 4, () => templates.Render(EmissionReportDocument.Document, "zh-CN", EmissionReportDocument.Build(view, enterprise, "zh-CN", now)));
        Console.WriteLine($"  report HTML: {reportRate:N0} renders per processor-second = {1000 / reportRate:0.000} ms each; with building the model {1000 / buildAndRender:0.000} ms");

        var printer = new PdfPrinter(new ConfigurationBuilder().Build(), NullLogger<PdfPrinter>.Instance);
        var prints = quick ? 3 : 10;
        var pages = 0;
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < prints; i++)
        {
            var pdf = await printer.PrintAsync(html, CancellationToken.None);
            pages += CountPages(pdf);
        }
        var pagesPerSecond = pages / clock.Elapsed.TotalSeconds;
        Console.WriteLine($"  report PDF: {prints} prints, {pages / prints} pages each, {pagesPerSecond:0.0} pages/s ({clock.Elapsed.TotalSeconds / prints:0.00} s per print)");

        BenchReport.Write(Path.Combine("artifacts", "bench", "reports.json"), BenchReport.Machine(), "Chromium " + (printer.ChromiumPath ?? "missing"), quick,
        [
            new Scenario("report.html_render", reportRate, "renders/s", "notice.html_render", noticeRate, reportRate / noticeRate, "< 1 ms per render", 1000 / reportRate < 1),
            new Scenario("report.pdf_pages", pagesPerSecond, "pages/s", "none", 0, 0, "measured", true),
        ]);
        return 0;
    }

    /// <summary>
    /// Renders per second of processor time: on a machine shared with other work, wall-clock time
    /// mostly measures the others; the processor time this process spent is what a render costs.
    /// </summary>
    static double Rate(int times, Action render)
    {
        // Warm-up long enough for tiered compilation to reach the optimised code.
        for (var i = 0; i < Math.Max(200, times / 5); i++) render();
        var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < times; i++) render();
        process.Refresh();
        var spent = process.TotalProcessorTime - cpu;
        Console.WriteLine($"    {times} renders: {clock.Elapsed.TotalMilliseconds / times:0.000} ms wall, {spent.TotalMilliseconds / times:0.000} ms processor each");
        return times / spent.TotalSeconds;
    }

    static int CountPages(byte[] pdf) =>
        System.Text.RegularExpressions.Regex.Matches(System.Text.Encoding.Latin1.GetString(pdf), @"/Type\s*/Page[^s]").Count;

    /// <summary>An annual report of ten sources (fuels, electricity, heat, process) with twelve months each, from factor table version 1.</summary>
    static (ReportView View, Enterprise Enterprise) TenSourceReport()
    {
        var table = FactorTable.Parse(FactorTable.SeedJson());
        var factors = AccountingFactors.For(new FactorTableVersion(1, 2019, table, null, null, DateTimeOffset.UnixEpoch), 2024);
        SourceActivity[] Sources(int month) =>
        [
            new("B1", "fuel", 150_000m + month * 1_000m, "t", "bituminous", 20.5m, 0.0264m),
            new("B2", "fuel", 140_000m + month * 900m, "t", "bituminous", 20.4m, 0.0262m),
            new("B3", "fuel", 120_000m + month * 800m, "t", "bituminous"),
            new("L1", "fuel", 30_000m + month * 300m, "t", "lignite"),
            new("A1", "fuel", 10_000m + month * 100m, "t", "anthracite"),
            new("D1", "fuel", 300m + month, "t", "diesel"),
            new("G1", "fuel", 200m + month, "t", "gasoline"),
            new("E1", "electricity", 9_000m + month * 50m, "MWh"),
            new("H1", "heat", 4_000m + month * 20m, "GJ"),
            new("K1", "process", 50_000m + month * 400m, "t", "portland_clinker"),
        ];
        var months = Enumerable.Range(1, 12).Select(m => new MonthActivity(m, Sources(m), [new ProductOutput("electricity_supplied", 600_000m)])).ToList();
        var calculation = AnnualAccounting.Calculate(factors, months);
        var enterprise = Enterprise.None with
        {
            Id = Guid.NewGuid(), CreditCode = "91150200MA0N2XTB1H", NameZh = "包头北辰热电有限责任公司", LeagueCode = "150200", CountyCode = "150207",
            Industry = "power", Address = "包头市", Sources = [.. Sources(1).Select(s => new EmissionSource(s.SourceId, "F1", s.Kind, s.Code, s.Unit, s.SourceId, null, "meter"))],
        };
        var view = new ReportView(enterprise.Id, 2024, "draft", enterprise.NameZh, "150200", "power", null, "current_data", true, new DateOnly(2025, 3, 31),
            AnnualCalculationView.Of(calculation), [], new ReportInputs(1, 1, 1, 1, 1), null, null, null, [], []);
        return (view, enterprise);
    }
}
