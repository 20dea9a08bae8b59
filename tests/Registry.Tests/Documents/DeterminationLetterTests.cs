using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using AngleSharp.Html.Parser;
using Mrv.Registry.Demo;
using static Mrv.Registry.Tests.Verification.VerificationWorld;

namespace Mrv.Registry.Tests.Documents;

/// <summary>The determination notice (核定通知书) of the demo's determined 2023 reports.</summary>
public sealed class DeterminationLetterTests(RegistryFixture registry) : IClassFixture<RegistryFixture>
{
    static readonly Guid DemoEnterprise = DemoData.DemoEnterpriseId;

    static string Letter(Guid enterpriseId, int year, string rest = "") => $"/api/v1/enterprises/{enterpriseId}/reports/{year}/determination-letter{rest}";

    static string Documents(Guid enterpriseId, int year, string rest = "") => $"/api/v1/enterprises/{enterpriseId}/reports/{year}/documents{rest}";

    static string Tonnes(decimal value) => value.ToString("N3", CultureInfo.InvariantCulture);

    /// <summary>The first report of the year in the status that has no notice issued (the demo issues some).</summary>
    async Task<Guid> ReportInStatusAsync(HttpClient drc, int year, string status)
    {
        await registry.WaitForProjectionsAsync();
        var reports = await OkAsync(drc.GetAsync($"/api/v1/reports?year={year}&status={status}&pageSize=500"));
        foreach (var id in reports.GetProperty("items").EnumerateArray().Select(r => r.GetProperty("enterpriseId").GetGuid()))
        {
            if ((await OkAsync(drc.GetAsync(Documents(id, year)))).GetArrayLength() == 0) return id;
        }
        throw new InvalidOperationException($"No {status} report of {year} without a notice.");
    }

    [Theory]
    [InlineData("zh-CN")]
    [InlineData("en")]
    public async Task the_determination_notice_matches_its_golden_output(string culture)
    {
        var enterprise = await registry.ClientAsync("enterprise-demo");

        var html = await enterprise.GetStringAsync(Letter(DemoEnterprise, 2023, $"?lang={culture}"));

        GoldenFile.ShouldMatch($"determination-letter.{culture}.html", DocumentSamples.Normalize(html));
    }

    [Fact]
    public async Task the_notice_states_the_determined_figures_beside_the_reported_and_verified_ones_and_the_verification_behind_them()
    {
        var enterprise = await registry.ClientAsync("enterprise-demo");
        var report = await OkAsync(enterprise.GetAsync($"/api/v1/enterprises/{DemoEnterprise}/reports/2023"));
        var determination = report.GetProperty("determination");
        var verified = report.GetProperty("verification").GetProperty("figures");
        var engagement = (await OkAsync(enterprise.GetAsync(Url(report.GetProperty("verification").GetProperty("engagementId").GetGuid())))).GetProperty("engagement");

        var page = new HtmlParser().ParseDocument(await enterprise.GetStringAsync(Letter(DemoEnterprise, 2023)));

        page.QuerySelector("h1")!.TextContent.ShouldBe("2023年度碳排放核定通知书");
        page.QuerySelector(".letterhead .issuer")!.TextContent.ShouldBe("内蒙古自治区发展和改革委员会");
        page.QuerySelector(".addressee")!.TextContent.ShouldStartWith(report.GetProperty("enterpriseName").GetString()!);
        var determined = page.QuerySelector("table.determined")!.TextContent;
        determined.ShouldContain($"{Tonnes(determination.GetProperty("emissionsTco2").GetDecimal())} 吨CO₂");
        determined.ShouldContain($"{Tonnes(determination.GetProperty("energyTce").GetDecimal())} 吨标准煤");
        determined.ShouldContain(determination.GetProperty("basis").GetString() == "accepted" ? "采纳核查结果" : "调整核定");
        var rows = page.QuerySelectorAll("table.data:not(.determined) tbody tr").Select(r => r.QuerySelectorAll("td").Select(td => td.TextContent).ToList()).ToList();
        rows[0].ShouldBe(["企业报告值", Tonnes(report.GetProperty("calculation").GetProperty("totalTco2").GetDecimal()),
            Tonnes(report.GetProperty("calculation").GetProperty("energyTce").GetDecimal())]);
        rows[1].ShouldBe(["第三方核查值", Tonnes(verified.GetProperty("emissionsTco2").GetDecimal()), Tonnes(verified.GetProperty("energyTce").GetDecimal())]);
        rows[2][0].ShouldBe("核定值");
        page.Body!.TextContent.ShouldContain($"经{engagement.GetProperty("agencyName").GetString()}核查（核查结论：通过");
    }

