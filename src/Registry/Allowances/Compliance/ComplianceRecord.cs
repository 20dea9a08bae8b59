using System.Collections.Immutable;
using Mrv.EventStore;
using Mrv.Registry.Allowances.Accounts;
using Mrv.Registry.Allowances.Penalties;
using Mrv.Registry.Enterprises;
using Mrv.Registry.Reporting;

namespace Mrv.Registry.Allowances.Compliance;

public static class ComplianceStatuses
{
    /// <summary>已履约 — surrendered at least the obligation.</summary>
    public const string Compliant = "compliant";
    /// <summary>未足额清缴 — short by <see cref="ComplianceRecord.ShortfallTonnes"/>.</summary>
    public const string Shortfall = "shortfall";
    /// <summary>The year's emissions are not determined yet, so there is no obligation.</summary>
    public const string NotYetDetermined = "not_yet_determined";
    /// <summary>Taken off the year's covered list.</summary>
    public const string Excluded = "excluded";

    public static readonly IReadOnlyList<string> All = [Compliant, Shortfall, NotYetDetermined, Excluded];
}

public sealed record SurrenderTally(Guid SurrenderId, long AllowanceTonnes, long OffsetTonnes);

/// <summary>
/// The compliance (履约) of an enterprise-year: its obligation, what it surrendered and its status,
/// recomputed on every event that bears on it — inclusion in or exclusion from the covered list,
/// determination or reopening of the report, allocation, surrender, reversal, a penalty case.
/// </summary>
public sealed record ComplianceRecord(
    Guid EnterpriseId, int Year, bool Covered, bool Excluded, decimal? DeterminedTco2, long? FinalAllocation, string? CapRule, long OutstandingRecovery,
    ImmutableList<SurrenderTally> Surrenders, long? ObligationTonnes, long SurrenderedTonnes, long OffsetTonnes, long? ShortfallTonnes, string Status,
    long? PenaltyShortfallTonnes, DateTimeOffset UpdatedAt)
{
    public static string KeyOf(Guid enterpriseId, int year) => $"{enterpriseId}:{year}";

    public static ComplianceRecord New(Guid enterpriseId, int year, DateTimeOffset at) =>
        new(enterpriseId, year, false, false, null, null, null, 0, [], null, 0, 0, null, ComplianceStatuses.NotYetDetermined, null, at);

    /// <summary>The figures that follow from the record's inputs.</summary>
    public ComplianceRecord Recomputed(DateTimeOffset at)
    {
        var allowances = Surrenders.Sum(s => s.AllowanceTonnes);
        var offsets = Surrenders.Sum(s => s.OffsetTonnes);
        long? obligation = DeterminedTco2 is { } determined ? Obligations.Of(determined, FinalAllocation, CapRule, OutstandingRecovery) : null;
        long? shortfall = obligation is { } owed ? Math.Max(0, owed - allowances - offsets) : null;
        var status = Excluded ? ComplianceStatuses.Excluded
            : obligation is null ? ComplianceStatuses.NotYetDetermined
            : shortfall > 0 ? ComplianceStatuses.Shortfall
            : ComplianceStatuses.Compliant;
        return this with { ObligationTonnes = obligation, SurrenderedTonnes = allowances, OffsetTonnes = offsets, ShortfallTonnes = shortfall, Status = status, UpdatedAt = at };
    }
}

/// <summary>Async, across enterprises, reports and accounts: one compliance record per enterprise-year.</summary>
public sealed class ComplianceProjection : DocumentPerKeyProjection<ComplianceRecord>
{
    public override string Name => "compliance";

    public override IReadOnlyCollection<Type> EventTypes =>
    [
        typeof(IncludedInCoveredList), typeof(RemovedFromCoveredList), typeof(ReportDetermined), typeof(ReportReopened),
        typeof(AllocationIssued), typeof(AllowancesSurrendered), typeof(SurrenderReversed), typeof(PenaltyCaseOpened),
    ];

    protected override string? KeyFor(StoredEvent @event) => @event.Data switch
    {
        IncludedInCoveredList e => ComplianceRecord.KeyOf(e.EnterpriseId, e.Year),
        RemovedFromCoveredList e => ComplianceRecord.KeyOf(e.EnterpriseId, e.Year),
        ReportDetermined e => ComplianceRecord.KeyOf(e.EnterpriseId, e.Year),
        ReportReopened e => ComplianceRecord.KeyOf(e.EnterpriseId, e.Year),
        AllocationIssued e => ComplianceRecord.KeyOf(e.EnterpriseId, e.Year),
        AllowancesSurrendered e => ComplianceRecord.KeyOf(e.EnterpriseId, e.ComplianceYear),
        SurrenderReversed e => ComplianceRecord.KeyOf(e.EnterpriseId, e.ComplianceYear),
        PenaltyCaseOpened e => ComplianceRecord.KeyOf(e.EnterpriseId, e.Year),
        _ => null,
    };

    protected override ComplianceRecord? Apply(ComplianceRecord? current, StoredEvent @event)
    {
        var at = @event.RecordedAt;
        ComplianceRecord Record(Guid enterpriseId, int year) => current ?? ComplianceRecord.New(enterpriseId, year, at);
        var changed = @event.Data switch
        {
            IncludedInCoveredList e => Record(e.EnterpriseId, e.Year) with { Covered = true, Excluded = false },
            RemovedFromCoveredList e => Record(e.EnterpriseId, e.Year) with { Excluded = true },
            ReportDetermined e => Record(e.EnterpriseId, e.Year) with { DeterminedTco2 = e.DeterminedEmissionsTco2 },
            ReportReopened e => Record(e.EnterpriseId, e.Year) with { DeterminedTco2 = null },
            AllocationIssued e when e.Phase == AllocationPhases.Final => Record(e.EnterpriseId, e.Year) with
            {
                FinalAllocation = e.Target, CapRule = e.CapRule, OutstandingRecovery = Record(e.EnterpriseId, e.Year).OutstandingRecovery + e.Outstanding,
            },
            AllocationIssued e => Record(e.EnterpriseId, e.Year) with { OutstandingRecovery = Record(e.EnterpriseId, e.Year).OutstandingRecovery + e.Outstanding },
            AllowancesSurrendered e => Record(e.EnterpriseId, e.ComplianceYear) with
            {
                Surrenders = Record(e.EnterpriseId, e.ComplianceYear).Surrenders.Add(
                    new SurrenderTally(e.SurrenderId, e.Allowances.Sum(a => a.Quantity), e.Offsets.Sum(o => o.Quantity))),
            },
            SurrenderReversed e => Record(e.EnterpriseId, e.ComplianceYear) with
            {
                Surrenders = Record(e.EnterpriseId, e.ComplianceYear).Surrenders.RemoveAll(s => s.SurrenderId == e.SurrenderId),
            },
            PenaltyCaseOpened e => Record(e.EnterpriseId, e.Year) with { PenaltyShortfallTonnes = e.ShortfallTonnes },
            _ => current,
        };
        return changed?.Recomputed(at);
    }
}
