using Mrv.EventStore;
using Mrv.Registry.Allowances;
using Mrv.Registry.Allowances.Accounts;
using Mrv.Registry.Allowances.Allocation;
using Mrv.Registry.Allowances.Penalties;
using Mrv.Registry.Enterprises;
using Mrv.Registry.Factors;
using Mrv.Registry.Reporting;
using Mrv.Registry.Verifying;

namespace Mrv.Registry.Demo;

/// <summary>
/// The synthetic province's allowances: an account for every enterprise on the 2023 or 2024 covered
/// list, opened as the lists are settled, and each batch's power plants allocated their 2023 allowances
/// by the factor table's power benchmarks in one table — computed and submitted by <c>drc</c>,
/// approved by <c>drc-reviewer</c> (four eyes) and issued to the accounts, as the approval does.
/// </summary>
internal static class ScaleAllowances
{
    const int Year = 2023;
    static readonly int[] CoveredYears = [2023, 2024];

    static readonly DateTimeOffset OpenedAt = ScaleSeed.At(2024, 1, 10);
    static readonly DateTimeOffset ComputedAt = ScaleSeed.At(2024, 7, 20);
    static readonly DateTimeOffset ApprovedAt = ScaleSeed.At(2024, 7, 22);

    public static async Task PrepareAsync(EventLog log, PendingStreams pending, CancellationToken ct)
    {
        var stream = AllowanceAccount.StreamId(AllowanceAccount.ProvinceId);
        pending.Track(AllowanceAccount.Decider, await log.AggregateAsync(stream, AllowanceAccount.None, AllowanceAccount.Evolve, ct: ct));
        pending.Apply(AllowanceAccount.Decider, stream, state => AllowanceAccount.Decide(AccountOpening.Province(VerificationScript.Drc), state, OpenedAt), OpenedAt);
    }

    /// <summary>Opens the enterprise's account if it is on a covered list; says whether it did.</summary>
    public static bool Open(PendingStreams pending, Enterprise enterprise)
    {
        if (!CoveredYears.Any(year => enterprise.CoveredIn(year) is { Status: CoveredListEntry.Included })) return false;
        pending.Apply(AllowanceAccount.Decider, AllowanceAccount.StreamId(enterprise.Id), state => AllowanceAccount.Decide(
            AccountOpening.ForEnterprise(enterprise.Id, enterprise.NameZh, enterprise.LeagueCode, VerificationScript.Drc), state, OpenedAt), OpenedAt);
        return true;
    }

    /// <summary>The 2023 final allocation of the power plants among <paramref name="enterprises"/>, their reports determined, in table <paramref name="tableId"/>.</summary>
    public static void Allocate(PendingStreams pending, IEnumerable<Enterprise> enterprises, FactorTableVersion factors, Guid tableId, string note)
    {
        var entries = new List<AllocationEntry>();
        var problems = new List<AllocationProblem>();
        foreach (var enterprise in enterprises.Where(e => e.Industry == DemoEnterprises.CoalPower.Industry && e.CoveredIn(Year) is { Status: CoveredListEntry.Included }))
        {
            var (basis, problem) = AllocationInputs.Of(enterprise, Year, AllocationPhases.Final,
                pending.State<AllowanceAccount>(AllowanceAccount.StreamId(enterprise.Id)), pending.State<AnnualReport>(AnnualReport.StreamId(enterprise.Id, Year)),
                PenaltyCase.None);
            if (problem is not null) problems.Add(problem);
            else ComputeAllocation.Power(Year, AllocationPhases.Final, factors, UnitsOf(enterprise), basis!, entries, problems);
        }
        if (entries.Count == 0) return;

        var computed = new AllocationTableComputed(tableId, Year, AllocationPhases.Final, AllocationMethods.PowerBenchmark, entries, problems, factors.Version,
            note, VerificationScript.Drc, ComputedAt);
        var stream = AllocationTable.StreamId(tableId);
        pending.Apply(AllocationTable.Decider, stream, state => AllocationTable.Decide(computed, state), ComputedAt);
        pending.Apply(AllocationTable.Decider, stream, state => AllocationTable.Submit(state, VerificationScript.Drc, ComputedAt), ComputedAt);
        var table = pending.Apply(AllocationTable.Decider, stream, state => AllocationTable.Approve(state, AllowancesDemo.Reviewer, ApprovedAt), ApprovedAt);
        foreach (var entry in table.Entries)
        {
            pending.Apply(AllowanceAccount.Decider, AllowanceAccount.StreamId(entry.EnterpriseId),
                state => AllowanceAccount.Decide(AllocationTable.IssueOf(table, entry, AllowancesDemo.Reviewer), state, ApprovedAt), ApprovedAt);
        }
    }

    /// <summary>The plant's units as the DRC enters them: most over 300 MW, load factors from 50% to 90% (below 65% earns the peak-regulation correction).</summary>
    static PowerUnitRequest UnitsOf(Enterprise enterprise) => new(enterprise.Id,
        ReportingDemo.Noise($"{enterprise.CreditCode}:units") < 0.7m ? PowerCategories.Coal300MwPlus : PowerCategories.Coal300MwMinus, null,
        Math.Round(0.50m + ReportingDemo.Noise($"{enterprise.CreditCode}:load") * 0.40m, 2), null);
}
