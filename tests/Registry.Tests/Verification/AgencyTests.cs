using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Mrv.Registry.Tests.Enterprises;
using static Mrv.Registry.Tests.Verification.VerificationWorld;

namespace Mrv.Registry.Tests.Verification;

public sealed class AgencyTests(RegistryFixture registry) : IClassFixture<RegistryFixture>
{
    static string Agency(Guid id, string step = "") => $"/api/v1/verification/agencies/{id}{(step.Length > 0 ? "/" + step : "")}";

    static async Task<JsonElement> BlacklistAsync(RegistryFixture registry) => await OkAsync(registry.Anonymous("en").GetAsync("/api/v1/public/blacklist"));

    [Fact]
    public async Task the_drc_registers_agencies_and_their_verifiers_and_a_verifier_sees_only_their_own_agency()
    {
        var drc = await registry.ClientAsync("drc", "en");
        var agency = await AgencyAsync(registry);
        var other = await AgencyAsync(registry);

        var asDrc = await OkAsync(drc.GetAsync(Agency(agency.Id)));
        var own = await OkAsync(agency.Member.Client.GetAsync("/api/v1/verification/agencies"));
        var foreign = await agency.Member.Client.GetAsync(Agency(other.Id));
        var registerByVerifier = await agency.Lead.Client.PostAsJsonAsync("/api/v1/verification/agencies",
            new { nameZh = "自封机构", creditCode = TestEnterprises.NewCreditCode(), scopes = new[] { "paper" }, workloadCap = 5 });
        var sameCode = await drc.PostAsJsonAsync("/api/v1/verification/agencies",
            new { nameZh = "重复机构", creditCode = agency.CreditCode, scopes = new[] { "paper" }, workloadCap = 5 });
        var sameAccount = await drc.PostAsJsonAsync(Agency(agency.Id, "verifiers"), new
        {
            nameZh = "冒名者", username = agency.Lead.Username, certificateNo = "CERT-X", qualifications = new[] { "verifier" }, industries = new[] { "paper" },
        });
        var declared = await agency.Lead.Client.PostAsJsonAsync(Agency(agency.Id, "consultancy"), new
        {
            enterpriseCreditCode = TestEnterprises.NewCreditCode(), enterpriseName = "某咨询客户", service = "consulting", from = "2024-01-01",
        });
        var declaredForOther = await agency.Lead.Client.PostAsJsonAsync(Agency(other.Id, "group"), new { groupName = "他人集团", creditCodes = Array.Empty<string>() });
        var evaluated = await OkAsync(drc.PostAsJsonAsync(Agency(agency.Id, "evaluations/2025"), new { quality = 88, timeliness = 92, compliance = 95, note = "按期完成" }));

        asDrc.GetProperty("status").GetString().ShouldBe("active");
        asDrc.GetProperty("agency").GetProperty("verifiers").EnumerateArray().Select(v => v.GetProperty("username").GetString())
            .ShouldBe([agency.Lead.Username, agency.Member.Username, agency.Reviewer.Username]);
        own.GetProperty("items").EnumerateArray().Select(a => a.GetProperty("id").GetGuid()).ShouldBe([agency.Id]);
        await foreign.ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await registerByVerifier.ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        (await sameCode.ShouldBeProblemAsync(HttpStatusCode.Conflict)).GetProperty("code").GetString().ShouldBe("agency.credit_code_taken");
        (await sameAccount.ShouldBeProblemAsync(HttpStatusCode.Conflict)).GetProperty("code").GetString().ShouldBe("agency.verifier_username_taken");
        declared.StatusCode.ShouldBe(HttpStatusCode.OK, await declared.Content.ReadAsStringAsync());
        (await declared.JsonAsync()).GetProperty("agency").GetProperty("consultancy")[0].GetProperty("service").GetString().ShouldBe("consulting");
        await declaredForOther.ShouldBeProblemAsync(HttpStatusCode.NotFound);
        evaluated.GetProperty("agency").GetProperty("evaluations")[0].GetProperty("timeliness").GetInt32().ShouldBe(92);
    }

