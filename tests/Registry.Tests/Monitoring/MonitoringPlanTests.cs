using System.Net;
using System.Net.Http.Json;
using Mrv.EventStore;
using Mrv.Registry.Demo;
using Mrv.Registry.Monitoring;

namespace Mrv.Registry.Tests.Monitoring;

public sealed class MonitoringPlanTests(RegistryFixture registry) : IClassFixture<RegistryFixture>
{
    static readonly DateTimeOffset Now = new(2025, 1, 10, 9, 0, 0, TimeSpan.FromHours(8));

    static PlanContent Content(string method = DeterminationMethods.Default) =>
        new([new PlanSource("S1", method, method, [new PlanMeter("M1", "meter", 0.01m, new DateOnly(2026, 1, 1))], null, null, null)], ["clinker"]);

    [Fact]
    public async Task an_enterprise_drafts_and_submits_its_plan_and_the_drc_approves_it_into_force()
    {
        var plant = await PlannedEnterprises.CreateAsync(registry, approve: false);

        var submitted = await plant.Enterprise.PostAsync($"/api/v1/enterprises/{plant.Id}/monitoring-plans/2025/submit", null);
        var approved = await plant.Drc.PostAsync($"/api/v1/enterprises/{plant.Id}/monitoring-plans/2025/approve", null);
        var plan = await (await plant.Enterprise.GetAsync($"/api/v1/enterprises/{plant.Id}/monitoring-plans/2025")).JsonAsync();

        submitted.StatusCode.ShouldBe(HttpStatusCode.OK);
        approved.StatusCode.ShouldBe(HttpStatusCode.OK);
        plan.GetProperty("inForce").GetProperty("version").GetInt32().ShouldBe(1);
        plan.GetProperty("inForce").GetProperty("status").GetString().ShouldBe("approved");
        plan.GetProperty("inForce").GetProperty("decidedBy").GetString().ShouldBe("drc");
        var coal = plan.GetProperty("latest").GetProperty("content").GetProperty("sources")[0];
        coal.GetProperty("ncvMethod").GetString().ShouldBe("measured");
        coal.GetProperty("meters")[0].GetProperty("calibrationDueOn").GetString().ShouldBe("2030-12-31");
    }

    [Fact]
    public async Task a_revision_after_approval_is_a_new_version_and_the_approved_one_stays_in_force_until_its_successor_is_approved()
    {
        var plant = await PlannedEnterprises.CreateAsync(registry);

        var revised = await plant.Enterprise.PutAsJsonAsync($"/api/v1/enterprises/{plant.Id}/monitoring-plans/2025", PlannedEnterprises.Plan());
        var during = await (await plant.Enterprise.GetAsync($"/api/v1/enterprises/{plant.Id}/monitoring-plans/2025")).JsonAsync();
        await plant.Enterprise.PostAsync($"/api/v1/enterprises/{plant.Id}/monitoring-plans/2025/submit", null);
        var whileUnderReview = await plant.Enterprise.PutAsJsonAsync($"/api/v1/enterprises/{plant.Id}/monitoring-plans/2025", PlannedEnterprises.Plan());
        await plant.Drc.PostAsync($"/api/v1/enterprises/{plant.Id}/monitoring-plans/2025/approve", null);
        var after = await (await plant.Enterprise.GetAsync($"/api/v1/enterprises/{plant.Id}/monitoring-plans/2025")).JsonAsync();

        revised.StatusCode.ShouldBe(HttpStatusCode.OK);
        during.GetProperty("latest").GetProperty("version").GetInt32().ShouldBe(2);
        during.GetProperty("latest").GetProperty("status").GetString().ShouldBe("draft");
        during.GetProperty("inForce").GetProperty("version").GetInt32().ShouldBe(1);
        (await whileUnderReview.ShouldBeProblemAsync(HttpStatusCode.Conflict)).GetProperty("code").GetString().ShouldBe("monitoring_plan.under_review");
        after.GetProperty("inForce").GetProperty("version").GetInt32().ShouldBe(2);
        after.GetProperty("versions").GetArrayLength().ShouldBe(2);
    }

    [Fact]
    public async Task a_returned_plan_keeps_its_reasons_and_its_revision_is_the_next_version()
    {
        var plant = await PlannedEnterprises.CreateAsync(registry, approve: false);
        await plant.Enterprise.PostAsync($"/api/v1/enterprises/{plant.Id}/monitoring-plans/2025/submit", null);

        var returned = await plant.Drc.PostAsJsonAsync($"/api/v1/enterprises/{plant.Id}/monitoring-plans/2025/return",
            new { reasons = new[] { "皮带秤准确度等级不满足要求" } });
        await plant.Enterprise.PutAsJsonAsync($"/api/v1/enterprises/{plant.Id}/monitoring-plans/2025", PlannedEnterprises.Plan());
        var plan = await (await plant.Drc.GetAsync($"/api/v1/enterprises/{plant.Id}/monitoring-plans/2025")).JsonAsync();

        returned.StatusCode.ShouldBe(HttpStatusCode.OK);
        var versions = plan.GetProperty("versions").EnumerateArray().ToList();
        versions[0].GetProperty("status").GetString().ShouldBe("returned");
        versions[0].GetProperty("returnReasons")[0].GetString().ShouldBe("皮带秤准确度等级不满足要求");
        versions[1].GetProperty("status").GetString().ShouldBe("draft");
        plan.GetProperty("inForce").ValueKind.ShouldBe(System.Text.Json.JsonValueKind.Null);
    }

