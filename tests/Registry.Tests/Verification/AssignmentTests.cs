using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Mrv.Registry.Tests.Monitoring;
using Mrv.Verification.Assignment;
using static Mrv.Registry.Tests.Verification.VerificationWorld;

namespace Mrv.Registry.Tests.Verification;

public sealed class AssignmentTests(RegistryFixture registry) : IClassFixture<RegistryFixture>
{
    static string Assignments(Guid enterpriseId, string step = "") => $"/api/v1/verification/assignments/{enterpriseId}/{Year}{(step.Length > 0 ? "/" + step : "")}";

    static async Task<JsonElement> EligibilityAsync(HttpClient drc, Guid enterpriseId) =>
        await OkAsync(drc.GetAsync($"/api/v1/verification/eligibility?enterprise={enterpriseId}&year={Year}"));

    static IEnumerable<string> Reasons(JsonElement eligibility, Guid agencyId) =>
        eligibility.GetProperty("agencies").EnumerateArray().Single(a => a.GetProperty("agencyId").GetGuid() == agencyId)
            .GetProperty("reasons").EnumerateArray().Select(r => r.GetProperty("code").GetString()!);

    [Fact]
    public async Task a_draw_records_its_seed_and_the_eligible_agencies_and_re_running_it_gives_the_same_agency()
    {
        var agencies = new[] { await AgencyAsync(registry), await AgencyAsync(registry), await AgencyAsync(registry) };
        var plant = await SubmittedAsync(registry);

        var response = await plant.Drc.PostAsync(Assignments(plant.Id, "draw"), null);
        var again = await plant.Drc.PostAsync(Assignments(plant.Id, "draw"), null);
        var history = await OkAsync(plant.Drc.GetAsync(Assignments(plant.Id)));

        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var draw = await response.JsonAsync();
        var seed = draw.GetProperty("seed").GetString()!;
        var eligible = draw.GetProperty("eligible").EnumerateArray().Select(e => e.GetString()!).ToList();
        var drawn = draw.GetProperty("agencyId").GetGuid();
        seed.Length.ShouldBe(32);
        eligible.ShouldBe(eligible.Order(StringComparer.Ordinal).ToList());
        eligible.ShouldBeSubsetOf((await EligibilityAsync(plant.Drc, plant.Id)).GetProperty("agencies").EnumerateArray()
            .Select(a => a.GetProperty("agencyId").GetGuid().ToString()).ToList());
        foreach (var agency in agencies) eligible.ShouldContain(agency.Id.ToString());
        SeededDraw.PickOne(seed, eligible).ShouldBe(drawn.ToString());
        SeededDraw.PickOne(seed, Enumerable.Reverse(eligible)).ShouldBe(drawn.ToString());
        draw.GetProperty("method").GetString().ShouldBe("draw");
        response.Headers.Location!.ToString().ShouldBe($"/api/v1/verification/engagements/{draw.GetProperty("engagementId").GetGuid()}");

        var recorded = history.GetProperty("assignments")[0];
        recorded.GetProperty("seed").GetString().ShouldBe(seed);
        recorded.GetProperty("eligible").EnumerateArray().Select(e => e.GetString()).ShouldBe(eligible);
        (await registry.CountAsync(
            $"select count(*) from eventstore.events where stream_id = 'assignment-{plant.Id}-{Year}' and type = 'verification_agency_drawn.v1' and data->>'seed' = '{seed}'"))
            .ShouldBe(1);
        var engagement = await OkAsync(plant.Drc.GetAsync(response.Headers.Location!.ToString()));
        engagement.GetProperty("engagement").GetProperty("agencyId").GetGuid().ShouldBe(drawn);
        engagement.GetProperty("engagement").GetProperty("status").GetString().ShouldBe("assigned");
        (await again.ShouldBeProblemAsync(HttpStatusCode.Conflict)).GetProperty("code").GetString().ShouldBe("assignment.already_assigned");
    }

