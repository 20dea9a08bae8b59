using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Mrv.Verification.Assignment;
using static Mrv.Registry.Tests.Verification.VerificationWorld;

namespace Mrv.Registry.Tests.Verification;

public sealed class SpotCheckTests(RegistryFixture registry) : IClassFixture<RegistryFixture>
{
    /// <summary>An engagement carried through to sign-off.</summary>
    static async Task<(Guid EngagementId, Guid EnterpriseId)> SignedAsync(RegistryFixture registry, TestAgency agency)
    {
        var plant = await SubmittedAsync(registry);
        var engagementId = (await AssignDirectlyAsync(plant.Drc, plant.Id, agency.Id)).GetProperty("engagementId").GetGuid();
        await FieldworkAsync(agency, engagementId);
        await OpinionAsync(agency, engagementId, (await OkAsync(agency.Lead.Client.GetAsync(Url(engagementId)))).GetProperty("engagement"));
        await OkAsync(agency.Lead.Client.PostAsJsonAsync(Url(engagementId, "sign"), new { role = "lead" }));
        await OkAsync(agency.Reviewer.Client.PostAsJsonAsync(Url(engagementId, "sign"), new { role = "reviewer" }));
        return (engagementId, plant.Id);
    }

    [Fact]
    public async Task a_spot_check_draws_a_reproducible_sample_of_signed_engagements_and_the_drc_overrides_a_sampled_figure_with_a_reason()
    {
        var agency = await AgencyAsync(registry);
        var signed = new[] { await SignedAsync(registry, agency), await SignedAsync(registry, agency), await SignedAsync(registry, agency) };
        var drc = await registry.ClientAsync("drc", "en");

        var response = await drc.PostAsJsonAsync($"/api/v1/verification/spot-checks/{Year}", new { count = 2 });
        var again = await drc.PostAsJsonAsync($"/api/v1/verification/spot-checks/{Year}", new { count = 2 });
        var byVerifier = await agency.Lead.Client.PostAsJsonAsync($"/api/v1/verification/spot-checks/{Year}", new { count = 2 });

        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var draw = (await response.JsonAsync()).GetProperty("drawn");
        var candidates = draw.GetProperty("candidates").EnumerateArray().Select(c => c.GetString()!).ToList();
        var sample = draw.GetProperty("sample").EnumerateArray().Select(s => s.GetGuid()).ToList();
        foreach (var (engagementId, _) in signed) candidates.ShouldContain(engagementId.ToString());
        sample.Count.ShouldBe(2);
        SeededDraw.Pick(draw.GetProperty("seed").GetString()!, candidates, 2).ShouldBe(sample.Select(s => s.ToString()).ToList());
        (await again.ShouldBeProblemAsync(HttpStatusCode.Conflict)).GetProperty("code").GetString().ShouldBe("spot_check.already_drawn");
        await byVerifier.ShouldBeProblemAsync(HttpStatusCode.Forbidden);

        var sampled = await OkAsync(drc.GetAsync(Url(sample[0])));
        sampled.GetProperty("engagement").GetProperty("spotCheck").GetProperty("seed").GetString().ShouldBe(draw.GetProperty("seed").GetString());
        var list = await OkAsync(drc.GetAsync($"/api/v1/verification/engagements?year={Year}&status=signed"));
        list.GetProperty("items").EnumerateArray().Count(i => i.GetProperty("selectedForSpotCheck").GetBoolean()).ShouldBe(2);

        var enterpriseId = sampled.GetProperty("engagement").GetProperty("enterpriseId").GetGuid();
        var verified = sampled.GetProperty("engagement").GetProperty("completion").GetProperty("verifiedEmissionsTco2").GetDecimal();
        var determined = await OkAsync(drc.PostAsJsonAsync($"/api/v1/enterprises/{enterpriseId}/reports/{Year}/determine",
            new { decision = "override", emissionsTco2 = verified + 1_000m, energyTce = 1m, reason = "抽查复核：3 月燃煤量少计 1,000 t CO2" }));
        determined.GetProperty("determination").GetProperty("basis").GetString().ShouldBe("overridden");
        determined.GetProperty("determination").GetProperty("emissionsTco2").GetDecimal().ShouldBe(verified + 1_000m);
    }

    [Fact]
    public async Task engagements_past_the_calendar_deadline_are_flagged_overdue_and_a_late_sign_off_is_recorded_as_late()
    {
        var agency = await AgencyAsync(registry);
        var plant = await SubmittedAsync(registry);
        var waiting = (await AssignDirectlyAsync(plant.Drc, plant.Id, agency.Id)).GetProperty("engagementId").GetGuid();
        var drc = await registry.ClientAsync("drc", "en");
        var onTime = await OkAsync(drc.GetAsync(Url(waiting)));

        await OkAsync(drc.PutAsJsonAsync($"/api/v1/calendar/{Year}", new
        {
            reportDue = "2026-02-20", verificationDue = "2026-02-28", surrenderDue = "2026-12-31", reason = "测试：核查截止日提前",
        }));
        var overdue = await OkAsync(drc.GetAsync(Url(waiting)));
        var overdueList = await OkAsync(drc.GetAsync($"/api/v1/verification/engagements?year={Year}&overdue=true"));
        var late = await SignedAsync(registry, agency);
        var signedLate = await OkAsync(drc.GetAsync(Url(late.EngagementId)));

        onTime.GetProperty("dueOn").GetString().ShouldBe("2026-06-30");
        onTime.GetProperty("overdue").GetBoolean().ShouldBeFalse();
        overdue.GetProperty("dueOn").GetString().ShouldBe("2026-02-28");
        overdue.GetProperty("overdue").GetBoolean().ShouldBeTrue();
        overdueList.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()).ShouldContain(waiting);
        overdueList.GetProperty("items").EnumerateArray().ShouldAllBe(i => i.GetProperty("overdue").GetBoolean());
        signedLate.GetProperty("overdue").GetBoolean().ShouldBeFalse();
        signedLate.GetProperty("engagement").GetProperty("completion").GetProperty("late").GetBoolean().ShouldBeTrue();
        signedLate.GetProperty("engagement").GetProperty("completion").GetProperty("dueOn").GetString().ShouldBe("2026-02-28");
    }
}
