using Mrv.Verification.Agencies;
using Mrv.Verification.Assignment;
using static Mrv.Verification.Tests.Builders;

namespace Mrv.Verification.Tests;

public sealed class EligibilityRulesTests
{
    static IEnumerable<string> Codes(EligibilityFacts facts, Agency agency, IReadOnlySet<Guid>? declined = null) =>
        Eligibility.Evaluate(facts, declined ?? new HashSet<Guid>()).Single(e => e.AgencyId == agency.Id).Exclusions.Select(x => x.Code);

    static Agency With(Agency agency, object command) => Fold(agency, command switch
    {
        Agency.DeclareConsultancy c => Agency.Decide(c, agency, Now),
        Agency.Suspend c => Agency.Decide(c, agency, Now),
        Agency.Blacklist c => Agency.Decide(c, agency, Now),
        Agency.Reinstate c => Agency.Decide(c, agency, Now),
        _ => throw new ArgumentException("not an agency command", nameof(command)),
    });

    [Fact]
    public void consulting_counts_for_five_years_after_it_ended_and_an_ongoing_service_counts_until_it_ends()
    {
        var today = new DateOnly(2025, 5, 10);
        Agency Consulted(DateOnly from, DateOnly? to) =>
            With(NewAgency(), new Agency.DeclareConsultancy(Guid.NewGuid(), CreditCode, "测试", ConsultancyServices.Consulting, from, to, null, "drc"));
        var endedOnTheEdge = Consulted(new DateOnly(2019, 1, 1), today.AddYears(-5));
        var endedJustBefore = Consulted(new DateOnly(2019, 1, 1), today.AddYears(-5).AddDays(-1));
        var ongoing = Consulted(new DateOnly(2012, 1, 1), null);
        var facts = Facts(Subject(), [endedOnTheEdge, endedJustBefore, ongoing], today);

        Codes(facts, endedOnTheEdge).ShouldBe([ExclusionCodes.Consultancy]);
        Codes(facts, endedJustBefore).ShouldBeEmpty();
        Codes(facts, ongoing).ShouldBe([ExclusionCodes.Consultancy]);
    }

    [Fact]
    public void six_consecutive_years_exclude_the_agency_but_five_or_six_with_a_gap_do_not()
    {
        var six = NewAgency();
        var five = NewAgency();
        var subject = Subject(2024);
        var sixYears = Enumerable.Range(2018, 6).ToDictionary(y => y, _ => six.Id);
        var withGap = Enumerable.Range(2017, 7).ToDictionary(y => y, y => y == 2021 ? five.Id : six.Id);
        var fiveYears = Enumerable.Range(2019, 5).ToDictionary(y => y, _ => five.Id);

        Codes(Facts(subject, [six, five], earlier: sixYears), six).ShouldBe([ExclusionCodes.ConsecutiveYears]);
        Codes(Facts(subject, [six, five], earlier: withGap), six).ShouldBeEmpty();
        Codes(Facts(subject, [six, five], earlier: fiveYears), five).ShouldBeEmpty();
    }

    [Fact]
    public void a_suspension_or_five_year_blacklisting_ends_but_a_lifetime_one_does_not_and_reinstating_lifts_either()
    {
        var suspended = With(NewAgency(), new Agency.Suspend(new DateOnly(2024, 1, 1), new DateOnly(2025, 5, 9), "整改", "drc"));
        var fiveYears = With(NewAgency(), new Agency.Blacklist("决定一", "造假", BlacklistPeriods.FiveYears, new DateOnly(2020, 5, 10), "drc"));
        var forLife = With(NewAgency(), new Agency.Blacklist("决定二", "造假", BlacklistPeriods.Lifetime, new DateOnly(2000, 1, 1), "drc"));
        var reinstated = With(With(NewAgency(), new Agency.Blacklist("决定三", "误判", BlacklistPeriods.Lifetime, new DateOnly(2024, 1, 1), "drc")),
            new Agency.Reinstate("复议撤销", "drc"));
        var facts = Facts(Subject(), [suspended, fiveYears, forLife, reinstated], new DateOnly(2025, 5, 10));

        fiveYears.Blacklisting!.Until.ShouldBe(new DateOnly(2025, 5, 9));
        Codes(facts, suspended).ShouldBeEmpty();
        Codes(facts, fiveYears).ShouldBeEmpty();
        Codes(facts, forLife).ShouldBe([ExclusionCodes.Blacklisted]);
        Codes(facts, reinstated).ShouldBeEmpty();
        Codes(Facts(Subject(), [suspended], new DateOnly(2025, 5, 9)), suspended).ShouldBe([ExclusionCodes.Suspended]);
    }

    [Fact]
    public void the_cap_excludes_at_the_cap_not_below_it_and_every_reason_that_applies_is_listed()
    {
        var capped = NewAgency(cap: 3);
        var everything = With(NewAgency("乙核查", 1, "steel"), new Agency.Suspend(new DateOnly(2025, 1, 1), new DateOnly(2025, 12, 31), "整改", "drc"));
        var workload = new Dictionary<Guid, int> { [capped.Id] = 2, [everything.Id] = 1 };

        Codes(Facts(Subject(), [capped], workload: workload), capped).ShouldBeEmpty();
        Codes(Facts(Subject(), [capped], workload: new Dictionary<Guid, int> { [capped.Id] = 3 }), capped).ShouldBe([ExclusionCodes.WorkloadCap]);
        Codes(Facts(Subject(), [everything], workload: workload), everything, new HashSet<Guid> { everything.Id })
            .ShouldBe([ExclusionCodes.Scope, ExclusionCodes.Suspended, ExclusionCodes.WorkloadCap, ExclusionCodes.Declined]);
    }
}