    [Fact]
    public async Task a_plan_covers_every_source_in_use_and_only_fuels_are_measured()
    {
        var plant = await PlannedEnterprises.CreateAsync(registry, approve: false);

        var measuredGrid = await plant.Enterprise.PutAsJsonAsync($"/api/v1/enterprises/{plant.Id}/monitoring-plans/2025", PlannedEnterprises.Plan(measuredGridNcv: true));
        var incomplete = await plant.Enterprise.PutAsJsonAsync($"/api/v1/enterprises/{plant.Id}/monitoring-plans/2025", new
        {
            sources = new[] { new { sourceCode = "COAL", meters = new[] { new { code = "B", description = "秤", requiredAccuracy = 0.01m, calibrationDueOn = "2030-01-01" } } } },
        });
        var unknown = await plant.Enterprise.PutAsJsonAsync($"/api/v1/enterprises/{plant.Id}/monitoring-plans/2025", new
        {
            sources = new[] { new { sourceCode = "NOPE", meters = new[] { new { code = "B", description = "秤", requiredAccuracy = 0.8m, calibrationDueOn = "2030-01-01" } } } },
            products = new[] { "gold" },
        });

        (await measuredGrid.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).ShouldNameField("sources[1].ncvMethod", "measured_fuels_only");
        (await incomplete.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).ShouldNameField("sources", "plan_incomplete").ShouldContain("GRID");
        var shape = await unknown.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        shape.ShouldNameField("sources[0].meters[0].requiredAccuracy", "accuracy_range");
        shape.ShouldNameField("products[0]", "product_unknown");
    }

    [Fact]
    public async Task only_the_drc_or_the_enterprises_league_decides_and_others_do_not_see_the_plan()
    {
        var plant = await PlannedEnterprises.CreateAsync(registry, approve: false);
        await plant.Enterprise.PostAsync($"/api/v1/enterprises/{plant.Id}/monitoring-plans/2025/submit", null);

        var selfApproval = await plant.Enterprise.PostAsync($"/api/v1/enterprises/{plant.Id}/monitoring-plans/2025/approve", null);
        var otherEnterprise = await (await registry.ClientAsync("enterprise-demo")).GetAsync($"/api/v1/enterprises/{plant.Id}/monitoring-plans/2025");
        var otherPlan = await plant.Enterprise.GetAsync($"/api/v1/enterprises/{DemoData.DemoEnterpriseId}/monitoring-plans/2024");
        var league = await (await registry.ClientAsync("league-baotou")).PostAsync($"/api/v1/enterprises/{plant.Id}/monitoring-plans/2025/approve", null);

        await selfApproval.ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await otherEnterprise.ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await otherPlan.ShouldBeProblemAsync(HttpStatusCode.NotFound);
        league.StatusCode.ShouldBe(HttpStatusCode.OK, "the test enterprise is in Baotou (150200)");
    }

    [Fact]
    public void approving_twice_or_submitting_what_is_under_review_changes_nothing()
    {
        var drafted = MonitoringPlan.Decide(new MonitoringPlan.Draft(Guid.NewGuid(), 2025, Content(), "e"), MonitoringPlan.None, Now)
            .Aggregate(MonitoringPlan.None, MonitoringPlan.Evolve);
        var submitted = MonitoringPlan.Decide(new MonitoringPlan.Submit("e"), drafted, Now).Aggregate(drafted, MonitoringPlan.Evolve);
        var approved = MonitoringPlan.Decide(new MonitoringPlan.Approve("d"), submitted, Now).Aggregate(submitted, MonitoringPlan.Evolve);

        MonitoringPlan.Decide(new MonitoringPlan.Submit("e"), submitted, Now).ShouldBeEmpty();
        MonitoringPlan.Decide(new MonitoringPlan.Approve("d"), approved, Now).ShouldBeEmpty();
        MonitoringPlan.Decide(new MonitoringPlan.Draft(drafted.EnterpriseId, 2025, Content(), "e"), drafted, Now).ShouldBeEmpty();
        Should.Throw<DomainRuleViolation>(() => MonitoringPlan.Decide(new MonitoringPlan.Return(["x"], "d"), approved, Now)).Code.ShouldBe("monitoring_plan.not_submitted");
        Should.Throw<DomainRuleViolation>(() => MonitoringPlan.Decide(new MonitoringPlan.Submit("e"), approved, Now)).Code.ShouldBe("monitoring_plan.no_draft");
    }
}
