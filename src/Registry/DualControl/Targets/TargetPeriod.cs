using System.Collections.Immutable;
using System.Text.Json.Serialization;
using Mrv.EventStore;
using Mrv.Registry.DualControl.Assessment;
using Mrv.Registry.Regions;

namespace Mrv.Registry.DualControl.Targets;

/// <summary>
/// The dual-control targets (“双控”及碳排放强度降低目标) of a league/city, or of the region as a
/// whole, for one plan period. An indicator left empty is not set for that area and not assessed.
/// </summary>
public sealed record AreaTargets(
    decimal? EnergyIntensityReductionPct,
    decimal? EnergyIncrementCap10kTce,
    decimal? EnergyGrowthRateCapPct,
    decimal? CarbonIntensityReductionPct,
    decimal? TotalEnergyCap10kTce = null);

public sealed record LeagueTarget(string LeagueCode, AreaTargets Targets);

/// <summary>
/// A region-wide target as the source documents state it, sector and pollutant targets included
/// (<c>region-targets-13th-fyp.csv</c>); <see cref="BaseValue"/> is the base year's value where the
/// document gives one ("2015 (1.1)").
/// </summary>
public sealed record RegionIndicator(string Indicator, decimal Value, string Unit, int? BaseYear, decimal? BaseValue, int TargetYear, string Source);

/// <summary>A plan period (规划期) was defined with its base year, final year and targets.</summary>
public sealed record TargetPeriodDefined(
    string PeriodCode, string NameZh, string NameEn, int BaseYear, int TargetYear,
    IReadOnlyList<LeagueTarget> Leagues, AreaTargets? Region, IReadOnlyList<RegionIndicator> RegionIndicators,
    string Source, string? DefinedBy, DateTimeOffset DefinedAt);

/// <summary>A league/city's (or the region's) targets for a period were set anew, with a reason.</summary>
public sealed record LeagueTargetsRevised(string PeriodCode, string LeagueCode, AreaTargets Targets, string Reason, string? RevisedBy, DateTimeOffset RevisedAt);

public sealed record TargetRevision(string LeagueCode, AreaTargets? Previous, AreaTargets Targets, string Reason, string? RevisedBy, DateTimeOffset RevisedAt);

/// <summary>
/// A plan period with its targets, folded from its stream <c>target-period-{code}</c>; periods are
/// kept side by side (the 13th FYP, seeded at start-up, and those the DRC adds). The same record is
/// its read model (table <c>target_periods</c>).
/// </summary>
public sealed record TargetPeriod(
    string Code, string NameZh, string NameEn, int BaseYear, int TargetYear, string Source,
    ImmutableList<LeagueTarget> LeagueTargets, AreaTargets? Region, ImmutableList<RegionIndicator> RegionIndicators,
    ImmutableList<TargetRevision> Revisions, string? DefinedBy, DateTimeOffset? DefinedAt)
{
    public static readonly TargetPeriod None = new("", "", "", 0, 0, "", [], null, [], [], null, null);

    public const string StreamType = "target_period";

    public static string StreamId(string code) => $"target-period-{code}";

    [JsonIgnore] public bool Exists => Code != "";

    [JsonIgnore] public PeriodYears Years => new(BaseYear, TargetYear);

    /// <summary>The targets of a league/city, or of the region for <see cref="Leagues.RegionCode"/>.</summary>
    public AreaTargets? TargetsOf(string areaCode) =>
        areaCode == Leagues.RegionCode ? Region : LeagueTargets.Find(l => l.LeagueCode == areaCode)?.Targets;

    public static TargetPeriod Evolve(TargetPeriod state, object @event) => @event switch
    {
        TargetPeriodDefined d => new TargetPeriod(d.PeriodCode, d.NameZh, d.NameEn, d.BaseYear, d.TargetYear, d.Source,
            [.. d.Leagues], d.Region, [.. d.RegionIndicators], [], d.DefinedBy, d.DefinedAt),
        LeagueTargetsRevised r => (r.LeagueCode == Leagues.RegionCode
            ? state with { Region = r.Targets }
            : state with
            {
                LeagueTargets = state.LeagueTargets.RemoveAll(l => l.LeagueCode == r.LeagueCode).Add(new LeagueTarget(r.LeagueCode, r.Targets))
                    .Sort((a, b) => string.CompareOrdinal(a.LeagueCode, b.LeagueCode)),
            }) with
        {
            Revisions = state.Revisions.Add(new TargetRevision(r.LeagueCode, state.TargetsOf(r.LeagueCode), r.Targets, r.Reason, r.RevisedBy, r.RevisedAt)),
        },
        _ => state,
    };

    public static readonly Decider<TargetPeriod> Decider = new(StreamType, None, Evolve);

    public static readonly IReadOnlyList<Type> EventTypes = [typeof(TargetPeriodDefined), typeof(LeagueTargetsRevised)];

    public sealed record Define(
        string Code, string NameZh, string NameEn, int BaseYear, int TargetYear, IReadOnlyList<LeagueTarget> Leagues, AreaTargets? Region,
        IReadOnlyList<RegionIndicator> RegionIndicators, string Source, string? By);

    public sealed record Revise(string LeagueCode, AreaTargets Targets, string Reason, string? By);

    /// <summary>Defining the same period again is a repeat; a different definition under a code in use is refused.</summary>
    public static IReadOnlyList<object> Decide(Define c, TargetPeriod state, DateTimeOffset now)
    {
        if (state.Exists)
        {
            return state.IsDefinedAs(c)
                ? []
                : throw new DomainRuleViolation("targets.period_exists",
                    $"规划期 {c.Code} 已定义；如需调整某盟市的目标，请修订该盟市的目标。",
                    $"The plan period {c.Code} is already defined; to change a league/city's targets, revise them.");
        }
        var leagues = c.Leagues.OrderBy(l => l.LeagueCode, StringComparer.Ordinal).ToList();
        return [new TargetPeriodDefined(c.Code, c.NameZh, c.NameEn, c.BaseYear, c.TargetYear, leagues, c.Region, c.RegionIndicators, c.Source, c.By, now)];
    }

    public static IReadOnlyList<object> Decide(Revise c, TargetPeriod state, DateTimeOffset now)
    {
        if (!state.Exists)
        {
            throw new DomainRuleViolation("targets.period_unknown", "该规划期尚未定义。", "The plan period is not defined.");
        }
        return state.TargetsOf(c.LeagueCode) == c.Targets ? [] : [new LeagueTargetsRevised(state.Code, c.LeagueCode, c.Targets, c.Reason, c.By, now)];
    }

    /// <summary>The definition would record exactly this period (the leagues/cities in any order).</summary>
    bool IsDefinedAs(Define c) =>
        Code == c.Code && NameZh == c.NameZh && NameEn == c.NameEn && BaseYear == c.BaseYear && TargetYear == c.TargetYear &&
        Source == c.Source && Region == c.Region && RegionIndicators.SequenceEqual(c.RegionIndicators) &&
        LeagueTargets.SequenceEqual(c.Leagues.OrderBy(l => l.LeagueCode, StringComparer.Ordinal));
}
