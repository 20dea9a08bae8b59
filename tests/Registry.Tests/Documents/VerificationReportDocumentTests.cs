using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using AngleSharp.Html.Parser;
using Mrv.Registry.Demo;
using static Mrv.Registry.Tests.Verification.VerificationWorld;

namespace Mrv.Registry.Tests.Documents;

/// <summary>The verification report of the demo enterprise's signed 2023 engagement, as the demo seeds it.</summary>
public sealed class VerificationReportDocumentTests(RegistryFixture registry) : IClassFixture<RegistryFixture>
{
    async Task<(HttpClient Enterprise, JsonElement Engagement)> DemoEngagementAsync()
    {
        var enterprise = await registry.ClientAsync("enterprise-demo");
        var list = await OkAsync(enterprise.GetAsync("/api/v1/verification/engagements?year=2023"));
        var id = list.GetProperty("items").EnumerateArray().Single().GetProperty("id").GetGuid();
        return (enterprise, (await OkAsync(enterprise.GetAsync(Url(id)))).GetProperty("engagement"));
    }

    static string Tonnes(decimal value) => value.ToString("N3", CultureInfo.InvariantCulture);

    [Theory]
    [InlineData("zh-CN")]
    [InlineData("en")]
    public async Task the_verification_report_matches_its_golden_output(string culture)
    {
        var (enterprise, engagement) = await DemoEngagementAsync();

        var html = await enterprise.GetStringAsync(Url(engagement.GetProperty("id").GetGuid(), $"document?lang={culture}"));

        GoldenFile.ShouldMatch($"verification-report.{culture}.html", DocumentSamples.Normalize(html));
    }

    [Fact]
    public async Task the_report_shows_the_enterprise_the_verified_total_the_difference_the_opinion_and_both_signers()
    {
        var (enterprise, engagement) = await DemoEngagementAsync();
        var opinion = engagement.GetProperty("opinion");
        var emissions = opinion.GetProperty("emissionsTco2");
        var signers = engagement.GetProperty("signatures").EnumerateArray().Select(s => s.GetProperty("signer").GetProperty("nameZh").GetString()!).ToList();

        var response = await enterprise.GetAsync(Url(engagement.GetProperty("id").GetGuid(), "document"));
        var page = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());

