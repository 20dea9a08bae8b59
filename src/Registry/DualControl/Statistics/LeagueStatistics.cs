using System.Collections.Immutable;
using Mrv.EventStore;
using Mrv.Registry.DualControl.Assessment;

namespace Mrv.Registry.DualControl.Statistics;

/// <summary>GDP at constant prices (10,000 CNY, 万元) in the prices of <see cref="PriceBaseYear"/>, with where the figure comes from.</summary>
public sealed record GdpFigure(decimal Gdp10kCny, int PriceBaseYear, string Source);

/// <summary>Total energy consumption (能源消费总量, tce) with where the figure comes from.</summary>
public sealed record EnergyFigure(decimal EnergyTce, string Source);

/// <summary>CO2 emissions (t) with where the figure comes from: the statistics, or the registry's own data.</summary>
public sealed record EmissionsFigure(decimal EmissionsTco2, string Source);

/// <summary>
/// Figures of a league/city (or the region) for a year were recorded or corrected: for the whole year
/// (<see cref="ThroughQuarter"/> 4) or for January to the end of a quarter. Only the figures given
/// change; a correction carries its reason.
/// </summary>
public sealed record LeagueStatisticsRecorded(
    string LeagueCode, int Year, int ThroughQuarter, GdpFigure? Gdp, EnergyFigure? Energy, EmissionsFigure? Emissions,
    string? Reason, string? RecordedBy, DateTimeOffset RecordedAt);

/// <summary>The figures in force for a year (or part of it): the latest of each wins.</summary>
public sealed record StatisticsEntry(
    int Year, int ThroughQuarter, GdpFigure? Gdp, EnergyFigure? Energy, EmissionsFigure? Emissions, int Revision, string? UpdatedBy, DateTimeOffset UpdatedAt)
{
    public YearFigures ToFigures() => new(Year, ThroughQuarter, Gdp?.Gdp10kCny, Gdp?.PriceBaseYear, Energy?.EnergyTce, Emissions?.EmissionsTco2);
}

/// <summary>
/// The yearly (and partial-year) statistics of a league/city or of the region, folded from the stream
/// <c>league-statistics-{code}</c>; every correction stays in the stream. The same record is the read
/// model (table <c>league_statistics</c>).
/// </summary>
public sealed record LeagueStatistics(string LeagueCode, ImmutableList<StatisticsEntry> Entries)
{
    public const int WholeYear = 4;

    public static readonly LeagueStatistics None = new("", []);

    public const string StreamType = "league_statistics";

    public static string StreamId(string areaCode) => $"league-statistics-{areaCode}";

    public StatisticsEntry? Entry(int year, int throughQuarter) => Entries.Find(e => e.Year == year && e.ThroughQuarter == throughQuarter);

    public YearFigures? Figures(int year, int throughQuarter = WholeYear) => Entry(year, throughQuarter)?.ToFigures();

    public static LeagueStatistics Evolve(LeagueStatistics state, object @event) => @event switch
    {
        LeagueStatisticsRecorded r => state with
        {
            LeagueCode = r.LeagueCode,
            Entries = state.Entries.RemoveAll(e => e.Year == r.Year && e.ThroughQuarter == r.ThroughQuarter)
                .Add(state.Entry(r.Year, r.ThroughQuarter) is { } old
                    ? new StatisticsEntry(r.Year, r.ThroughQuarter, r.Gdp ?? old.Gdp, r.Energy ?? old.Energy, r.Emissions ?? old.Emissions,
                        old.Revision + 1, r.RecordedBy, r.RecordedAt)
                    : new StatisticsEntry(r.Year, r.ThroughQuarter, r.Gdp, r.Energy, r.Emissions, 1, r.RecordedBy, r.RecordedAt))
                .Sort((a, b) => a.Year != b.Year ? a.Year.CompareTo(b.Year) : a.ThroughQuarter.CompareTo(b.ThroughQuarter)),
        },
        _ => state,
    };

    public static readonly Decider<LeagueStatistics> Decider = new(StreamType, None, Evolve);

    public static readonly IReadOnlyList<Type> EventTypes = [typeof(LeagueStatisticsRecorded)];

    /// <param name="EmissionsFromRegistry">CO2 is to be taken from the registry's own data: <paramref name="RegistryEmissions"/>, looked up before deciding.</param>
    public sealed record Record(
        string LeagueCode, int Year, int ThroughQuarter, GdpFigure? Gdp, EnergyFigure? Energy, EmissionsFigure? Emissions,
        bool EmissionsFromRegistry, EmissionsFigure? RegistryEmissions, string? Reason, string? By);

    /// <summary>Figures equal to those on record are a repeat; changing one on record needs a reason.</summary>
    public static IReadOnlyList<object> Decide(Record c, LeagueStatistics state, DateTimeOffset now)
    {
        var emissions = c.Emissions;
        if (c.EmissionsFromRegistry)
        {
            emissions = c.RegistryEmissions ?? throw new DomainRuleViolation("statistics.registry_has_no_emissions",
                $"登记系统的数据尚不能给出 {c.Year} 年的二氧化碳排放量，请填报统计数据并注明来源。",
                $"The registry's own data do not yet give the CO2 emissions of {c.Year}; enter the statistical figure with its source.");
        }

        var entry = state.Entry(c.Year, c.ThroughQuarter);
        var gdp = Changed(entry?.Gdp, c.Gdp);
        var energy = Changed(entry?.Energy, c.Energy);
        emissions = Changed(entry?.Emissions, emissions);
        if (gdp is null && energy is null && emissions is null) return [];

        var corrects = (gdp is not null && entry?.Gdp is not null) || (energy is not null && entry?.Energy is not null) ||
                       (emissions is not null && entry?.Emissions is not null);
        if (corrects && string.IsNullOrWhiteSpace(c.Reason)) throw Corrections.NeedReason("statistics.correction_needs_reason");
        return [new LeagueStatisticsRecorded(c.LeagueCode, c.Year, c.ThroughQuarter, gdp, energy, emissions, c.Reason, c.By, now)];
    }

    /// <summary>The figure when it is given and differs from the one on record.</summary>
    static T? Changed<T>(T? current, T? given) where T : class => given is not null && !given.Equals(current) ? given : null;
}
