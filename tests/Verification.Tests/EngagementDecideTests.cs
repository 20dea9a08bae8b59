using Mrv.Verification.Engagements;
using static Mrv.Verification.Tests.Builders;

namespace Mrv.Verification.Tests;

public sealed class EngagementDecideTests
{
    static readonly DateOnly Due = new(2025, 6, 30);

    static Engagement WithOpinion(Mrv.Verification.Agencies.Agency agency, decimal factor = 1m)
    {
        var state = InFieldwork(agency);
        return state.Then(Engagement.Decide(new Engagement.IssueOpinion(Opinions.Pass, "通过", Verified(factor), agency.Person("lead")), state, Now));
    }

    [Fact]
    public void the_opinion_compares_each_source_and_the_total_and_only_more_than_five_percent_is_material()
    {
        var agency = NewAgency();

        var exactlyFive = WithOpinion(agency, 1.05m).Opinion!;
        var above = WithOpinion(agency, 1.0501m).Opinion!;
        var below = WithOpinion(agency, 0.94m).Opinion!;

        exactlyFive.EmissionsTco2.ShouldBe(new Comparison(1_000m, 1_050m, 50m, 5m));
        exactlyFive.Sources[0].EmissionsTco2.ShouldBe(new Comparison(900m, 945m, 45m, 5m));
        exactlyFive.EnergyTce.Difference.ShouldBe(20m);
        exactlyFive.MaterialMisstatement.ShouldBeFalse();
        above.MaterialMisstatement.ShouldBeTrue();
        below.MaterialMisstatement.ShouldBeTrue();
        below.EmissionsTco2.DifferencePercent.ShouldBe(-6m);
        Comparison.Of(0m, 5m).DifferencePercent.ShouldBeNull();
    }

    [Fact]
    public void the_opinion_covers_every_reported_source_lists_open_findings_and_comes_from_the_lead()
    {
        var agency = NewAgency();
        var state = InFieldwork(agency);
        state = state.Then(Engagement.Decide(new Engagement.RaiseFinding("COAL", 3, "少计", "更正", agency.Person("member")), state, Now));

        var opinion = (OpinionIssued)Engagement.Decide(new Engagement.IssueOpinion(Opinions.Qualified, "保留", Verified(1m), agency.Person("lead")), state, Now).Single();

        opinion.OpenFindings.ShouldBe([1]);
        Refusal(() => Engagement.Decide(new Engagement.IssueOpinion(Opinions.Pass, "通过", [new("COAL", 900m, 380m)], agency.Person("lead")), state, Now))
            .ShouldBe("engagement.opinion_missing_sources");
        Refusal(() => Engagement.Decide(new Engagement.IssueOpinion(Opinions.Pass, "通过", Verified(1m), agency.Person("member")), state, Now))
            .ShouldBe("engagement.not_the_lead");
    }

    [Fact]
    public void the_lead_and_the_reviewer_sign_in_their_own_roles_and_the_second_signature_completes_the_engagement()
    {
        var agency = NewAgency();
        var state = WithOpinion(agency);
        var lead = agency.Person("lead");
        var reviewer = agency.Person("reviewer");

        var leadSigned = state.Then(Engagement.Decide(new Engagement.Sign(SignatureRoles.Lead, lead, Due), state, Now));
        var completed = Engagement.Decide(new Engagement.Sign(SignatureRoles.Reviewer, reviewer, Due), leadSigned, Now.AddDays(60));

        Refusal(() => Engagement.Decide(new Engagement.Sign(SignatureRoles.Reviewer, lead, Due), leadSigned, Now)).ShouldBe("engagement.same_person_both_roles");
        Refusal(() => Engagement.Decide(new Engagement.Sign(SignatureRoles.Lead, reviewer, Due), state, Now)).ShouldBe("engagement.same_person_both_roles");
        Refusal(() => Engagement.Decide(new Engagement.Sign(SignatureRoles.Reviewer, agency.Person("member"), Due), leadSigned, Now))
            .ShouldBe("engagement.not_the_signer");
        Engagement.Decide(new Engagement.Sign(SignatureRoles.Lead, lead, Due), leadSigned, Now).ShouldBeEmpty();
        completed.Select(e => e.GetType()).ShouldBe([typeof(EngagementSigned), typeof(EngagementSignedOff)]);
        var signedOff = (EngagementSignedOff)completed[1];
        signedOff.VerifiedEmissionsTco2.ShouldBe(1_000m);
        signedOff.Late.ShouldBeTrue();
    }

    [Fact]
    public void the_reviewer_must_be_independent_and_qualified_and_the_lead_qualified_for_the_industry()
    {
        var agency = NewAgency();
        var state = InFieldwork(agency);
        var lead = agency.Person("lead");
        var member = agency.Person("member");
        var reviewer = agency.Person("reviewer");

        Refusal(() => Engagement.Decide(new Engagement.Plan(lead, [], lead, null, null, "lead"), state, Now)).ShouldBe("engagement.reviewer_not_independent");
        Refusal(() => Engagement.Decide(new Engagement.Plan(lead, [reviewer], reviewer, null, null, "lead"), state, Now)).ShouldBe("engagement.reviewer_not_independent");
        Refusal(() => Engagement.Decide(new Engagement.Plan(member, [], reviewer, null, null, "lead"), state, Now)).ShouldBe("engagement.lead_not_qualified");
        Refusal(() => Engagement.Decide(new Engagement.Plan(lead, [], member, null, null, "lead"), state, Now)).ShouldBe("engagement.reviewer_not_qualified");
        Refusal(() => Engagement.Decide(new Engagement.Plan(lead with { Industries = ["steel"] }, [], reviewer, null, null, "lead"), state, Now))
            .ShouldBe("engagement.lead_not_qualified");
    }

    [Fact]
    public void a_finding_is_answered_before_it_closes_and_a_repeated_answer_records_nothing()
    {
        var agency = NewAgency();
        var state = InFieldwork(agency);
        state = state.Then(Engagement.Decide(new Engagement.RaiseFinding("GRID", 5, "电量不符", null, agency.Person("lead")), state, Now));

        Refusal(() => Engagement.Decide(new Engagement.CloseFinding(1, "关闭", agency.Person("lead")), state, Now)).ShouldBe("engagement.finding_not_answered");
        Refusal(() => Engagement.Decide(new Engagement.RaiseFinding("NOPE", 5, "?", null, agency.Person("lead")), state, Now)).ShouldBe("engagement.unknown_source");
        var answered = state.Then(Engagement.Decide(new Engagement.AnswerFinding(1, "已更正", true, "enterprise"), state, Now));
        Engagement.Decide(new Engagement.AnswerFinding(1, "已更正", true, "enterprise"), answered, Now).ShouldBeEmpty();
        var closed = answered.Then(Engagement.Decide(new Engagement.CloseFinding(1, "已核实", agency.Person("member")), answered, Now));
        closed.OpenFindings.ShouldBe(0);
        Refusal(() => Engagement.Decide(new Engagement.AnswerFinding(1, "再答", false, "enterprise"), closed, Now)).ShouldBe("engagement.finding_closed");
    }
}
