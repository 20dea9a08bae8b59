using AngleSharp.Html.Parser;
using Mrv.Registry.Documents;

namespace Mrv.Registry.Tests.Documents;

public sealed class TemplateTests
{
    static readonly TemplateCatalog Catalog = TemplateCatalog.Load(DocumentSamples.Root);

    [Fact]
    public void every_template_compiles_in_both_languages()
    {
        Catalog.Documents.ShouldContain(CoveredListNotice.Document);
        foreach (var document in Catalog.Documents)
        {
            foreach (var culture in TemplateCatalog.Cultures)
            {
                Directory.Exists(Path.Combine(Catalog.Root, document)).ShouldBeTrue();
                File.Exists(Path.Combine(Catalog.Root, document, culture + ".hbs")).ShouldBeTrue($"{document} has no {culture} template");
            }
        }
    }

    [Theory]
    [InlineData("zh-CN")]
    [InlineData("en")]
    public void the_covered_list_notice_matches_its_golden_output(string culture)
    {
        var html = Catalog.Render(CoveredListNotice.Document, culture, DocumentSamples.Notice(culture)).Html;

        GoldenFile.ShouldMatch($"covered-list-notice.{culture}.html", DocumentSamples.Normalize(html));
    }

    [Fact]
    public void the_covered_list_notice_groups_enterprises_by_league_and_industry_with_a_chart()
    {
        var html = Catalog.Render(CoveredListNotice.Document, "zh-CN", DocumentSamples.Notice("zh-CN")).Html;
        var page = new HtmlParser().ParseDocument(html);

        page.QuerySelector("h1")!.TextContent.ShouldBe("2024年度纳入全国碳排放权交易市场重点排放单位名录");
        page.QuerySelectorAll("h2").Select(h => h.TextContent).ShouldBe(["各盟市纳入情况", "包头市（150200）", "鄂尔多斯市（150600）"]);
        page.QuerySelectorAll("h3").Select(h => h.TextContent).ShouldBe(["发电（1 家）", "钢铁（1 家）", "化工（1 家）"]);
        page.QuerySelector(".summary")!.TextContent.ShouldContain("共纳入 3 家，分布于 2 个盟市");
        page.QuerySelector(".summary")!.TextContent.ShouldContain("2026年3月31日");
        var bars = page.QuerySelectorAll("svg.chart rect title").Select(t => t.TextContent).ToList();
        bars.ShouldBe(["纳入单位 包头市: 2.00", "纳入单位 鄂尔多斯市: 1.00"]);
        page.QuerySelector("svg.chart")!.GetAttribute("aria-label").ShouldBe("2024年度各盟市纳入单位数");
        page.QuerySelector("table.data")!.QuerySelectorAll("tbody tr").Last().TextContent.ShouldContain("合计");
        page.QuerySelector("footer")!.TextContent.ShouldContain("/api/v1/public/documents/check");
    }

    [Fact]
    public void every_render_records_the_hash_of_the_template_it_used()
    {
        var zh = Catalog.Render(CoveredListNotice.Document, "zh-CN", DocumentSamples.Notice("zh-CN"));
        var en = Catalog.Render(CoveredListNotice.Document, "en", DocumentSamples.Notice("en"));

        zh.TemplateHash.ShouldMatch("^[0-9a-f]{64}$");
        en.TemplateHash.ShouldNotBe(zh.TemplateHash);
        Catalog.Render(CoveredListNotice.Document, "zh-CN", DocumentSamples.Notice("zh-CN")).TemplateHash.ShouldBe(zh.TemplateHash);
    }
}

public sealed class TemplateHelperTests : IDisposable
{
    readonly string root = Directory.CreateTempSubdirectory("mrv-templates-").FullName;

    public TemplateHelperTests()
    {
        Directory.CreateDirectory(Path.Combine(root, "_partials"));
        File.WriteAllText(Path.Combine(root, "_partials", "styles.hbs"), "<style></style>");
    }

    public void Dispose() => Directory.Delete(root, recursive: true);

