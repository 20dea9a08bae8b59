using Mrv.EventStore;
using Mrv.Registry.Accounting;
using Mrv.Registry.Allowances.Accounts;
using Mrv.Registry.Allowances.Penalties;
using Mrv.Registry.Enterprises;
using Mrv.Registry.Reporting;

namespace Mrv.Registry.Allowances.Allocation;

/// <summary>What an enterprise's allocation of a year and phase rests on, read from the log.</summary>
/// <param name="Outputs">The outputs of the basis report (the prior year's for a pre-allocation, the year's own for the final one).</param>
/// <param name="PreviouslyIssued">What earlier phases of the year left in the account (the true-up issues the difference).</param>
/// <param name="PenaltyDeduction">The shortfall of a penalty case of the year before, deducted tonne for tonne.</param>
public sealed record AllocationBasis(
    Enterprise Enterprise, IReadOnlyList<OutputTotal> Outputs, string OutputsOrigin, long PreviouslyIssued, long PenaltyDeduction, string? DeductionOrigin)
{
    public decimal Output(string product) => Outputs.FirstOrDefault(o => o.Product == product)?.Quantity ?? 0;
}

/// <summary>
/// Loads the basis of allocations and turns a formula's figure into a table entry. Inputs come from
/// the annual reports' frozen figures (their submission snapshot), never typed in again.
/// </summary>
public static class AllocationInputs
{
    /// <summary>
    /// A pre-allocation is 70% of the prior year's verified basis (factor table allocation.formula.pre_allocation;
    /// DESIGN.md §7; issue 8); the final allocation is the whole of the year's own.
    /// </summary>
    public const decimal PreAllocationShare = 0.70m;

    public static decimal ShareOf(string phase) => phase == AllocationPhases.PreAllocation ? PreAllocationShare : 1m;

    /// <param name="withReport">Whether the phase needs the basis report's outputs (not for uploaded tables).</param>
    public static async Task<(AllocationBasis? Basis, AllocationProblem? Problem)> LoadAsync(
        EventLog log, Guid enterpriseId, int year, string phase, bool withReport, CancellationToken ct)
    {
        var document = await log.Documents.LoadAsync<Enterprise>(Enterprise.StreamId(enterpriseId), ct);
        if (document is null)
        {
            return (null, new AllocationProblem(enterpriseId, null, "allocation.enterprise_unknown",
                new LocalizedText($"没有 id 为 {enterpriseId} 的已登记企业。", $"No registered enterprise has the id {enterpriseId}.")));
        }
        var account = (await log.AggregateAsync(AllowanceAccount.StreamId(enterpriseId), AllowanceAccount.None, AllowanceAccount.Evolve, ct: ct)).State;
        var report = withReport ? (await AnnualReport.LoadAsync(log, enterpriseId, BasisYear(year, phase), ct: ct)).State : null;
        var penalty = (await log.AggregateAsync(PenaltyCase.StreamId(enterpriseId, year - 1), PenaltyCase.None, PenaltyCase.Evolve, ct: ct)).State;
        return Of(document.Data, year, phase, account, report, penalty);
    }

    /// <summary>The report a phase rests on: the prior year's for a pre-allocation, the year's own for the final one.</summary>
    public static int BasisYear(int year, string phase) => phase == AllocationPhases.PreAllocation ? year - 1 : year;

    /// <summary>
    /// The basis from what was read: the enterprise, its account, the basis report (null when the phase
    /// needs none) and the penalty case of the year before; or why there is none.
    /// </summary>
    public static (AllocationBasis? Basis, AllocationProblem? Problem) Of(
        Enterprise enterprise, int year, string phase, AllowanceAccount account, AnnualReport? report, PenaltyCase penalty)
    {
        AllocationProblem Problem(string code, string zh, string en) => new(enterprise.Id, enterprise.NameZh, code, new LocalizedText(zh, en));

        if (enterprise.CoveredIn(year) is not { Status: CoveredListEntry.Included })
        {
            return (null, Problem("allocation.not_covered", $"{enterprise.NameZh} 不在 {year} 年度重点排放单位名录中。", $"{enterprise.NameEn ?? enterprise.NameZh} is not on the {year} covered list."));
        }
        if (account.AllocationOf(year, phase) is not null || (phase == AllocationPhases.PreAllocation && account.Allocations.Any(a => a.Year == year)))
        {
            return (null, Problem("allocation.already_issued", $"{enterprise.NameZh} 的 {year} 年度配额（{phase}）已经发放。", $"The {year} allocation ({phase}) of {enterprise.NameZh} was already issued."));
        }

        IReadOnlyList<OutputTotal> outputs = [];
        var origin = "";
        if (report is not null)
        {
            var basisYear = BasisYear(year, phase);
            var ready = phase == AllocationPhases.PreAllocation
                ? report.Status is ReportStatuses.Verified or ReportStatuses.Determined
                : report.Status == ReportStatuses.Determined;
            if (!ready || report.Submission is null)
            {
                return (null, phase == AllocationPhases.PreAllocation
                    ? Problem("allocation.basis_not_verified", $"{enterprise.NameZh} 的 {basisYear} 年度报告尚未核查（当前：{report.Status}），预分配没有依据。",
                        $"The {basisYear} report of {enterprise.NameZh} is not verified yet ({report.Status}); the pre-allocation has no basis.")
                    : Problem("allocation.not_determined", $"{enterprise.NameZh} 的 {basisYear} 年度排放尚未核定（当前：{report.Status}），不能核定最终配额。",
                        $"The {basisYear} emissions of {enterprise.NameZh} are not determined yet ({report.Status}); there is no final allocation before that."));
            }
            outputs = report.Submission.Snapshot.Calculation.Outputs;
            origin = $"report {basisYear} ({report.Status}), submission {report.Submission.Number}";
        }

        var deduction = penalty.Exists ? penalty.ShortfallTonnes : 0;
        return (new AllocationBasis(enterprise, outputs, origin, account.NetIssuedFor(year), deduction,
            penalty.Exists ? $"penalty case {year - 1}: {penalty.ShortfallTonnes} t not surrendered" : null), null);
    }

    /// <summary>The share of the formula's figure in whole allowances, less the penalty deduction; a true-up issues what earlier phases did not.</summary>
    public static AllocationEntry Entry(AllocationBasis basis, decimal share, decimal computedTco2, string? capRule, string formula, IReadOnlyList<AllocationLine> lines, string? note)
    {
        var gross = (long)Math.Round(computedTco2 * share, 0, MidpointRounding.AwayFromZero);
        var target = Math.Max(0, gross - basis.PenaltyDeduction);
        var enterprise = basis.Enterprise;
        var notes = new[] { note, basis.DeductionOrigin }.Where(n => n is not null).ToList();
        return new AllocationEntry(enterprise.Id, enterprise.CreditCode, enterprise.NameZh, enterprise.LeagueCode, computedTco2, share, gross,
            basis.PenaltyDeduction, target, basis.PreviouslyIssued, target - basis.PreviouslyIssued, capRule, formula, lines,
            notes.Count == 0 ? null : string.Join("; ", notes));
    }
}
