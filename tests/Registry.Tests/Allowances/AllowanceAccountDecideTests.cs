using Mrv.EventStore;
using Mrv.Registry.Allowances.Accounts;
using Mrv.Registry.Allowances.Compliance;

namespace Mrv.Registry.Tests.Allowances;

public sealed class AllowanceAccountDecideTests
{
    static readonly DateTimeOffset Now = new(2026, 6, 1, 10, 0, 0, TimeSpan.FromHours(8));
    static readonly Guid Id = Guid.NewGuid();
    static readonly Guid Table = Guid.NewGuid();
    static readonly DateOnly Due = new(2026, 12, 31);

    static AllowanceAccount Given(params object[] events) => events.Aggregate(AllowanceAccount.None, AllowanceAccount.Evolve);

    static AllowanceAccountOpened Opened() => new(Id, AccountKinds.Enterprise, Id, "测试电厂", "150200", "drc", Now);

    static AllocationIssued Issued(int year, string phase, long target, long issued, string? capRule = null) =>
        new(Id, Id, year, phase, Table, target, issued, [], 0, capRule, "drc", Now);

    static string Code(Action decide) => Should.Throw<DomainRuleViolation>(decide).Code;

    [Fact]
    public void a_true_up_recovers_from_the_years_vintage_first_then_the_oldest_and_what_is_gone_stays_owed_on_top_of_the_obligation()
    {
        var state = Given(Opened(), Issued(2024, AllocationPhases.PreAllocation, 100, 100), Issued(2025, AllocationPhases.PreAllocation, 700, 700),
            new AllowancesTransferredOut(Id, Guid.NewGuid(), Guid.NewGuid(), 2025, 650, "trade", "SEEE-1", false, Now));

        var events = AllowanceAccount.Decide(new AllowanceAccount.Issue(2025, AllocationPhases.Final, Table, 500, 700, -200, CapRules.Coal, "drc"), state, Now);

        var issued = events.ShouldHaveSingleItem().ShouldBeOfType<AllocationIssued>();
        issued.Recovered.ShouldBe([new VintageQuantity(2025, 50), new VintageQuantity(2024, 100)]);
        issued.Outstanding.ShouldBe(50);
        var after = Given(Opened(), Issued(2024, AllocationPhases.PreAllocation, 100, 100), Issued(2025, AllocationPhases.PreAllocation, 700, 700),
            new AllowancesTransferredOut(Id, Guid.NewGuid(), Guid.NewGuid(), 2025, 650, "trade", "SEEE-1", false, Now), issued);
        after.TotalHeld.ShouldBe(0);
        // Determined 600 t against a final allocation of 500 (coal: at most 500 + 20% × 600 = 620), plus the 50 owed.
        after.ObligationFor(2025, 600m).ShouldBe(650);
    }

    [Fact]
    public void an_allocation_is_issued_once_per_phase_and_only_against_what_the_table_saw()
    {
        var state = Given(Opened(), Issued(2025, AllocationPhases.PreAllocation, 700, 700));

        Code(() => AllowanceAccount.Decide(new AllowanceAccount.Issue(2025, AllocationPhases.PreAllocation, Table, 700, 0, 700, null, "drc"), state, Now))
            .ShouldBe("allocation.already_issued");
        Code(() => AllowanceAccount.Decide(new AllowanceAccount.Issue(2025, AllocationPhases.Final, Table, 1000, 0, 1000, null, "drc"), state, Now))
            .ShouldBe("allocation.stale");
    }

    [Fact]
    public void a_surrender_refuses_a_frozen_account_and_a_passed_deadline_and_a_repeat_of_the_same_surrender_records_nothing()
    {
        var surrender = new AllowanceAccount.Surrender(Guid.NewGuid(), 2025, [new VintageQuantity(2025, 10)], [], 100m, Due, "e");
        var funded = Given(Opened(), Issued(2025, AllocationPhases.PreAllocation, 700, 700));
        var done = AllowanceAccount.Decide(surrender, funded, Now);

        Code(() => AllowanceAccount.Decide(surrender, Given(Opened(), Issued(2025, AllocationPhases.PreAllocation, 700, 700),
            new AllowanceAccountFrozen(Id, "司法冻结", "drc", Now)), Now)).ShouldBe("account.frozen");
        Code(() => AllowanceAccount.Decide(surrender, funded, new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.FromHours(8)))).ShouldBe("surrender.deadline_passed");
        AllowanceAccount.Decide(surrender, Given([Opened(), Issued(2025, AllocationPhases.PreAllocation, 700, 700), .. done]), Now).ShouldBeEmpty();
    }

    [Fact]
    public void an_account_closes_only_when_empty_and_a_closed_account_takes_nothing()
    {
        var funded = Given(Opened(), Issued(2025, AllocationPhases.PreAllocation, 1, 1));
        var closed = Given(Opened(), new AllowanceAccountClosed(Id, "企业注销", "drc", Now));

        Code(() => AllowanceAccount.Decide(new AllowanceAccount.ChangeStatus(AccountStatuses.Closed, "企业注销", "drc"), funded, Now)).ShouldBe("account.not_empty");
        Code(() => AllowanceAccount.TransferIn(closed, Guid.NewGuid(), Guid.NewGuid(), 2025, 1, "trade", "x", Now)).ShouldBe("account.closed");
        AllowanceAccount.Decide(new AllowanceAccount.ChangeStatus(AccountStatuses.Closed, "again", "drc"), closed, Now).ShouldBeEmpty();
    }
}
