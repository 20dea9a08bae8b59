using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Mrv.Registry.Tests.Enterprises;
using Mrv.Registry.Tests.Monitoring;

namespace Mrv.Registry.Tests.Verification;

/// <summary>A verifier of a test agency: the person's id and a client signed in with their own account.</summary>
public sealed record TestVerifier(Guid Id, string Username, HttpClient Client);

/// <summary>A test agency with a lead verifier, a member and a technical reviewer, each with an account.</summary>
public sealed record TestAgency(Guid Id, string Name, string CreditCode, TestVerifier Lead, TestVerifier Member, TestVerifier Reviewer);

/// <summary>
/// Agencies, verifiers and submitted reports of the tests' own. The industry defaults to paper, which
/// no demo agency covers, so only the tests' agencies are eligible for the tests' enterprises.
/// </summary>
public static class VerificationWorld
{
    public const string Industry = "paper";
    public const int Year = 2025;
    const string Password = "verifier-pass-1";

    public static async Task<JsonElement> RegisterAgencyAsync(HttpClient drc, string? name = null, string[]? scopes = null, int cap = 10, string? creditCode = null)
    {
        var response = await drc.PostAsJsonAsync("/api/v1/verification/agencies", new
        {
            nameZh = name ?? "测试核查机构" + Guid.NewGuid().ToString("N")[..6], nameEn = "Test Verification Agency",
            creditCode = creditCode ?? TestEnterprises.NewCreditCode(), scopes = scopes ?? [Industry], workloadCap = cap,
        });
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.JsonAsync()).GetProperty("agency");
    }

    /// <summary>Registers an agency with three verifiers, and an account for each.</summary>
    public static async Task<TestAgency> AgencyAsync(RegistryFixture registry, string[]? scopes = null, int cap = 10, string language = "en")
    {
        var drc = await registry.ClientAsync("drc", language);
        var agency = await RegisterAgencyAsync(drc, scopes: scopes, cap: cap);
        var id = agency.GetProperty("id").GetGuid();
        return new TestAgency(id, agency.GetProperty("nameZh").GetString()!, agency.GetProperty("creditCode").GetString()!,
            await VerifierAsync(registry, drc, id, "lead", ["lead_verifier", "verifier"], language),
            await VerifierAsync(registry, drc, id, "member", ["verifier"], language),
            await VerifierAsync(registry, drc, id, "reviewer", ["technical_reviewer"], language));
    }

    public static async Task<TestVerifier> VerifierAsync(RegistryFixture registry, HttpClient drc, Guid agencyId, string role, string[] qualifications, string language = "en")
    {
        var username = $"v-{role}-{Guid.NewGuid().ToString("N")[..8]}";
        var user = await drc.PostAsJsonAsync("/api/v1/users", new { username, password = Password, role = "verifier", agencyId });
        user.StatusCode.ShouldBe(HttpStatusCode.Created, await user.Content.ReadAsStringAsync());
        var person = await drc.PostAsJsonAsync($"/api/v1/verification/agencies/{agencyId}/verifiers", new
        {
            nameZh = "核查员" + role, nameEn = "Verifier " + role, username, certificateNo = "CERT-" + Guid.NewGuid().ToString("N")[..10],
            qualifications, industries = new[] { Industry, "building_materials" },
        });
        person.StatusCode.ShouldBe(HttpStatusCode.Created, await person.Content.ReadAsStringAsync());
        return new TestVerifier((await person.JsonAsync()).GetProperty("id").GetGuid(), username, await registry.ClientAsync(username, language, Password));
    }

    /// <summary>An enterprise of the tests' industry with a complete year recorded and its report submitted.</summary>
    public static async Task<PlannedEnterprise> SubmittedAsync(RegistryFixture registry, string industry = Industry)
    {
        var plant = await PlannedEnterprises.CreateAsync(registry, Year, industry: industry);
        await plant.RecordYearAsync(Year);
        var submitted = await plant.Enterprise.PostAsync($"/api/v1/enterprises/{plant.Id}/reports/{Year}/submit", null);
        submitted.StatusCode.ShouldBe(HttpStatusCode.OK, await submitted.Content.ReadAsStringAsync());
        return plant;
    }

    public static async Task<string> CreditCodeOfAsync(HttpClient drc, Guid enterpriseId) =>
        (await (await drc.GetAsync($"/api/v1/enterprises/{enterpriseId}")).JsonAsync()).GetProperty("creditCode").GetString()!;

    public static async Task<JsonElement> AssignDirectlyAsync(HttpClient drc, Guid enterpriseId, Guid agencyId, string reason = "本行业仅此一家机构具备资质")
    {
        var response = await drc.PostAsJsonAsync($"/api/v1/verification/assignments/{enterpriseId}/{Year}/direct", new { agencyId, reason });
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await response.JsonAsync();
    }

    public static async Task<JsonElement> OkAsync(Task<HttpResponseMessage> request)
    {
        var response = await request;
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.JsonAsync();
    }

    public static string Url(Guid engagementId, string step = "") => $"/api/v1/verification/engagements/{engagementId}{(step.Length > 0 ? "/" + step : "")}";

    /// <summary>Accepted, planned, documents reviewed and site visited: ready for findings and the opinion.</summary>
    public static async Task FieldworkAsync(TestAgency agency, Guid engagementId)
    {
        await OkAsync(agency.Lead.Client.PostAsJsonAsync(Url(engagementId, "accept"), new { noConflictOfInterest = true }));
        await OkAsync(agency.Lead.Client.PostAsJsonAsync(Url(engagementId, "plan"),
            new { leadId = agency.Lead.Id, memberIds = new[] { agency.Member.Id }, reviewerId = agency.Reviewer.Id, siteVisitPlannedOn = "2026-03-01" }));
        await OkAsync(agency.Member.Client.PostAsJsonAsync(Url(engagementId, "document-review"),
            new { reviewedOn = "2026-03-01", summary = "排放报告、监测计划与月度存证已核对。" }));
        await OkAsync(agency.Lead.Client.PostAsJsonAsync(Url(engagementId, "site-visit"), new
        {
            visitedOn = "2026-03-01", verifierIds = new[] { agency.Lead.Id, agency.Member.Id }, enterpriseAttendees = new[] { "张厂长（生产副总）", "刘工（能源管理员）" },
            summary = "现场查看窑炉、皮带秤与关口电能表，抽查 3 个月台账。",
        }));
    }

    /// <summary>The opinion with each source verified at the reported figures times <paramref name="factor"/>.</summary>
    public static async Task<JsonElement> OpinionAsync(TestAgency agency, Guid engagementId, JsonElement engagement, decimal factor = 1m, string opinion = "pass")
    {
        var sources = engagement.GetProperty("reported").GetProperty("sources").EnumerateArray().Select(s => new
        {
            sourceCode = s.GetProperty("sourceCode").GetString(),
            emissionsTco2 = Math.Round(s.GetProperty("emissionsTco2").GetDecimal() * factor, 3),
            energyTce = Math.Round(s.GetProperty("energyTce").GetDecimal() * factor, 3),
        }).ToList();
        return await OkAsync(agency.Lead.Client.PostAsJsonAsync(Url(engagementId, "opinion"),
            new { opinion, summary = "排放报告数据真实、准确，符合核算指南要求。", sources }));
    }
}