    [Fact]
    public async Task a_notice_of_figures_determined_otherwise_gives_the_reason_and_the_difference_from_the_verified_ones()
    {
        var drc = await registry.ClientAsync("drc");
        var enterpriseId = Guid.Parse((string)(await registry.Database.ScalarAsAdminAsync<object>(
            "select data->>'enterpriseId' from eventstore.events where type = 'report_determined.v1' and data->>'basis' = 'overridden' limit 1")));
        var report = await OkAsync(drc.GetAsync($"/api/v1/enterprises/{enterpriseId}/reports/2023"));
        var determined = report.GetProperty("determination").GetProperty("emissionsTco2").GetDecimal();
        var verified = report.GetProperty("verification").GetProperty("figures").GetProperty("emissionsTco2").GetDecimal();

        var page = new HtmlParser().ParseDocument(await drc.GetStringAsync(Letter(enterpriseId, 2023)));

        var facts = page.QuerySelector("table.determined")!.TextContent;
        facts.ShouldContain("调整核定");
        facts.ShouldContain(report.GetProperty("determination").GetProperty("reason").GetString()!);
        var percent = Math.Round((determined - verified) / verified * 100m, 2, MidpointRounding.AwayFromZero);
        page.QuerySelectorAll("table.data:not(.determined) tbody tr").Last().QuerySelectorAll("td")[1].TextContent
            .ShouldBe($"+{Tonnes(determined - verified)} (+{percent.ToString("N2", CultureInfo.InvariantCulture)}%)");
        page.Body!.TextContent.ShouldContain("本委于2024年7月22日经复核调整");
    }

    [Fact]
    public async Task the_drc_issues_the_notice_once_per_determination_and_its_bytes_verify_while_an_edited_copy_does_not()
    {
        var drc = await registry.ClientAsync("drc");
        var enterpriseId = await ReportInStatusAsync(drc, 2023, "determined");
        var report = await OkAsync(drc.GetAsync($"/api/v1/enterprises/{enterpriseId}/reports/2023"));

        var issued = await drc.PostAsync(Letter(enterpriseId, 2023), null);
        var again = await drc.PostAsync(Letter(enterpriseId, 2023), null);

        issued.StatusCode.ShouldBe(HttpStatusCode.Created, await issued.Content.ReadAsStringAsync());
        again.StatusCode.ShouldBe(HttpStatusCode.OK);
        var letter = await issued.JsonAsync();
        (await again.JsonAsync()).GetProperty("documentId").GetString().ShouldBe(letter.GetProperty("documentId").GetString());
        again.Headers.Location.ShouldBe(issued.Headers.Location);
        letter.GetProperty("kind").GetString().ShouldBe("determination_letter");
        letter.GetProperty("format").GetString().ShouldBe("pdf");
        letter.GetProperty("issuedBy").GetString().ShouldBe("drc");
        var bytes = await drc.GetByteArrayAsync(issued.Headers.Location);
        Convert.ToHexStringLower(SHA256.HashData(bytes)).ShouldBe(letter.GetProperty("sha256").GetString());
        (await OkAsync(drc.GetAsync(Documents(enterpriseId, 2023)))).EnumerateArray()
            .Count(d => d.GetProperty("kind").GetString() == "determination_letter" && d.GetProperty("format").GetString() == "pdf").ShouldBe(1);

        var anonymous = registry.Anonymous();
        var genuine = await OkAsync(anonymous.PostAsync("/api/v1/public/documents/check", new ByteArrayContent(bytes)));
        genuine.GetProperty("authentic").GetBoolean().ShouldBeTrue();
        genuine.GetProperty("document").GetProperty("subject").GetString().ShouldBe($"report/{enterpriseId}/2023");
        var edited = (byte[])bytes.Clone();
        edited[edited.Length / 3] ^= 0x01;
        (await OkAsync(anonymous.PostAsync("/api/v1/public/documents/check", new ByteArrayContent(edited)))).GetProperty("authentic").GetBoolean().ShouldBeFalse();

        var text = CoveredListDocumentTests.PdfText(bytes);
        text.ShouldContain(report.GetProperty("enterpriseName").GetString()!);
        text.ShouldContain(Tonnes(report.GetProperty("determination").GetProperty("emissionsTco2").GetDecimal()));
    }

