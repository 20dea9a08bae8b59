using System.Collections.Immutable;
using Mrv.EventStore;
using Mrv.Registry.DualControl.Statistics;
using Mrv.Registry.DualControl.Targets;

namespace Mrv.Registry.DualControl.Assessment;

/// <summary>
/// How a year's figures were projected from January to the end of a quarter: last year's whole-year
/// figures scaled by this year's partial figures over last year's same months.
/// </summary>
public sealed record QuarterProjection(YearFigures LastYear, YearFigures PartialYear, YearFigures PartialLastYear);

/// <summary>
/// The DRC assessed a league/city's year (目标责任评价考核), or — with <see cref="ThroughQuarter"/>
/// 1–3 — issued a quarterly early warning from partial-year figures. Carries everything it rests
/// on (targets, thresholds, figures), so it can be explained and recomputed as it was.
/// </summary>
public sealed record LeagueAssessed(
    string PeriodCode, string LeagueCode, int Year, int ThroughQuarter, int Number,
    AreaTargets Targets, Thresholds Thresholds, YearFigures Base, YearFigures Figures, QuarterProjection? Projection,
    IReadOnlyList<IndicatorProgress> Indicators, string Level, string? AssessedBy, DateTimeOffset AssessedAt);

/// <summary>
/// A league/city's assessments and warnings in a plan period, folded from the stream
/// <c>assessment-{period}-{league}</c>; a re-run after a correction adds one, the earlier ones stay.
/// The same record is the read model (table <c>league_assessments</c>).
/// </summary>
public sealed record LeagueAssessments(string PeriodCode, string LeagueCode, ImmutableList<LeagueAssessed> Assessments)
{
    public static readonly LeagueAssessments None = new("", "", []);

    public const string StreamType = "league_assessments";

    public static string StreamId(string periodCode, string leagueCode) => $"assessment-{periodCode}-{leagueCode}";

    public LeagueAssessed? Latest(int year, int throughQuarter = LeagueStatistics.WholeYear) =>
        Assessments.LastOrDefault(a => a.Year == year && a.ThroughQuarter == throughQuarter);

    /// <summary>The year's annual assessment, or else its latest quarterly warning.</summary>
    public LeagueAssessed? LatestOfYear(int year) =>
        Latest(year) ?? Assessments.Where(a => a.Year == year).OrderBy(a => a.ThroughQuarter).ThenBy(a => a.Number).LastOrDefault();

    public static LeagueAssessments Evolve(LeagueAssessments state, object @event) => @event switch
    {
        LeagueAssessed a => new LeagueAssessments(a.PeriodCode, a.LeagueCode, state.Assessments.Add(a)),
        _ => state,
    };

    public static readonly Decider<LeagueAssessments> Decider = new(StreamType, None, Evolve);

    public static readonly IReadOnlyList<Type> EventTypes = [typeof(LeagueAssessed)];

    /// <summary>An assessment with everything it rests on, looked up before deciding.</summary>
    /// <param name="Targets">The league/city's targets in the period; null when it has none.</param>
    /// <param name="Figures">The year's figures (projected for a quarter); null when they are not entered.</param>
    public sealed record Assess(
        string PeriodCode, string LeagueCode, int Year, int ThroughQuarter, PeriodYears Period, AreaTargets? Targets, Thresholds Thresholds,
        YearFigures? Base, YearFigures? Figures, QuarterProjection? Projection, string? By);

    /// <summary>Assessing again on the same targets, thresholds and figures is a repeat.</summary>
    public static IReadOnlyList<object> Decide(Assess c, LeagueAssessments state, DateTimeOffset now)
    {
        if (!c.Period.Covers(c.Year))
        {
            throw new DomainRuleViolation("assessment.year_outside_period",
                $"{c.Year} 年不在该规划期的考核年度（{c.Period.BaseYear + 1}—{c.Period.TargetYear} 年）内。",
                $"{c.Year} is not a year of the period ({c.Period.BaseYear + 1}–{c.Period.TargetYear}).");
        }
        if (c.Targets is null)
        {
            throw new DomainRuleViolation("assessment.no_targets", "该盟市在此规划期没有目标。", "The league/city has no targets in this period.");
        }
        var evaluation = Progress.Evaluate(c.Targets, c.Period, c.Base, c.Figures, c.Year, c.Thresholds.YellowBandPct);
        if (evaluation.Missing.Count > 0)
        {
            var missing = string.Join("; ", evaluation.Missing.Select(m => $"{m.Indicator}: {m.Figure}{(m.Year is { } y ? $" {y}" : "")}"));
            throw new DomainRuleViolation("assessment.statistics_missing",
                $"数据不全，无法评价（{missing}）。请先填报统计数据。", $"Figures are missing, so the year cannot be assessed ({missing}). Enter the statistics first.");
        }
        if (state.Latest(c.Year, c.ThroughQuarter) is { } latest &&
            latest.Targets == c.Targets && latest.Thresholds == c.Thresholds && latest.Base == c.Base && latest.Figures == c.Figures)
        {
            return [];
        }
        return
        [
            new LeagueAssessed(c.PeriodCode, c.LeagueCode, c.Year, c.ThroughQuarter, state.Assessments.Count + 1, c.Targets, c.Thresholds,
                c.Base!, c.Figures!, c.Projection, evaluation.Indicators, evaluation.Level!, c.By, now),
        ];
    }
}

/// <summary>The figures a year is assessed on: the whole year's, or a projection from January to the end of a quarter.</summary>
public static class AssessedFigures
{
    public static (YearFigures? Figures, QuarterProjection? Projection) For(LeagueStatistics statistics, int year, int throughQuarter)
    {
        if (throughQuarter == LeagueStatistics.WholeYear) return (statistics.Figures(year), null);
        if (statistics.Figures(year - 1) is not { } lastYear ||
            statistics.Figures(year, throughQuarter) is not { } partialYear ||
            statistics.Figures(year - 1, throughQuarter) is not { } partialLastYear)
        {
            return (null, null);
        }
        var projection = new QuarterProjection(lastYear, partialYear, partialLastYear);
        return (Project(projection, year, throughQuarter), projection);
    }

    /// <summary>
    /// Each figure of the year is last year's times the year-on-year change of the same months
    /// (x_t ≈ x_{t−1} × partial_t / partial_{t−1}), which keeps the season out of the comparison;
    /// to 4 decimals. GDP only when all three are in the same prices.
    /// </summary>
    static YearFigures Project(QuarterProjection p, int year, int throughQuarter)
    {
        decimal? Scale(Func<YearFigures, decimal?> figure) =>
            figure(p.LastYear) is { } last && figure(p.PartialYear) is { } now && figure(p.PartialLastYear) is { } then
                ? Math.Round(last * now / then, 4, MidpointRounding.AwayFromZero)
                : null;

        var samePrices = p.LastYear.GdpPriceBaseYear == p.PartialYear.GdpPriceBaseYear && p.PartialYear.GdpPriceBaseYear == p.PartialLastYear.GdpPriceBaseYear;
        var gdp = samePrices ? Scale(f => f.Gdp10kCny) : null;
        return new YearFigures(year, throughQuarter, gdp, gdp is null ? null : p.LastYear.GdpPriceBaseYear, Scale(f => f.EnergyTce), Scale(f => f.EmissionsTco2));
    }
}