        response.Headers.GetValues("X-Template-Hash").Single().ShouldMatch("^[0-9a-f]{64}$");
        page.QuerySelector("h1")!.TextContent.ShouldBe($"{engagement.GetProperty("enterpriseName").GetString()}2023年度温室气体排放核查报告");
        page.QuerySelector("table.opinion")!.TextContent.ShouldContain($"{Tonnes(emissions.GetProperty("verified").GetDecimal())} 吨CO₂");
        page.QuerySelector("table.opinion .status")!.TextContent.ShouldBe("通过");
        var total = page.QuerySelectorAll("table.data")
            .First(t => t.QuerySelector("th")?.TextContent == "排放源").QuerySelectorAll("tbody tr").Last().QuerySelectorAll("td").Select(td => td.TextContent).ToList();
        var percent = emissions.GetProperty("differencePercent").GetDecimal();
        total.ShouldBe(["", "合计", Tonnes(emissions.GetProperty("reported").GetDecimal()), Tonnes(emissions.GetProperty("verified").GetDecimal()),
            "+" + Tonnes(emissions.GetProperty("difference").GetDecimal()), $"+{percent.ToString("N2", CultureInfo.InvariantCulture)}%"]);
        page.Body!.TextContent.ShouldContain($"本次差异率为 +{percent.ToString("N2", CultureInfo.InvariantCulture)}%，未构成重大偏差");
        page.QuerySelectorAll("table.signatures tbody tr td:nth-child(2)").Select(td => td.TextContent).ShouldBe(signers);
        page.QuerySelectorAll("h3.finding").Length.ShouldBe(engagement.GetProperty("findings").GetArrayLength());
        page.QuerySelector("h3.finding .status")!.TextContent.ShouldBe("已关闭");
        page.QuerySelectorAll("svg.chart rect title").Length.ShouldBe(2 * opinion.GetProperty("sources").GetArrayLength());
    }

    [Fact]
    public async Task every_demo_engagement_renders_at_its_stage_and_an_unsigned_one_says_it_is_not_signed()
    {
        var drc = await registry.ClientAsync("drc", "en");
        var engagements = (await OkAsync(drc.GetAsync("/api/v1/verification/engagements?pageSize=500"))).GetProperty("items").EnumerateArray().ToList();

        foreach (var engagement in engagements)
        {
            var response = await drc.GetAsync(Url(engagement.GetProperty("id").GetGuid(), "document"));
            response.StatusCode.ShouldBe(HttpStatusCode.OK);
            var summary = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync()).QuerySelector(".summary")!.TextContent;
            if (engagement.GetProperty("status").GetString() == "signed") summary.ShouldNotContain("have not signed");
            else summary.ShouldContain("have not signed this report yet");
        }
        engagements.Select(e => e.GetProperty("status").GetString()).Distinct().Count().ShouldBeGreaterThanOrEqualTo(5);
    }

    [Fact]
    public async Task the_report_prints_to_a_pdf_with_the_chinese_name_and_the_verified_total()
    {
        var (enterprise, engagement) = await DemoEngagementAsync();

        var response = await enterprise.GetAsync(Url(engagement.GetProperty("id").GetGuid(), "document?format=pdf"));

        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/pdf");
        var text = CoveredListDocumentTests.PdfText(await response.Content.ReadAsByteArrayAsync());
        text.ShouldContain(engagement.GetProperty("enterpriseName").GetString()!);
        text.ShouldContain(Tonnes(engagement.GetProperty("opinion").GetProperty("emissionsTco2").GetProperty("verified").GetDecimal()));
    }

    [Fact]
    public async Task the_demos_signed_engagements_each_have_one_issued_report_that_verifies()
    {
        var (enterprise, engagement) = await DemoEngagementAsync();
        var id = engagement.GetProperty("id").GetGuid();

        var issued = (await OkAsync(enterprise.GetAsync(Url(id, "documents")))).EnumerateArray().ToList();
        var bytes = await enterprise.GetByteArrayAsync(Url(id, $"documents/{issued.Single().GetProperty("documentId").GetGuid()}"));
        var check = await OkAsync(registry.Anonymous().PostAsync("/api/v1/public/documents/check", new ByteArrayContent(bytes)));
        var signed = await registry.CountAsync("select count(*) from readmodels.verification_engagements where data->>'status' = 'signed'");
        var reports = await registry.CountAsync("select count(*) from readmodels.issued_documents where data->>'kind' = 'verification_report'");
        var reportsOfSigned = await registry.CountAsync("""
            select count(distinct e.id) from readmodels.verification_engagements e
            join readmodels.issued_documents d on d.data->>'subject' = 'engagement/' || (e.data->>'id')
            where e.data->>'status' = 'signed'
            """);

        issued.Single().GetProperty("kind").GetString().ShouldBe("verification_report");
        Convert.ToHexStringLower(SHA256.HashData(bytes)).ShouldBe(issued.Single().GetProperty("sha256").GetString());
        check.GetProperty("authentic").GetBoolean().ShouldBeTrue();
        check.GetProperty("document").GetProperty("subject").GetString().ShouldBe($"engagement/{id}");
        signed.ShouldBeGreaterThan(0);
        reports.ShouldBe(signed);
        reportsOfSigned.ShouldBe(signed);
    }

    [Fact]
    public async Task seeding_the_demo_again_issues_no_report_twice()
    {
        var before = await registry.CountAsync("select count(*) from eventstore.events where type = 'document_issued.v1'");

        using (var scope = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.CreateScope(registry.Factory.Services))
        {
            await Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<DemoData>(scope.ServiceProvider).SeedAsync(TextWriter.Null);
        }

        (await registry.CountAsync("select count(*) from eventstore.events where type = 'document_issued.v1'")).ShouldBe(before);
    }

    [Fact]
    public async Task only_those_who_see_the_engagement_see_its_report()
    {
        var (enterprise, engagement) = await DemoEngagementAsync();
        var id = engagement.GetProperty("id").GetGuid();
        var documentId = (await OkAsync(enterprise.GetAsync(Url(id, "documents"))))[0].GetProperty("documentId").GetGuid();
        var otherAgency = await AgencyAsync(registry);
        var drc = await registry.ClientAsync("drc");
        var ownAgency = engagement.GetProperty("agencyId").GetGuid() == DemoData.DemoAgencyId ? await registry.ClientAsync("verifier-demo") : null;

        foreach (var path in new[] { "document", "documents", $"documents/{documentId}" })
        {
            await (await otherAgency.Lead.Client.GetAsync(Url(id, path))).ShouldBeProblemAsync(HttpStatusCode.NotFound);
            (await drc.GetAsync(Url(id, path))).StatusCode.ShouldBe(HttpStatusCode.OK);
            if (ownAgency is not null) (await ownAgency.GetAsync(Url(id, path))).StatusCode.ShouldBe(HttpStatusCode.OK);
        }
        await (await registry.Anonymous().GetAsync(Url(id, "document"))).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        (await drc.GetAsync(Url(Guid.NewGuid(), "document"))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await registry.Anonymous().GetAsync($"/api/v1/public/covered-list/2023/documents/{documentId}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var problem = await (await drc.GetAsync(Url(id, "document?format=docx"))).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        problem.ShouldNameField("format", "one_of");
    }
}