    TemplateCatalog With(string document, string zh, string en)
    {
        Directory.CreateDirectory(Path.Combine(root, document));
        File.WriteAllText(Path.Combine(root, document, "zh-CN.hbs"), zh);
        File.WriteAllText(Path.Combine(root, document, "en.hbs"), en);
        return TemplateCatalog.Load(root);
    }

    [Fact]
    public void helpers_format_numbers_units_percentages_and_dates_in_each_language()
    {
        const string template = "{{number A 2}}|{{number B}}|{{tonnes A}}|{{tce C 1}}|{{percent D}}|{{date E}}|{{label \"industry\" F}}|{{tonnes Missing}}";
        var catalog = With("sample", template, template);
        var model = new { A = 1234567.891m, B = 42, C = 10000m, D = 0.1405m, E = new DateOnly(2026, 3, 31), F = "building_materials", Missing = (decimal?)null };

        catalog.Render("sample", "zh-CN", model).Html.ShouldBe("1,234,567.89|42|1,234,567.89 吨CO₂|10,000.0 吨标准煤|14.1%|2026年3月31日|建材|—");
        catalog.Render("sample", "en", model).Html.ShouldBe("1,234,567.89|42|1,234,567.89 t CO₂|10,000.0 tce|14.1%|31 March 2026|Building materials|—");
    }

    [Fact]
    public void a_bar_chart_draws_one_labelled_bar_per_month_and_series()
    {
        var catalog = With("chart", "{{{barChart Chart}}}", "{{{barChart Chart}}}");
        var months = Enumerable.Range(1, 12).Select(m => $"{m}月").ToList();
        var chart = new ChartModel("月度排放", "吨CO₂", months,
            [new ChartSeries("2024", months.Select((_, i) => (decimal?)(1000 + i * 10)).ToList()), new ChartSeries("2023", months.Select(_ => (decimal?)900m).ToList())]);

        var svg = new HtmlParser().ParseDocument(catalog.Render("chart", "zh-CN", new { Chart = chart }).Html);

        svg.QuerySelectorAll("rect title").Length.ShouldBe(24);
        svg.QuerySelectorAll("text").Select(t => t.TextContent).ShouldContain("12月");
        svg.QuerySelectorAll("text").Select(t => t.TextContent).ShouldContain("吨CO₂");
        svg.QuerySelectorAll("rect title").First().TextContent.ShouldBe("2024 1月: 1,000.00");
    }

    [Theory]
    [InlineData("<p>\n{{#each Items}}\n<li>{{this}}</li>\n", 2, "is never closed")]
    [InlineData("<p>\n\n{{#if A}}x{{/each}}", 3, "closes the block")]
    [InlineData("<div>\n{{> nosuchpartial}}", 2, "does not exist")]
    [InlineData("ok\nok\nbroken {{ here", 3, "never closed")]
    public void a_broken_template_stops_loading_with_its_file_and_line(string source, int line, string reason)
    {
        var error = Should.Throw<TemplateException>(() => With("broken", source, "fine"));

        error.File.ShouldEndWith(Path.Combine("broken", "zh-CN.hbs"));
        error.Line.ShouldBe(line);
        error.Message.ShouldContain(reason);
    }

    [Fact]
    public void a_document_without_its_english_template_stops_loading()
    {
        Directory.CreateDirectory(Path.Combine(root, "half"));
        File.WriteAllText(Path.Combine(root, "half", "zh-CN.hbs"), "中文");

        Should.Throw<TemplateException>(() => TemplateCatalog.Load(root)).Message.ShouldContain("no en template");
    }
}

/// <summary>Compares output with a checked-in expected file; a missing file is written and the test fails, for review.</summary>
public static class GoldenFile
{
    public static void ShouldMatch(string name, string actual)
    {
        var path = Path.Combine(DocumentSamples.GoldenFolder, name);
        if (!File.Exists(path) || Environment.GetEnvironmentVariable("MRV_UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(path, actual + "\n");
            throw new ShouldAssertException($"Golden file {name} was (re)written: review it and commit it.");
        }
        actual.ShouldBe(File.ReadAllText(path).TrimEnd('\n'));
    }
}
