using System.Net;
using AngleSharp.Html.Parser;

namespace Mrv.Registry.Tests.Documents;

public sealed class BulletinDocumentTests(RegistryFixture registry) : IClassFixture<RegistryFixture>
{
    [Fact]
    public async Task the_bulletin_document_colours_each_league_by_its_warning_level_and_charts_it_against_the_path()
    {
        var anonymous = registry.Anonymous();
        var data = await (await anonymous.GetAsync("/api/v1/public/bulletin/2020")).JsonAsync();
        var levels = data.GetProperty("leagues").EnumerateArray()
            .ToDictionary(l => l.GetProperty("nameZh").GetString()!, l => l.GetProperty("level").GetString()!);

        var response = await anonymous.GetAsync("/api/v1/public/bulletin/2020/document");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var page = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
        page.QuerySelector("h1")!.TextContent.ShouldBe("2020年度各盟市节能降碳目标完成情况及预警公报");
        var rows = page.QuerySelectorAll("table.data")[1].QuerySelectorAll("tbody tr");
        rows.Length.ShouldBe(12);
        foreach (var row in rows)
        {
            var name = row.QuerySelector("td")!.TextContent;
            row.ClassList.ShouldContain($"level-{levels[name]}");
        }
        levels.Values.Distinct().Count().ShouldBeGreaterThan(1, "the demo shows a mix of levels");
        page.QuerySelectorAll("svg.chart").Length.ShouldBe(2);
        page.QuerySelectorAll("svg.chart")[0].QuerySelectorAll("rect title").Select(t => t.TextContent).ShouldContain(t => t.StartsWith("进度目标 包头市"));
    }

    [Fact]
    public async Task the_bulletin_prints_in_english_too_and_a_year_outside_every_period_is_404()
    {
        var anonymous = registry.Anonymous();

        var pdf = await anonymous.GetAsync("/api/v1/public/bulletin/2020/document?format=pdf&lang=en");

        pdf.Content.Headers.ContentType!.MediaType.ShouldBe("application/pdf");
        var text = CoveredListDocumentTests.PdfText(await pdf.Content.ReadAsByteArrayAsync());
        text.ShouldContain("Energy and carbon targets of the leagues and cities");
        text.ShouldContain("Baotou");
        await (await anonymous.GetAsync("/api/v1/public/bulletin/2031/document")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }
}
