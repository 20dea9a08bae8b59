using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Mrv.Registry.Tests.Monitoring;
using static Mrv.Registry.Tests.Verification.VerificationWorld;

namespace Mrv.Registry.Tests.Verification;

public sealed class EngagementTests(RegistryFixture registry) : IClassFixture<RegistryFixture>
{
    static async Task<JsonElement> ReportAsync(HttpClient client, Guid enterpriseId) =>
        await (await client.GetAsync($"/api/v1/enterprises/{enterpriseId}/reports/{Year}")).JsonAsync();

    static async Task<JsonElement> EngagementAsync(HttpClient client, Guid engagementId) =>
        (await (await client.GetAsync(Url(engagementId))).JsonAsync()).GetProperty("engagement");

    async Task<long> EventsAsync(Guid engagementId) =>
        await registry.CountAsync($"select count(*) from eventstore.events where stream_id = 'engagement-{engagementId}'");

    [Fact]
    public async Task from_assignment_to_determination_with_a_finding_raised_answered_and_closed()
    {
        var agency = await AgencyAsync(registry);
        var plant = await SubmittedAsync(registry);
        var engagementId = (await AssignDirectlyAsync(plant.Drc, plant.Id, agency.Id)).GetProperty("engagementId").GetGuid();
        var assigned = await EngagementAsync(agency.Lead.Client, engagementId);

        await FieldworkAsync(agency, engagementId);
        var underVerification = await ReportAsync(plant.Drc, plant.Id);
        var raised = await OkAsync(agency.Member.Client.PostAsJsonAsync(Url(engagementId, "findings"), new
        {
            sourceCode = "COAL", month = 3, description = "3 月入窑煤量与皮带秤台账不符，少计 200 t。", proposedCorrection = "按台账将 3 月燃煤量更正为 10,200 t。",
        }));
        var seenByEnterprise = await EngagementAsync(plant.Enterprise, engagementId);
        await plant.RecordAsync(Year, 3, PlannedEnterprises.Month(coal: 10_200m, reason: "按核查不符合项 #1 更正 3 月燃煤量"));
        var answered = await OkAsync(plant.Enterprise.PostAsJsonAsync(Url(engagementId, "findings/1/answer"),
            new { answer = "已按皮带秤台账更正 3 月燃煤量。", dataCorrected = true }));
        var closed = await OkAsync(agency.Lead.Client.PostAsJsonAsync(Url(engagementId, "findings/1/close"), new { note = "更正已核实。" }));
        var opinion = await OpinionAsync(agency, engagementId, assigned, factor: 1.002m);
        var leadSigned = await OkAsync(agency.Lead.Client.PostAsJsonAsync(Url(engagementId, "sign"), new { role = "lead" }));
        var stillUnderVerification = await ReportAsync(plant.Drc, plant.Id);
        var signed = await OkAsync(agency.Reviewer.Client.PostAsJsonAsync(Url(engagementId, "sign"), new { role = "reviewer" }));
        var verified = await ReportAsync(plant.Drc, plant.Id);
        var determined = await OkAsync(plant.Drc.PostAsJsonAsync($"/api/v1/enterprises/{plant.Id}/reports/{Year}/determine", new { decision = "accept" }));
        await registry.WaitForProjectionsAsync();
        var final = await (await plant.Drc.GetAsync(Url(engagementId))).JsonAsync();

        assigned.GetProperty("status").GetString().ShouldBe("assigned");
        assigned.GetProperty("method").GetString().ShouldBe("direct");
        underVerification.GetProperty("status").GetString().ShouldBe("under_verification");
        underVerification.GetProperty("verification").GetProperty("engagementId").GetGuid().ShouldBe(engagementId);
        underVerification.GetProperty("verification").GetProperty("agencyId").GetGuid().ShouldBe(agency.Id);
        raised.GetProperty("engagement").GetProperty("findings")[0].GetProperty("status").GetString().ShouldBe("open");
        seenByEnterprise.GetProperty("findings")[0].GetProperty("description").GetString()!.ShouldContain("200 t");
        answered.GetProperty("engagement").GetProperty("findings")[0].GetProperty("status").GetString().ShouldBe("answered");
        closed.GetProperty("engagement").GetProperty("openFindings").GetInt32().ShouldBe(0);
        closed.GetProperty("engagement").GetProperty("findings")[0].GetProperty("answers")[0].GetProperty("dataCorrected").GetBoolean().ShouldBeTrue();

        var issued = opinion.GetProperty("engagement").GetProperty("opinion");
        var reportedTco2 = assigned.GetProperty("reported").GetProperty("emissionsTco2").GetDecimal();
        var verifiedTco2 = issued.GetProperty("emissionsTco2").GetProperty("verified").GetDecimal();
        issued.GetProperty("emissionsTco2").GetProperty("reported").GetDecimal().ShouldBe(reportedTco2);
        issued.GetProperty("emissionsTco2").GetProperty("difference").GetDecimal().ShouldBe(verifiedTco2 - reportedTco2);
        issued.GetProperty("emissionsTco2").GetProperty("differencePercent").GetDecimal().ShouldBe(0.2m, 0.01m);
        issued.GetProperty("materialMisstatement").GetBoolean().ShouldBeFalse();
        issued.GetProperty("openFindings").GetArrayLength().ShouldBe(0);
        issued.GetProperty("sources").GetArrayLength().ShouldBe(3);

        leadSigned.GetProperty("engagement").GetProperty("status").GetString().ShouldBe("opinion_issued");
        stillUnderVerification.GetProperty("status").GetString().ShouldBe("under_verification");
        signed.GetProperty("engagement").GetProperty("status").GetString().ShouldBe("signed");
        signed.GetProperty("engagement").GetProperty("completion").GetProperty("late").GetBoolean().ShouldBeFalse();
        signed.GetProperty("engagement").GetProperty("signatures").EnumerateArray().Select(s => s.GetProperty("signer").GetProperty("username").GetString())
            .ShouldBe([agency.Lead.Username, agency.Reviewer.Username]);
        verified.GetProperty("status").GetString().ShouldBe("verified");
        verified.GetProperty("verification").GetProperty("figures").GetProperty("emissionsTco2").GetDecimal().ShouldBe(verifiedTco2);
        verified.GetProperty("verification").GetProperty("figures").GetProperty("opinion").GetString().ShouldBe("pass");
        determined.GetProperty("status").GetString().ShouldBe("determined");
        final.GetProperty("report").GetProperty("status").GetString().ShouldBe("determined");
        final.GetProperty("report").GetProperty("determinedTco2").GetDecimal().ShouldBe(verifiedTco2);
        final.GetProperty("overdue").GetBoolean().ShouldBeFalse();
        final.GetProperty("engagement").GetProperty("history").EnumerateArray().Select(h => h.GetProperty("step").GetString()).ShouldBe(
            ["assigned", "accepted", "planned", "documents_reviewed", "site_visited", "finding_raised", "finding_answered", "finding_closed",
             "opinion_issued", "signed", "signed", "signed_off"]);
    }

