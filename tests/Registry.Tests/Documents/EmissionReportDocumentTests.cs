using System.Net;
using AngleSharp.Html.Parser;

namespace Mrv.Registry.Tests.Documents;

public sealed class EmissionReportDocumentTests(RegistryFixture registry) : IClassFixture<RegistryFixture>
{
    async Task<(HttpClient Client, Guid Id)> DemoEnterpriseAsync(string? language = null)
    {
        var client = await registry.ClientAsync("enterprise-demo", language);
        var me = await (await client.GetAsync("/api/v1/me")).JsonAsync();
        return (client, me.GetProperty("scope").GetProperty("id").GetGuid());
    }

    [Theory]
    [InlineData("zh-CN")]
    [InlineData("en")]
    public async Task the_annual_report_document_matches_its_golden_output(string culture)
    {
        var (client, id) = await DemoEnterpriseAsync();

        var html = await client.GetStringAsync($"/api/v1/enterprises/{id}/reports/2024/document?lang={culture}");

        GoldenFile.ShouldMatch($"emission-report.{culture}.html", DocumentSamples.Normalize(html));
    }

    [Fact]
    public async Task the_report_document_shows_the_same_totals_sources_and_checks_as_the_report()
    {
        var (client, id) = await DemoEnterpriseAsync();
        var report = await (await client.GetAsync($"/api/v1/enterprises/{id}/reports/2024")).JsonAsync();
        var calculation = report.GetProperty("calculation");

        var page = new HtmlParser().ParseDocument(await client.GetStringAsync($"/api/v1/enterprises/{id}/reports/2024/document"));

        page.QuerySelector("h1")!.TextContent.ShouldStartWith("2024年度温室气体排放报告");
        var total = calculation.GetProperty("totalTco2").GetDecimal().ToString("N3", System.Globalization.CultureInfo.InvariantCulture);
        page.Body!.TextContent.ShouldContain($"{total} 吨CO₂");
        var sourceCodes = page.QuerySelectorAll("table.data")[2].QuerySelectorAll("tbody tr td:first-child").Select(td => td.TextContent).ToList();
        sourceCodes.ShouldBe(calculation.GetProperty("bySource").EnumerateArray().Select(s => s.GetProperty("sourceId").GetString()!).ToList());
        page.QuerySelectorAll("svg.chart rect title").Length.ShouldBe(calculation.GetProperty("byMonth").GetArrayLength());
        foreach (var check in report.GetProperty("checks").EnumerateArray()) page.Body.TextContent.ShouldContain(check.GetProperty("message").GetString()!);
        page.Body.TextContent.ShouldContain($"排放因子表第 {calculation.GetProperty("factorTableVersion").GetInt32()} 版");
    }

    [Fact]
    public async Task the_report_prints_to_a_pdf_with_the_chinese_name_and_the_total()
    {
        var (client, id) = await DemoEnterpriseAsync();
        var report = await (await client.GetAsync($"/api/v1/enterprises/{id}/reports/2024")).JsonAsync();

        var response = await client.GetAsync($"/api/v1/enterprises/{id}/reports/2024/document?format=pdf");

        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/pdf");
        var text = CoveredListDocumentTests.PdfText(await response.Content.ReadAsByteArrayAsync());
        text.ShouldContain(report.GetProperty("enterpriseName").GetString()!);
        text.ShouldContain(report.GetProperty("calculation").GetProperty("totalTco2").GetDecimal().ToString("N3", System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task another_enterprises_report_document_is_404()
    {
        var (client, id) = await DemoEnterpriseAsync();
        var drc = await registry.ClientAsync("drc");
        var others = await (await drc.GetAsync("/api/v1/enterprises?pageSize=5")).JsonAsync();
        var other = others.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("id").GetGuid()).First(e => e != id);

        await (await client.GetAsync($"/api/v1/enterprises/{other}/reports/2024/document")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        (await drc.GetAsync($"/api/v1/enterprises/{other}/reports/2024/document")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}