    [Fact]
    public async Task a_report_not_yet_determined_gets_no_notice_and_nothing_is_written()
    {
        var drc = await registry.ClientAsync("drc");
        var verifiedOnly = await ReportInStatusAsync(drc, 2023, "verified");
        var events = await registry.CountAsync("select count(*) from eventstore.events");
        var files = await registry.CountAsync("select count(*) from registry.document_files");

        var refused = await drc.PostAsync(Letter(verifiedOnly, 2023), null);
        var preview = await drc.GetAsync(Letter(verifiedOnly, 2023));
        var english = await (await registry.ClientAsync("drc", "en")).PostAsync(Letter(verifiedOnly, 2023), null);

        var problem = await refused.ShouldBeProblemAsync(HttpStatusCode.Conflict);
        problem.GetProperty("code").GetString().ShouldBe("report.not_determined_for_letter");
        problem.GetProperty("detail").GetString()!.ShouldContain("尚未核定，不能出具核定通知书");
        (await english.ShouldBeProblemAsync(HttpStatusCode.Conflict)).GetProperty("detail").GetString()!.ShouldContain("not determined");
        (await preview.ShouldBeProblemAsync(HttpStatusCode.Conflict)).GetProperty("code").GetString().ShouldBe("report.not_determined_for_letter");
        (await registry.CountAsync("select count(*) from eventstore.events")).ShouldBe(events);
        (await registry.CountAsync("select count(*) from registry.document_files")).ShouldBe(files);
        (await OkAsync(drc.GetAsync(Documents(verifiedOnly, 2023)))).GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task the_enterprise_reads_its_own_notices_but_not_anothers_and_only_the_drc_issues()
    {
        var enterprise = await registry.ClientAsync("enterprise-demo");
        var drc = await registry.ClientAsync("drc");
        var other = await ReportInStatusAsync(drc, 2023, "verified");

        var own = (await OkAsync(enterprise.GetAsync(Documents(DemoEnterprise, 2023)))).EnumerateArray().ToList();
        var bytes = await enterprise.GetByteArrayAsync(Documents(DemoEnterprise, 2023, $"/{own.Single().GetProperty("documentId").GetGuid()}"));

        own.Single().GetProperty("kind").GetString().ShouldBe("determination_letter");
        Convert.ToHexStringLower(SHA256.HashData(bytes)).ShouldBe(own.Single().GetProperty("sha256").GetString());
        await (await enterprise.GetAsync(Documents(other, 2023))).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await enterprise.GetAsync(Letter(other, 2023))).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await enterprise.PostAsync(Letter(DemoEnterprise, 2023), null)).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await (await registry.ClientAsync("league-baotou")).PostAsync(Letter(DemoEnterprise, 2023), null)).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await enterprise.GetAsync(Documents(DemoEnterprise, 2023, $"/{Guid.NewGuid()}"))).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        (await drc.GetAsync(Letter(DemoEnterprise, 2023, "?format=docx"))).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }
}