    [Fact]
    public async Task one_person_cannot_sign_as_both_lead_verifier_and_technical_reviewer()
    {
        var agency = await AgencyAsync(registry);
        var plant = await SubmittedAsync(registry);
        var engagementId = (await AssignDirectlyAsync(plant.Drc, plant.Id, agency.Id)).GetProperty("engagementId").GetGuid();
        await OkAsync(agency.Lead.Client.PostAsJsonAsync(Url(engagementId, "accept"), new { noConflictOfInterest = true }));

        var leadAsReviewer = await agency.Lead.Client.PostAsJsonAsync(Url(engagementId, "plan"), new { leadId = agency.Lead.Id, reviewerId = agency.Lead.Id });
        var memberAsReviewer = await agency.Lead.Client.PostAsJsonAsync(Url(engagementId, "plan"),
            new { leadId = agency.Lead.Id, memberIds = new[] { agency.Reviewer.Id }, reviewerId = agency.Reviewer.Id });
        await FieldworkAsync(agency, engagementId);
        await OpinionAsync(agency, engagementId, await EngagementAsync(agency.Lead.Client, engagementId));
        await OkAsync(agency.Lead.Client.PostAsJsonAsync(Url(engagementId, "sign"), new { role = "lead" }));
        var before = await EventsAsync(engagementId);
        var leadSignsReview = await agency.Lead.Client.PostAsJsonAsync(Url(engagementId, "sign"), new { role = "reviewer" });
        var memberSignsReview = await agency.Member.Client.PostAsJsonAsync(Url(engagementId, "sign"), new { role = "reviewer" });
        var after = await EventsAsync(engagementId);
        var reportMeanwhile = await ReportAsync(plant.Drc, plant.Id);
        var reviewerSigns = await OkAsync(agency.Reviewer.Client.PostAsJsonAsync(Url(engagementId, "sign"), new { role = "reviewer" }));

        (await leadAsReviewer.ShouldBeProblemAsync(HttpStatusCode.Conflict)).GetProperty("code").GetString().ShouldBe("engagement.reviewer_not_independent");
        (await memberAsReviewer.ShouldBeProblemAsync(HttpStatusCode.Conflict)).GetProperty("code").GetString().ShouldBe("engagement.reviewer_not_independent");
        var refused = await leadSignsReview.ShouldBeProblemAsync(HttpStatusCode.Conflict);
        refused.GetProperty("code").GetString().ShouldBe("engagement.same_person_both_roles");
        refused.GetProperty("detail").GetString()!.ShouldContain("two different people");
        (await memberSignsReview.ShouldBeProblemAsync(HttpStatusCode.Conflict)).GetProperty("code").GetString().ShouldBe("engagement.not_the_signer");
        after.ShouldBe(before);
        reportMeanwhile.GetProperty("status").GetString().ShouldBe("under_verification");
        reviewerSigns.GetProperty("engagement").GetProperty("status").GetString().ShouldBe("signed");
    }

