using Mrv.Verification.Assignment;
using static Mrv.Verification.Tests.Builders;

namespace Mrv.Verification.Tests;

public sealed class AssignmentDecideTests
{
    [Fact]
    public void a_draw_records_the_seed_and_sorted_candidates_and_its_agency_is_what_re_running_the_seed_gives()
    {
        var agencies = new[] { NewAgency("甲"), NewAgency("乙"), NewAgency("丙"), NewAgency("丁", scopes: "steel") };
        var facts = Facts(Subject(), agencies);

        var drawn = (AgencyDrawn)AgencyAssignment.Decide(new AgencyAssignment.Draw(Subject(), Eligibility.Evaluate(facts, new HashSet<Guid>()), "seed-1", Guid.NewGuid(), "drc"),
            AgencyAssignment.None, Now).Single();

        drawn.Seed.ShouldBe("seed-1");
        drawn.Eligible.ShouldBe(agencies.Take(3).Select(a => a.Id.ToString()).Order(StringComparer.Ordinal));
        drawn.AgencyId.ToString().ShouldBe(SeededDraw.PickOne("seed-1", drawn.Eligible));
    }

    [Fact]
    public void after_a_decline_the_redraw_leaves_the_declining_agency_out_and_says_so()
    {
        var agencies = new[] { NewAgency("甲"), NewAgency("乙") };
        var subject = Subject();
        var first = AgencyAssignment.None;
        first = AgencyAssignment.Decide(new AgencyAssignment.AssignDirectly(subject, Eligibility.Evaluate(Facts(subject, agencies), new HashSet<Guid>()),
            agencies[0].Id, "唯一具备资质", Guid.NewGuid(), "drc"), first, Now).Aggregate(first, AgencyAssignment.Evolve);
        var declined = AgencyAssignment.Decide(new AgencyAssignment.Decline(first.CurrentEngagementId!.Value, "任务已满", "lead"), first, Now)
            .Aggregate(first, AgencyAssignment.Evolve);

        var redraw = (AgencyDrawn)AgencyAssignment.Decide(new AgencyAssignment.Draw(subject,
            Eligibility.Evaluate(Facts(subject, agencies), declined.DeclinedAgencies), "seed-2", Guid.NewGuid(), "drc"), declined, Now).Single();

        Refusal(() => AgencyAssignment.Decide(new AgencyAssignment.Draw(subject, [], "s", Guid.NewGuid(), "drc"), first, Now))
            .ShouldBe("assignment.already_assigned");
        declined.Current.ShouldBeNull();
        redraw.AgencyId.ShouldBe(agencies[1].Id);
        redraw.Eligible.ShouldBe([agencies[1].Id.ToString()]);
        redraw.ExcludedAfterDecline.ShouldBe([agencies[0].Id]);
    }

    [Fact]
    public void nothing_is_assigned_without_a_submitted_report_an_eligible_agency_or_for_an_ineligible_one()
    {
        var steel = NewAgency("钢", scopes: "steel");
        var eligibility = Eligibility.Evaluate(Facts(Subject(), [steel]), new HashSet<Guid>());

        Refusal(() => AgencyAssignment.Decide(new AgencyAssignment.Draw(Subject(submitted: false), eligibility, "s", Guid.NewGuid(), "drc"), AgencyAssignment.None, Now))
            .ShouldBe("assignment.report_not_submitted");
        Refusal(() => AgencyAssignment.Decide(new AgencyAssignment.Draw(Subject(), eligibility, "s", Guid.NewGuid(), "drc"), AgencyAssignment.None, Now))
            .ShouldBe("assignment.no_eligible_agency");
        Refusal(() => AgencyAssignment.Decide(new AgencyAssignment.AssignDirectly(Subject(), eligibility, steel.Id, "指定", Guid.NewGuid(), "drc"), AgencyAssignment.None, Now))
            .ShouldBe("assignment.agency_not_eligible");
    }
}
