using System.Text.Json;
using Mrv.Registry.Demo;
using Mrv.Verification.Assignment;
using static Mrv.Registry.Tests.Verification.VerificationWorld;

namespace Mrv.Registry.Tests.Verification;

public sealed class VerificationDemoTests(RegistryFixture registry) : IClassFixture<RegistryFixture>
{
    static IEnumerable<JsonElement> Items(JsonElement page) => page.GetProperty("items").EnumerateArray();

    [Fact]
    public async Task the_demo_has_five_agencies_one_suspended_and_one_blacklisted_and_the_blacklist_publishes_it()
    {
        var drc = await registry.ClientAsync("drc");

        var agencies = await OkAsync(drc.GetAsync("/api/v1/verification/agencies"));
        var blacklist = await OkAsync(registry.Anonymous().GetAsync("/api/v1/public/blacklist"));
        var demoAgency = await OkAsync((await registry.ClientAsync("verifier-demo")).GetAsync($"/api/v1/verification/agencies/{DemoData.DemoAgencyId}"));

        Items(agencies).Count().ShouldBe(5);
        Items(agencies).Select(a => a.GetProperty("status").GetString()).Order().ShouldBe(["active", "active", "active", "blacklisted", "suspended"]);
        var listed = Items(blacklist).Single();
        listed.GetProperty("agencyName").GetString().ShouldBe("鄂尔多斯绿源核查有限公司");
        listed.GetProperty("period").GetString().ShouldBe("five_years");
        listed.GetProperty("until").GetString().ShouldBe("2028-11-14");
        demoAgency.GetProperty("status").GetString().ShouldBe("active");
        demoAgency.GetProperty("agency").GetProperty("verifiers").EnumerateArray()
            .ShouldContain(v => v.GetProperty("username").GetString() == "verifier-demo" && v.GetProperty("nameZh").GetString() == "王建国");
        demoAgency.GetProperty("agency").GetProperty("evaluations")[0].GetProperty("year").GetInt32().ShouldBe(2023);
    }

    [Fact]
    public async Task the_demo_verifier_sees_only_their_agencys_engagements_and_those_of_2024_stand_at_every_stage()
    {
        var verifier = await registry.ClientAsync("verifier-demo", "en");

        var year2024 = Items(await OkAsync(verifier.GetAsync("/api/v1/verification/engagements?year=2024&pageSize=500"))).ToList();
        var year2023 = Items(await OkAsync(verifier.GetAsync("/api/v1/verification/engagements?year=2023&pageSize=500"))).ToList();

        year2024.Concat(year2023).ShouldAllBe(e => e.GetProperty("agencyId").GetGuid() == DemoData.DemoAgencyId);
        string[] stages = ["assigned", "accepted", "planned", "opinion_issued", "signed"];
        stages.ShouldBeSubsetOf(year2024.Select(e => e.GetProperty("status").GetString()!));
        year2024.ShouldContain(e => e.GetProperty("openFindings").GetInt32() == 2);
        year2024.Where(e => e.GetProperty("status").GetString() is not ("signed" or "declined")).ShouldAllBe(e => e.GetProperty("overdue").GetBoolean());
        year2023.ShouldNotBeEmpty();
        year2023.ShouldAllBe(e => e.GetProperty("status").GetString() == "signed");
    }

    [Fact]
    public async Task most_2023_reports_are_determined_one_after_a_spot_check_and_every_demo_draw_can_be_re_run()
    {
        var drc = await registry.ClientAsync("drc");
        await registry.WaitForProjectionsAsync();

        var determined = await OkAsync(drc.GetAsync("/api/v1/reports?year=2023&status=determined&pageSize=500"));
        var waiting = await OkAsync(drc.GetAsync("/api/v1/reports?year=2023&status=verified"));
        var spotCheck = await OkAsync(drc.GetAsync("/api/v1/verification/spot-checks/2023"));
        var own = await OkAsync((await registry.ClientAsync("enterprise-demo")).GetAsync($"/api/v1/enterprises/{DemoData.DemoEnterpriseId}/reports/2023"));
        var ownEngagement = Items(await OkAsync((await registry.ClientAsync("enterprise-demo")).GetAsync("/api/v1/verification/engagements"))).Single();
        var declinedAndRedrawn = 0;

        determined.GetProperty("total").GetInt64().ShouldBe(DemoEnterprises.All.Count / 2 - 2);
        waiting.GetProperty("total").GetInt64().ShouldBe(2);
        spotCheck.GetProperty("drawn").GetProperty("sample").GetArrayLength().ShouldBe(3);
        var overridden = await OkAsync(drc.GetAsync(Url(spotCheck.GetProperty("drawn").GetProperty("sample")[0].GetGuid())));
        var overriddenReport = await OkAsync(drc.GetAsync(
            $"/api/v1/enterprises/{overridden.GetProperty("engagement").GetProperty("enterpriseId").GetGuid()}/reports/2023"));
        overriddenReport.GetProperty("determination").GetProperty("basis").GetString().ShouldBe("overridden");
        own.GetProperty("status").GetString().ShouldBe("determined");
        ownEngagement.GetProperty("year").GetInt32().ShouldBe(2023);

        foreach (var demo in DemoEnterprises.All)
        {
            foreach (var year in new[] { 2023, 2024 })
            {
                var response = await drc.GetAsync($"/api/v1/verification/assignments/{demo.Id}/{year}");
                if (!response.IsSuccessStatusCode) continue;
                var assignments = (await response.JsonAsync()).GetProperty("assignments").EnumerateArray().ToList();
                foreach (var draw in assignments)
                {
                    SeededDraw.PickOne(draw.GetProperty("seed").GetString()!, draw.GetProperty("eligible").EnumerateArray().Select(e => e.GetString()!))
                        .ShouldBe(draw.GetProperty("agencyId").GetGuid().ToString());
                }
                if (assignments.Count == 2) declinedAndRedrawn++;
            }
        }
        declinedAndRedrawn.ShouldBe(1);
    }

    [Fact]
    public async Task declared_consulting_and_the_group_exclude_agencies_from_demo_enterprises()
    {
        var drc = await registry.ClientAsync("drc");

        var consulted = await OkAsync(drc.GetAsync($"/api/v1/verification/eligibility?enterprise={DemoEnterprises.All[2].Id}&year=2023"));
        var grouped = await OkAsync(drc.GetAsync($"/api/v1/verification/eligibility?enterprise={DemoEnterprises.All[4].Id}&year=2023"));

        IEnumerable<string?> Codes(JsonElement answer, string agency) => answer.GetProperty("agencies").EnumerateArray()
            .Single(a => a.GetProperty("agencyName").GetString() == agency).GetProperty("reasons").EnumerateArray().Select(r => r.GetProperty("code").GetString());
        Codes(consulted, "草原低碳认证中心有限公司").ShouldContain("consultancy");
        Codes(grouped, "黄河能源审核有限公司").ShouldContain("same_group");
        Codes(grouped, "阴山环境咨询有限公司").ShouldContain("suspended");
        Codes(grouped, "鄂尔多斯绿源核查有限公司").ShouldContain("blacklisted");
    }
}
