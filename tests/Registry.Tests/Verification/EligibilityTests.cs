using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Mrv.EventStore;
using Mrv.Verification.Assignment;
using static Mrv.Registry.Tests.Verification.VerificationWorld;

namespace Mrv.Registry.Tests.Verification;

public sealed class EligibilityTests(RegistryFixture registry) : IClassFixture<RegistryFixture>
{
    static async Task<Guid> AgencyIdAsync(HttpClient drc, string[]? scopes = null, int cap = 10) =>
        (await RegisterAgencyAsync(drc, scopes: scopes, cap: cap)).GetProperty("id").GetGuid();

    static async Task PostOkAsync(HttpClient drc, string url, object body)
    {
        var response = await drc.PostAsJsonAsync(url, body);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Who verified the enterprise before the registry kept assignments: imported history, as a migration would bring it.</summary>
    async Task ImportHistoryAsync(Guid enterpriseId, Guid agencyId, IEnumerable<int> years)
    {
        var log = registry.Factory.Services.GetRequiredService<EventLog>();
        foreach (var year in years)
        {
            await log.StartStreamAsync(AgencyAssignment.StreamId(enterpriseId, year), AgencyAssignment.StreamType,
                [new NewEvent(new AgencyAssignedDirectly(enterpriseId, year, Guid.NewGuid(), agencyId, "历史核查记录导入", "test", registry.Clock.GetUtcNow()))]);
        }
    }

    [Fact]
    public async Task eligibility_explains_for_every_agency_each_reason_it_may_not_verify_the_enterprise_year()
    {
        var drc = await registry.ClientAsync("drc", "en");
        var plant = await SubmittedAsync(registry);
        var creditCode = await CreditCodeOfAsync(drc, plant.Id);
        var eligible = await AgencyIdAsync(drc);
        var outOfScope = await AgencyIdAsync(drc, ["steel"]);
        var suspended = await AgencyIdAsync(drc);
        await PostOkAsync(drc, $"/api/v1/verification/agencies/{suspended}/suspend", new { from = "2026-01-01", until = "2026-12-31", reason = "核查报告质量抽查不合格" });
        var blacklisted = await AgencyIdAsync(drc);
        await PostOkAsync(drc, $"/api/v1/verification/agencies/{blacklisted}/blacklist",
            new { decision = "内发改环资〔2025〕99号", reason = "未到现场即出具核查报告", period = "five_years", from = "2025-06-01" });
        var consulted = await AgencyIdAsync(drc);
        await PostOkAsync(drc, $"/api/v1/verification/agencies/{consulted}/consultancy",
            new { enterpriseCreditCode = creditCode, enterpriseName = "测试水泥有限公司", service = "report_preparation", from = "2022-01-01", to = "2022-12-31" });
        var consultedLongAgo = await AgencyIdAsync(drc);
        await PostOkAsync(drc, $"/api/v1/verification/agencies/{consultedLongAgo}/consultancy",
            new { enterpriseCreditCode = creditCode, enterpriseName = "测试水泥有限公司", service = "consulting", from = "2018-01-01", to = "2020-12-31" });
        var sameGroup = await AgencyIdAsync(drc);
        await PostOkAsync(drc, $"/api/v1/verification/agencies/{sameGroup}/group", new { groupName = "测试能源集团", creditCodes = new[] { creditCode } });
        var sixYears = await AgencyIdAsync(drc);
        await ImportHistoryAsync(plant.Id, sixYears, Enumerable.Range(Year - 6, 6));
        var atCap = await AgencyIdAsync(drc, cap: 1);
        var other = await SubmittedAsync(registry);
        await AssignDirectlyAsync(drc, other.Id, atCap);
        var several = await AgencyIdAsync(drc, ["steel"]);
        await PostOkAsync(drc, $"/api/v1/verification/agencies/{several}/suspend", new { from = "2026-01-01", until = "2026-12-31", reason = "整改" });

        var answer = await OkAsync(drc.GetAsync($"/api/v1/verification/eligibility?enterprise={plant.Id}&year={Year}"));
        var inChinese = await OkAsync((await registry.ClientAsync("drc")).GetAsync($"/api/v1/verification/eligibility?enterprise={plant.Id}&year={Year}"));

        JsonElement Of(JsonElement body, Guid id) => body.GetProperty("agencies").EnumerateArray().Single(a => a.GetProperty("agencyId").GetGuid() == id);
        IEnumerable<string?> Codes(Guid id) => Of(answer, id).GetProperty("reasons").EnumerateArray().Select(r => r.GetProperty("code").GetString());
        Of(answer, eligible).GetProperty("eligible").GetBoolean().ShouldBeTrue();
        Codes(eligible).ShouldBeEmpty();
        Codes(outOfScope).ShouldBe(["scope"]);
        Codes(suspended).ShouldBe(["suspended"]);
        Codes(blacklisted).ShouldBe(["blacklisted"]);
        Codes(consulted).ShouldBe(["consultancy"]);
        Codes(consultedLongAgo).ShouldBeEmpty();
        Codes(sameGroup).ShouldBe(["same_group"]);
        Codes(sixYears).ShouldBe(["consecutive_years"]);
        Codes(atCap).ShouldBe(["workload_cap"]);
        Codes(several).ShouldBe(["scope", "suspended"]);
        Of(answer, atCap).GetProperty("workload").GetInt32().ShouldBe(1);
        Of(answer, consulted).GetProperty("reasons")[0].GetProperty("message").GetString()!.ShouldContain("report preparation");
        Of(answer, sixYears).GetProperty("reasons")[0].GetProperty("message").GetString()!.ShouldContain("2019–2024");
        Of(inChinese, consulted).GetProperty("reasons")[0].GetProperty("message").GetString()!.ShouldContain("排放报告编制");
        var listed = answer.GetProperty("eligible").EnumerateArray().Select(e => e.GetString()!).ToList();
        listed.ShouldContain(eligible.ToString());
        listed.ShouldContain(consultedLongAgo.ToString());
        listed.ShouldNotContain(consulted.ToString());
        listed.ShouldBe(listed.Order(StringComparer.Ordinal).ToList());
    }

    [Fact]
    public async Task five_years_with_the_same_agency_still_allow_a_sixth_and_the_query_is_validated()
    {
        var drc = await registry.ClientAsync("drc", "en");
        var plant = await SubmittedAsync(registry);
        var fiveYears = await AgencyIdAsync(drc);
        await ImportHistoryAsync(plant.Id, fiveYears, Enumerable.Range(Year - 5, 5));

        var answer = await OkAsync(drc.GetAsync($"/api/v1/verification/eligibility?enterprise={plant.Id}&year={Year}"));
        var invalid = await drc.GetAsync("/api/v1/verification/eligibility?enterprise=nope&year=twenty");
        var unknown = await drc.GetAsync($"/api/v1/verification/eligibility?enterprise={Guid.NewGuid()}&year={Year}");
        var byVerifier = await (await registry.ClientAsync("verifier-demo")).GetAsync($"/api/v1/verification/eligibility?enterprise={plant.Id}&year={Year}");

        answer.GetProperty("agencies").EnumerateArray().Single(a => a.GetProperty("agencyId").GetGuid() == fiveYears).GetProperty("eligible").GetBoolean().ShouldBeTrue();
        var problem = await invalid.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        problem.ShouldNameField("enterprise", "guid");
        problem.ShouldNameField("year", "year");
        await unknown.ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await byVerifier.ShouldBeProblemAsync(HttpStatusCode.Forbidden);
    }
}
