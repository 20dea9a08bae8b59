using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Mrv.Registry.Tests.Monitoring;
using Mrv.Registry.Tests.Verification;
using Xunit.Abstractions;
using static Mrv.Registry.Tests.Verification.VerificationWorld;

namespace Mrv.Registry.Tests.Documents;

/// <summary>An engagement of the tests' own, carried up to the opinion and the lead verifier's signature.</summary>
public static class SigningEngagements
{
    public static async Task<(TestAgency Agency, Guid EngagementId, PlannedEnterprise Plant)> AwaitingReviewerAsync(RegistryFixture registry)
    {
        var agency = await AgencyAsync(registry);
        var plant = await SubmittedAsync(registry);
        var engagementId = (await AssignDirectlyAsync(plant.Drc, plant.Id, agency.Id)).GetProperty("engagementId").GetGuid();
        var assigned = (await OkAsync(agency.Lead.Client.GetAsync(Url(engagementId)))).GetProperty("engagement");
        await FieldworkAsync(agency, engagementId);
        await OpinionAsync(agency, engagementId, assigned, factor: 1.01m);
        await OkAsync(agency.Lead.Client.PostAsJsonAsync(Url(engagementId, "sign"), new { role = "lead" }));
        return (agency, engagementId, plant);
    }

    public static async Task<List<JsonElement>> IssuedAsync(HttpClient client, Guid engagementId) =>
        [.. (await OkAsync(client.GetAsync(Url(engagementId, "documents")))).EnumerateArray()];
}

public sealed class VerificationReportIssuanceTests(RegistryFixture registry, ITestOutputHelper output) : IClassFixture<RegistryFixture>
{
    static MultipartFormDataContent Upload(byte[] bytes) => new() { { new ByteArrayContent(bytes), "file", "report.pdf" } };

    [Fact]
    public async Task the_second_signature_issues_exactly_one_signed_report_whose_bytes_verify_and_an_edited_copy_does_not()
    {
        var (agency, engagementId, _) = await SigningEngagements.AwaitingReviewerAsync(registry);
        var beforeSignOff = await SigningEngagements.IssuedAsync(agency.Lead.Client, engagementId);

        var clock = Stopwatch.StartNew();
        var signed = await OkAsync(agency.Reviewer.Client.PostAsJsonAsync(Url(engagementId, "sign"), new { role = "reviewer" }));
        output.WriteLine($"Sign-off with the PDF report issued in its transaction: {clock.ElapsedMilliseconds} ms");
        var again = await OkAsync(agency.Reviewer.Client.PostAsJsonAsync(Url(engagementId, "sign"), new { role = "reviewer" }));
        var issued = await SigningEngagements.IssuedAsync(agency.Lead.Client, engagementId);
        var bytes = await agency.Lead.Client.GetByteArrayAsync(Url(engagementId, $"documents/{issued.Single().GetProperty("documentId").GetGuid()}"));
        var anonymous = registry.Anonymous();
        var genuine = await OkAsync(anonymous.PostAsync("/api/v1/public/documents/check", Upload(bytes)));
        var edited = (byte[])bytes.Clone();
        edited[edited.Length / 2] ^= 0x20;
        var forged = await OkAsync(anonymous.PostAsync("/api/v1/public/documents/check", Upload(edited)));
        var events = await registry.CountAsync(
            $"select count(*) from eventstore.events where type = 'document_issued.v1' and data->>'subject' = 'engagement/{engagementId}'");

        beforeSignOff.ShouldBeEmpty();
        signed.GetProperty("engagement").GetProperty("status").GetString().ShouldBe("signed");
        again.GetProperty("engagement").GetProperty("status").GetString().ShouldBe("signed");
        events.ShouldBe(1);
        var report = issued.Single();
        report.GetProperty("kind").GetString().ShouldBe("verification_report");
        report.GetProperty("format").GetString().ShouldBe("pdf");
        report.GetProperty("culture").GetString().ShouldBe("zh-CN");
        report.GetProperty("issuedBy").GetString().ShouldBe(agency.Reviewer.Username);
        report.GetProperty("templateHash").GetString()!.ShouldMatch("^[0-9a-f]{64}$");
        Convert.ToHexStringLower(SHA256.HashData(bytes)).ShouldBe(report.GetProperty("sha256").GetString());
        Encoding.ASCII.GetString(bytes, 0, 5).ShouldBe("%PDF-");
        genuine.GetProperty("authentic").GetBoolean().ShouldBeTrue();
        genuine.GetProperty("document").GetProperty("documentId").GetString().ShouldBe(report.GetProperty("documentId").GetString());
        forged.GetProperty("authentic").GetBoolean().ShouldBeFalse();
        var text = CoveredListDocumentTests.PdfText(bytes);
        text.ShouldContain(agency.Name);
        text.ShouldContain("技术复核人");
    }