    [Fact]
    public async Task agency_requests_name_each_field_and_rule_in_the_callers_language()
    {
        var english = await registry.ClientAsync("drc", "en");
        var chinese = await registry.ClientAsync("drc");
        var bad = new { nameZh = "", creditCode = "91150203MA0000000X", scopes = new[] { "tourism" }, workloadCap = 0 };

        var inEnglish = await english.PostAsJsonAsync("/api/v1/verification/agencies", bad);
        var inChinese = await chinese.PostAsJsonAsync("/api/v1/verification/agencies", bad);

        var problem = await inEnglish.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        problem.ShouldNameField("nameZh", "not_empty");
        problem.ShouldNameField("creditCode", "credit_code").ShouldContain("GB 32100");
        problem.ShouldNameField("scopes", "industry_unknown").ShouldContain("must be one of");
        problem.ShouldNameField("workloadCap", "inclusive_between");
        (await inChinese.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).ShouldNameField("scopes", "industry_unknown").ShouldContain("须为以下之一");
        (await registry.CountAsync("select count(*) from eventstore.events where type = 'agency_registered.v1' and data->>'creditCode' = '91150203MA0000000X'"))
            .ShouldBe(0);
    }

    [Fact]
    public async Task the_blacklist_is_public_with_decision_reason_and_period_and_reinstating_takes_an_agency_off_it()
    {
        var drc = await registry.ClientAsync("drc", "en");
        var forLife = await RegisterAgencyAsync(drc, name: "伪造煤检核查有限公司");
        var forFive = await RegisterAgencyAsync(drc, name: "走过场核查有限公司");
        var lifeId = forLife.GetProperty("id").GetGuid();
        var fiveId = forFive.GetProperty("id").GetGuid();

        await OkAsync(drc.PostAsJsonAsync(Agency(lifeId, "blacklist"),
            new { decision = "内发改环资〔2026〕7号", reason = "伪造煤质检测报告", period = "lifetime", from = "2026-02-01" }));
        await OkAsync(drc.PostAsJsonAsync(Agency(fiveId, "blacklist"),
            new { decision = "内发改环资〔2026〕8号", reason = "未到现场即签发核查报告", period = "five_years", from = "2026-02-10" }));
        var listed = await BlacklistAsync(registry);
        var reinstated = await OkAsync(drc.PostAsJsonAsync(Agency(fiveId, "reinstate"), new { reason = "行政复议撤销原决定" }));
        var after = await BlacklistAsync(registry);
        var notRestricted = await drc.PostAsJsonAsync(Agency(fiveId, "reinstate"), new { reason = "再次恢复" });

        JsonElement Entry(JsonElement list, string code) => list.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("creditCode").GetString() == code);
        var life = Entry(listed, forLife.GetProperty("creditCode").GetString()!);
        life.GetProperty("agencyName").GetString().ShouldBe("伪造煤检核查有限公司");
        life.GetProperty("decision").GetString().ShouldBe("内发改环资〔2026〕7号");
        life.GetProperty("reason").GetString().ShouldBe("伪造煤质检测报告");
        life.GetProperty("period").GetString().ShouldBe("lifetime");
        life.GetProperty("until").ValueKind.ShouldBe(JsonValueKind.Null);
        var five = Entry(listed, forFive.GetProperty("creditCode").GetString()!);
        five.GetProperty("period").GetString().ShouldBe("five_years");
        five.GetProperty("until").GetString().ShouldBe("2031-02-09");
        reinstated.GetProperty("status").GetString().ShouldBe("active");
        after.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("creditCode").GetString()).ShouldNotContain(forFive.GetProperty("creditCode").GetString());
        after.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("creditCode").GetString()).ShouldContain(forLife.GetProperty("creditCode").GetString());
        (await notRestricted.ShouldBeProblemAsync(HttpStatusCode.Conflict)).GetProperty("code").GetString().ShouldBe("agency.not_restricted");
        (await (await drc.GetAsync("/api/v1/verification/agencies?status=blacklisted")).JsonAsync()).GetProperty("items").EnumerateArray()
            .Select(i => i.GetProperty("id").GetGuid()).ShouldContain(lifeId);
    }
}