    [Fact]
    public async Task a_verifier_of_another_agency_gets_404_and_each_party_sees_only_its_own_engagements()
    {
        var agency = await AgencyAsync(registry);
        var other = await AgencyAsync(registry);
        var plant = await SubmittedAsync(registry);
        var engagementId = (await AssignDirectlyAsync(plant.Drc, plant.Id, agency.Id)).GetProperty("engagementId").GetGuid();
        var demoVerifier = await registry.ClientAsync("verifier-demo");
        var before = await EventsAsync(engagementId);

        await (await other.Lead.Client.GetAsync(Url(engagementId))).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await other.Lead.Client.PostAsJsonAsync(Url(engagementId, "accept"), new { noConflictOfInterest = true })).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await demoVerifier.GetAsync(Url(engagementId))).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await demoVerifier.PostAsJsonAsync(Url(engagementId, "decline"), new { reason = "不是我们的" })).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await (await registry.ClientAsync("enterprise-demo")).GetAsync(Url(engagementId))).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await plant.Enterprise.PostAsJsonAsync(Url(engagementId, "accept"), new { noConflictOfInterest = true })).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await registry.Anonymous().GetAsync(Url(engagementId))).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        (await EventsAsync(engagementId)).ShouldBe(before);

        (await EngagementAsync(plant.Enterprise, engagementId)).GetProperty("id").GetGuid().ShouldBe(engagementId);
        (await EngagementAsync(await registry.ClientAsync("league-baotou"), engagementId)).GetProperty("id").GetGuid().ShouldBe(engagementId);
        var ownList = await (await agency.Lead.Client.GetAsync($"/api/v1/verification/engagements?year={Year}")).JsonAsync();
        var otherList = await (await other.Lead.Client.GetAsync($"/api/v1/verification/engagements?year={Year}")).JsonAsync();
        var peeking = await (await other.Lead.Client.GetAsync($"/api/v1/verification/engagements?agency={agency.Id}")).JsonAsync();
        var enterpriseList = await (await plant.Enterprise.GetAsync("/api/v1/verification/engagements")).JsonAsync();
        ownList.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()).ShouldBe([engagementId]);
        otherList.GetProperty("total").GetInt64().ShouldBe(0);
        peeking.GetProperty("total").GetInt64().ShouldBe(0);
        enterpriseList.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()).ShouldBe([engagementId]);
    }

    [Fact]
    public async Task a_finding_closes_only_once_answered_open_ones_are_listed_in_the_opinion_and_a_large_difference_is_material()
    {
        var agency = await AgencyAsync(registry);
        var plant = await SubmittedAsync(registry);
        var engagementId = (await AssignDirectlyAsync(plant.Drc, plant.Id, agency.Id)).GetProperty("engagementId").GetGuid();
        await FieldworkAsync(agency, engagementId);
        foreach (var month in new[] { 5, 9 })
        {
            await OkAsync(agency.Lead.Client.PostAsJsonAsync(Url(engagementId, "findings"),
                new { sourceCode = "GRID", month, description = $"{month} 月外购电量与电费结算单不符。" }));
        }

        var unanswered = await agency.Lead.Client.PostAsJsonAsync(Url(engagementId, "findings/1/close"), new { note = "关闭" });
        var unknownSource = await agency.Lead.Client.PostAsJsonAsync(Url(engagementId, "findings"), new { sourceCode = "NOPE", description = "?" });
        var escalated = await OkAsync(agency.Lead.Client.PostAsJsonAsync(Url(engagementId, "findings/1/escalate"), new { note = "企业拒不更正，报主管部门。" }));
        var opinion = await OpinionAsync(agency, engagementId, await EngagementAsync(agency.Lead.Client, engagementId), factor: 1.08m, opinion: "qualified");

        (await unanswered.ShouldBeProblemAsync(HttpStatusCode.Conflict)).GetProperty("code").GetString().ShouldBe("engagement.finding_not_answered");
        (await unknownSource.ShouldBeProblemAsync(HttpStatusCode.Conflict)).GetProperty("code").GetString().ShouldBe("engagement.unknown_source");
        escalated.GetProperty("engagement").GetProperty("findings")[0].GetProperty("status").GetString().ShouldBe("escalated");
        var issued = opinion.GetProperty("engagement").GetProperty("opinion");
        issued.GetProperty("openFindings").EnumerateArray().Select(n => n.GetInt32()).ShouldBe([1, 2]);
        issued.GetProperty("materialMisstatement").GetBoolean().ShouldBeTrue();
        issued.GetProperty("emissionsTco2").GetProperty("differencePercent").GetDecimal().ShouldBe(8m, 0.01m);
        issued.GetProperty("energyTce").GetProperty("differencePercent").GetDecimal().ShouldBe(8m, 0.01m);
    }

    [Fact]
    public async Task accepting_needs_the_declaration_and_a_registered_verifier_and_a_refusal_appends_nothing()
    {
        var agency = await AgencyAsync(registry, language: "en");
        var plant = await SubmittedAsync(registry);
        var engagementId = (await AssignDirectlyAsync(plant.Drc, plant.Id, agency.Id)).GetProperty("engagementId").GetGuid();
        var drc = await registry.ClientAsync("drc");
        var username = "v-nobody-" + Guid.NewGuid().ToString("N")[..6];
        (await drc.PostAsJsonAsync("/api/v1/users", new { username, password = "verifier-pass-1", role = "verifier", agencyId = agency.Id })).EnsureSuccessStatusCode();
        var unregistered = await registry.ClientAsync(username, "en", "verifier-pass-1");

        var undeclared = await agency.Lead.Client.PostAsJsonAsync(Url(engagementId, "accept"), new { noConflictOfInterest = false });
        var byUnregistered = await unregistered.PostAsJsonAsync(Url(engagementId, "accept"), new { noConflictOfInterest = true });
        var tooEarly = await agency.Lead.Client.PostAsJsonAsync(Url(engagementId, "sign"), new { role = "lead" });

        (await undeclared.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).ShouldNameField("noConflictOfInterest", "declaration_required").ShouldContain("conflict of interest");
        (await byUnregistered.ShouldBeProblemAsync(HttpStatusCode.Conflict)).GetProperty("code").GetString().ShouldBe("engagement.not_a_verifier");
        (await tooEarly.ShouldBeProblemAsync(HttpStatusCode.Conflict)).GetProperty("code").GetString().ShouldBe("engagement.not_ready_for_sign");
        (await EventsAsync(engagementId)).ShouldBe(1);
        (await ReportAsync(plant.Drc, plant.Id)).GetProperty("status").GetString().ShouldBe("submitted");
    }
}