    [Fact]
    public async Task the_enterprise_and_the_drc_read_the_issued_report_and_another_agency_does_not()
    {
        var (agency, engagementId, plant) = await SigningEngagements.AwaitingReviewerAsync(registry);
        await OkAsync(agency.Reviewer.Client.PostAsJsonAsync(Url(engagementId, "sign"), new { role = "reviewer" }));
        var other = await AgencyAsync(registry);
        var documentId = (await SigningEngagements.IssuedAsync(plant.Drc, engagementId)).Single().GetProperty("documentId").GetGuid();

        await (await other.Reviewer.Client.GetAsync(Url(engagementId, $"documents/{documentId}"))).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await other.Reviewer.Client.GetAsync(Url(engagementId, "documents"))).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await other.Lead.Client.GetAsync(Url(engagementId, "document"))).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        (await plant.Drc.GetAsync(Url(engagementId, $"documents/{documentId}"))).Content.Headers.ContentType!.MediaType.ShouldBe("application/pdf");
        (await plant.Enterprise.GetAsync(Url(engagementId, $"documents/{documentId}"))).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await SigningEngagements.IssuedAsync(plant.Enterprise, engagementId)).Single().GetProperty("documentId").GetGuid().ShouldBe(documentId);
    }
}

/// <summary>The registry on a machine where Chromium cannot be found.</summary>
public sealed class NoChromiumRegistryFixture : RegistryFixture
{
    protected override void Configure(IWebHostBuilder host) => host.UseSetting("Mrv:Chromium:Path", "/nonexistent/chromium");
}

public sealed class SignOffWithoutChromiumTests(NoChromiumRegistryFixture registry) : IClassFixture<NoChromiumRegistryFixture>
{
    [Fact]
    public async Task without_chromium_the_second_signature_is_refused_with_503_and_writes_nothing()
    {
        var (agency, engagementId, plant) = await SigningEngagements.AwaitingReviewerAsync(registry);
        var events = await registry.CountAsync("select count(*) from eventstore.events");
        var files = await registry.CountAsync("select count(*) from registry.document_files");

        var refused = await agency.Reviewer.Client.PostAsJsonAsync(Url(engagementId, "sign"), new { role = "reviewer" });

        var problem = await refused.ShouldBeProblemAsync(HttpStatusCode.ServiceUnavailable);
        problem.GetProperty("type").GetString().ShouldBe("/problems/pdf-unavailable");
        problem.GetProperty("detail").GetString()!.ShouldStartWith("Nothing was signed");
        (await registry.CountAsync("select count(*) from eventstore.events")).ShouldBe(events);
        (await registry.CountAsync("select count(*) from registry.document_files")).ShouldBe(files);
        var engagement = (await OkAsync(agency.Lead.Client.GetAsync(Url(engagementId)))).GetProperty("engagement");
        engagement.GetProperty("status").GetString().ShouldBe("opinion_issued");
        engagement.GetProperty("signatures").GetArrayLength().ShouldBe(1);
        (await OkAsync(plant.Drc.GetAsync($"/api/v1/enterprises/{plant.Id}/reports/{Year}"))).GetProperty("status").GetString().ShouldBe("under_verification");
        (await SigningEngagements.IssuedAsync(plant.Drc, engagementId)).ShouldBeEmpty();
    }
}
