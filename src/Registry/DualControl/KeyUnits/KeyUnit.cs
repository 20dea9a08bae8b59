using System.Collections.Immutable;
using Mrv.EventStore;
using Mrv.Registry.DualControl.Assessment;
using Mrv.Registry.Enterprises;

namespace Mrv.Registry.DualControl.KeyUnits;

/// <summary>
/// A key energy-consuming unit's (重点用能单位) targets for a plan period: the energy it is to save
/// over the period (节能量, tce) and the reduction of its energy per unit of output (pct vs base year).
/// </summary>
public sealed record KeyUnitTargets(decimal? EnergySavingTce, decimal? IntensityReductionPct);

/// <summary>A unit's output in a year (e.g. tonnes of clinker, MWh, 10,000 CNY of value added): the denominator of its intensity.</summary>
public sealed record OutputFigure(decimal Quantity, string Unit);

/// <summary>A key unit's figures of a year: energy (tce), CO2 (t), the energy it saved that year (tce), its output; with their source.</summary>
public sealed record KeyUnitYearFigures(decimal EnergyTce, decimal? EmissionsTco2, decimal? EnergySavingTce, OutputFigure? Output, string Source);

/// <summary>The region (千家) or the league/city (万家) set a key unit's targets for a period.</summary>
public sealed record KeyUnitTargetsSet(
    Guid EnterpriseId, string LeagueCode, string Tier, string PeriodCode, KeyUnitTargets Targets, string? Reason, string? SetBy, DateTimeOffset SetAt);

/// <summary>A key unit's figures of a year were entered or corrected (until they come from its determined annual report).</summary>
public sealed record KeyUnitFiguresRecorded(
    Guid EnterpriseId, string LeagueCode, int Year, KeyUnitYearFigures Figures, string? Reason, string? RecordedBy, DateTimeOffset RecordedAt);

public sealed record KeyUnitPeriodTargets(string PeriodCode, string Tier, KeyUnitTargets Targets, string? SetBy, DateTimeOffset SetAt);

public sealed record KeyUnitYear(int Year, KeyUnitYearFigures Figures, int Revision, string? RecordedBy, DateTimeOffset RecordedAt);

/// <summary>
/// A key energy-consuming unit's dual-control targets and yearly figures, folded from the stream
/// <c>key-unit-{enterpriseId}</c>. The same record is the read model (table <c>key_units</c>), which
/// the roll-up to the league/city reads.
/// </summary>
public sealed record KeyUnit(Guid EnterpriseId, string LeagueCode, ImmutableList<KeyUnitPeriodTargets> Targets, ImmutableList<KeyUnitYear> Years)
{
    public static readonly KeyUnit None = new(Guid.Empty, "", [], []);

    public const string StreamType = "key_unit";

    public static string StreamId(Guid enterpriseId) => $"key-unit-{enterpriseId}";

    public KeyUnitPeriodTargets? TargetsFor(string periodCode) => Targets.Find(t => t.PeriodCode == periodCode);

    public KeyUnitYear? YearOf(int year) => Years.Find(y => y.Year == year);

    public static KeyUnit Evolve(KeyUnit state, object @event) => @event switch
    {
        KeyUnitTargetsSet t => state with
        {
            EnterpriseId = t.EnterpriseId, LeagueCode = t.LeagueCode,
            Targets = state.Targets.RemoveAll(p => p.PeriodCode == t.PeriodCode).Add(new KeyUnitPeriodTargets(t.PeriodCode, t.Tier, t.Targets, t.SetBy, t.SetAt)),
        },
        KeyUnitFiguresRecorded f => state with
        {
            EnterpriseId = f.EnterpriseId, LeagueCode = f.LeagueCode,
            Years = state.Years.RemoveAll(y => y.Year == f.Year)
                .Add(new KeyUnitYear(f.Year, f.Figures, (state.YearOf(f.Year)?.Revision ?? 0) + 1, f.RecordedBy, f.RecordedAt))
                .Sort((a, b) => a.Year.CompareTo(b.Year)),
        },
        _ => state,
    };

    public static readonly Decider<KeyUnit> Decider = new(StreamType, None, Evolve);

    public static readonly IReadOnlyList<Type> EventTypes = [typeof(KeyUnitTargetsSet), typeof(KeyUnitFiguresRecorded)];

    /// <param name="Tier">The enterprise's key-unit tier, looked up before deciding (null when it is not a key unit).</param>
    public sealed record SetTargets(
        Guid EnterpriseId, string LeagueCode, KeyEnergyUnit? Tier, string PeriodCode, PeriodYears Period, KeyUnitTargets Targets, string? Reason, string? By);

    public sealed record RecordFigures(Guid EnterpriseId, string LeagueCode, KeyEnergyUnit? Tier, int Year, KeyUnitYearFigures Figures, string? Reason, string? By);

    /// <summary>Only a unit that is a key unit within the period gets targets; new targets replace old ones with a reason.</summary>
    public static IReadOnlyList<object> Decide(SetTargets c, KeyUnit state, DateTimeOffset now)
    {
        if (c.Tier is null || c.Tier.FromYear > c.Period.TargetYear) throw NotKeyUnit();
        var current = state.TargetsFor(c.PeriodCode);
        if (current is not null && current.Targets == c.Targets && current.Tier == c.Tier.Tier) return [];
        if (current is not null && string.IsNullOrWhiteSpace(c.Reason)) throw Corrections.NeedReason("key_unit.correction_needs_reason");
        return [new KeyUnitTargetsSet(c.EnterpriseId, c.LeagueCode, c.Tier.Tier, c.PeriodCode, c.Targets, c.Reason, c.By, now)];
    }

    public static IReadOnlyList<object> Decide(RecordFigures c, KeyUnit state, DateTimeOffset now)
    {
        if (c.Tier is null) throw NotKeyUnit();
        var current = state.YearOf(c.Year);
        if (current is not null && current.Figures == c.Figures) return [];
        if (current is not null && string.IsNullOrWhiteSpace(c.Reason)) throw Corrections.NeedReason("key_unit.correction_needs_reason");
        return [new KeyUnitFiguresRecorded(c.EnterpriseId, c.LeagueCode, c.Year, c.Figures, c.Reason, c.By, now)];
    }

    static DomainRuleViolation NotKeyUnit() => new("key_unit.not_a_key_unit",
        "该企业在此规划期内不是重点用能单位（千家或万家）。", "The enterprise is not a key energy-consuming unit (qianjia or wanjia) within the period.");
}