    [Fact]
    public async Task a_declined_engagement_is_reassigned_by_a_new_draw_without_the_agency_that_declined()
    {
        var declining = await AgencyAsync(registry);
        await AgencyAsync(registry);
        var plant = await SubmittedAsync(registry);
        var first = await AssignDirectlyAsync(plant.Drc, plant.Id, declining.Id);
        var firstEngagement = first.GetProperty("engagementId").GetGuid();

        var declined = await OkAsync(declining.Lead.Client.PostAsJsonAsync(Url(firstEngagement, "decline"), new { reason = "本机构 2024 年曾为该企业编制排放报告。" }));
        var eligibility = await EligibilityAsync(plant.Drc, plant.Id);
        var redraw = await plant.Drc.PostAsync(Assignments(plant.Id, "draw"), null);
        var acceptDeclined = await declining.Lead.Client.PostAsJsonAsync(Url(firstEngagement, "accept"), new { noConflictOfInterest = true });
        var history = await OkAsync(plant.Drc.GetAsync(Assignments(plant.Id)));
        var report = await OkAsync(plant.Drc.GetAsync($"/api/v1/enterprises/{plant.Id}/reports/{Year}"));

        declined.GetProperty("engagement").GetProperty("status").GetString().ShouldBe("declined");
        Reasons(eligibility, declining.Id).ShouldBe(["declined"]);
        eligibility.GetProperty("agencies").EnumerateArray().Single(a => a.GetProperty("agencyId").GetGuid() == declining.Id)
            .GetProperty("workload").GetInt32().ShouldBe(0);
        redraw.StatusCode.ShouldBe(HttpStatusCode.Created, await redraw.Content.ReadAsStringAsync());
        var second = await redraw.JsonAsync();
        second.GetProperty("agencyId").GetGuid().ShouldNotBe(declining.Id);
        second.GetProperty("eligible").EnumerateArray().Select(e => e.GetString()).ShouldNotContain(declining.Id.ToString());
        second.GetProperty("excludedAfterDecline").EnumerateArray().Select(e => e.GetGuid()).ShouldBe([declining.Id]);
        SeededDraw.PickOne(second.GetProperty("seed").GetString()!, second.GetProperty("eligible").EnumerateArray().Select(e => e.GetString()!))
            .ShouldBe(second.GetProperty("agencyId").GetGuid().ToString());
        (await acceptDeclined.ShouldBeProblemAsync(HttpStatusCode.Conflict)).GetProperty("code").GetString().ShouldBe("engagement.declined");
        var records = history.GetProperty("assignments").EnumerateArray().ToList();
        records.Count.ShouldBe(2);
        records[0].GetProperty("declineReason").GetString()!.ShouldContain("编制排放报告");
        records[0].GetProperty("method").GetString().ShouldBe("direct");
        records[1].GetProperty("method").GetString().ShouldBe("draw");
        history.GetProperty("currentEngagementId").GetGuid().ShouldBe(second.GetProperty("engagementId").GetGuid());
        report.GetProperty("status").GetString().ShouldBe("submitted");
    }

    [Fact]
    public async Task direct_assignment_needs_a_reason_and_an_eligible_agency_and_only_a_submitted_report_is_assigned()
    {
        var steelOnly = await AgencyAsync(registry, scopes: ["steel"]);
        var plant = await SubmittedAsync(registry);
        var draft = await PlannedEnterprises.CreateAsync(registry, Year, industry: Industry);

        var noReason = await plant.Drc.PostAsJsonAsync(Assignments(plant.Id, "direct"), new { agencyId = steelOnly.Id, reason = "" });
        var ineligible = await plant.Drc.PostAsJsonAsync(Assignments(plant.Id, "direct"), new { agencyId = steelOnly.Id, reason = "指定" });
        var notSubmitted = await plant.Drc.PostAsync(Assignments(draft.Id, "draw"), null);
        var unknown = await plant.Drc.PostAsync(Assignments(Guid.NewGuid(), "draw"), null);
        var byVerifier = await steelOnly.Lead.Client.PostAsync(Assignments(plant.Id, "draw"), null);

        (await noReason.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).ShouldNameField("reason", "not_empty");
        var refused = await ineligible.ShouldBeProblemAsync(HttpStatusCode.Conflict);
        refused.GetProperty("code").GetString().ShouldBe("assignment.agency_not_eligible");
        refused.GetProperty("detail").GetString()!.ShouldContain("scope");
        (await notSubmitted.ShouldBeProblemAsync(HttpStatusCode.Conflict)).GetProperty("code").GetString().ShouldBe("assignment.report_not_submitted");
        await unknown.ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await byVerifier.ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        (await registry.CountAsync($"select count(*) from eventstore.events where stream_id in ('assignment-{plant.Id}-{Year}', 'assignment-{draft.Id}-{Year}')"))
            .ShouldBe(0);
    }

    [Fact]
    public async Task the_batch_draws_for_every_submitted_unassigned_report_and_says_what_it_did_for_each()
    {
        await AgencyAsync(registry, cap: 100);
        var first = await SubmittedAsync(registry);
        var second = await SubmittedAsync(registry);
        var uncovered = await SubmittedAsync(registry, industry: "aviation");
        await registry.WaitForProjectionsAsync();

        var batch = await OkAsync(first.Drc.PostAsync($"/api/v1/verification/assignments/{Year}/batch", null));
        var again = await OkAsync(first.Drc.PostAsync($"/api/v1/verification/assignments/{Year}/batch", null));

        JsonElement Item(JsonElement answer, Guid id) => answer.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("enterpriseId").GetGuid() == id);
        Item(batch, first.Id).GetProperty("outcome").GetString().ShouldBe("assigned");
        Item(batch, second.Id).GetProperty("outcome").GetString().ShouldBe("assigned");
        Item(batch, second.Id).GetProperty("seed").GetString().ShouldNotBeNullOrEmpty();
        Item(batch, uncovered.Id).GetProperty("outcome").GetString().ShouldBe("not_assigned");
        Item(batch, uncovered.Id).GetProperty("code").GetString().ShouldBe("assignment.no_eligible_agency");
        Item(again, first.Id).GetProperty("outcome").GetString().ShouldBe("already_assigned");
        Item(again, first.Id).GetProperty("engagementId").GetGuid().ShouldBe(Item(batch, first.Id).GetProperty("engagementId").GetGuid());
        again.GetProperty("assigned").GetInt32().ShouldBe(0);
        var engagement = await OkAsync(first.Drc.GetAsync(Url(Item(batch, second.Id).GetProperty("engagementId").GetGuid())));
        engagement.GetProperty("engagement").GetProperty("enterpriseId").GetGuid().ShouldBe(second.Id);
    }
}
