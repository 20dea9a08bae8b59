using System.Globalization;
using Mrv.EventStore;
using Mrv.EventStore.Http;
using Mrv.Registry.Calendar;
using Mrv.Registry.DualControl.Assessment;
using Mrv.Registry.DualControl.Statistics;
using Mrv.Registry.Regions;

namespace Mrv.Registry.DualControl.Targets;

/// <summary>The latest assessment of the year (annual, or else the latest quarterly warning) beside the live figures.</summary>
public sealed record AssessmentSummary(int Number, int ThroughQuarter, string Level, Thresholds Thresholds, string? AssessedBy, DateTimeOffset AssessedAt)
{
    public static AssessmentSummary? Of(LeagueAssessed? a) =>
        a is null ? null : new AssessmentSummary(a.Number, a.ThroughQuarter, a.Level, a.Thresholds, a.AssessedBy, a.AssessedAt);
}

/// <param name="Level">The warning level the figures give with the thresholds in force now (null when no indicator could be evaluated).</param>
/// <param name="Missing">Indicators with a target that the figures on record cannot evaluate yet.</param>
public sealed record AreaProgress(
    string LeagueCode, string NameZh, string NameEn, AreaTargets Targets, YearFigures? BaseFigures, YearFigures? Figures, QuarterProjection? Projection,
    IReadOnlyList<IndicatorProgress> Indicators, IReadOnlyList<MissingIndicator> Missing, string? Level, AssessmentSummary? Assessment);

public sealed record ProgressReport(
    string Period, string NameZh, string NameEn, int BaseYear, int TargetYear, int Year, int ThroughQuarter, Thresholds Thresholds,
    IReadOnlyList<AreaProgress> Leagues, AreaProgress? Region);

/// <summary>
/// GET /api/v1/targets/{period}/progress?year=&amp;quarter= (drc: every league/city; a league/city:
/// its own) and …/progress/{league} — each indicator against its path on the statistics on record,
/// with the region-wide progress where the period sets region-wide targets.
/// </summary>
public static class GetProgress
{
    public static async Task<IResult> List(string period, HttpContext http, EventLog log, string? year = null, string? quarter = null)
    {
        var caller = Caller.From(http.User)!;
        var document = await log.Documents.LoadAsync<TargetPeriod>(TargetPeriod.StreamId(period), http.RequestAborted);
        if (document is null) return Problems.NotFound(http);
        var leagues = document.Data.LeagueTargets.Select(l => l.LeagueCode).Where(caller.CanSee).ToList();
        return await RespondAsync(document.Data, leagues, http, log, year, quarter);
    }

    public static async Task<IResult> League(string period, string league, HttpContext http, EventLog log, string? year = null, string? quarter = null)
    {
        var caller = Caller.From(http.User)!;
        var document = await log.Documents.LoadAsync<TargetPeriod>(TargetPeriod.StreamId(period), http.RequestAborted);
        if (document is null || !caller.CanSee(league) || document.Data.LeagueTargets.All(l => l.LeagueCode != league)) return Problems.NotFound(http);
        return await RespondAsync(document.Data, [league], http, log, year, quarter);
    }

    static async Task<IResult> RespondAsync(TargetPeriod period, IReadOnlyList<string> leagues, HttpContext http, EventLog log, string? year, string? quarter)
    {
        if (!DataYear.TryParse(year, out var askedYear)) return DataYear.Invalid("year", http);
        if (askedYear is { } y && !period.Years.Covers(y)) return YearOutside(period, http);
        if (!TryParseQuarter(quarter, out var throughQuarter))
        {
            return Problems.Validation("quarter", "quarter", new LocalizedText("quarter 须为 1–4（4 为全年）。", "quarter is 1–4 (4 for the whole year)."), http);
        }
        var report = await BuildAsync(log, period, leagues, askedYear, throughQuarter, http.RequestAborted);
        return TypedResults.Ok(report);
    }

    /// <summary>A year asked for that is not one of the period's assessed years (base year + 1 to the target year).</summary>
    public static IResult YearOutside(TargetPeriod period, HttpContext http) =>
        Problems.Validation("year", "year_outside_period", new LocalizedText(
            $"year 须为该规划期的考核年度 {period.BaseYear + 1}—{period.TargetYear}。",
            $"year must be a year of the period, {period.BaseYear + 1}–{period.TargetYear}."), http);

    /// <summary>
    /// The progress of these leagues/cities (and of the region) in a year; without a year, the
    /// latest year of the period that has whole-year statistics, or else the period's first year.
    /// </summary>
    public static async Task<ProgressReport> BuildAsync(
        EventLog log, TargetPeriod period, IReadOnlyList<string> leagues, int? year, int throughQuarter, CancellationToken ct)
    {
        var areas = period.Region is null ? leagues : [.. leagues, Leagues.RegionCode];
        var statistics = await StatisticsAsync(log, areas, ct);
        var assessments = await GetAssessments.LoadAsync(log, period.Code, leagues, ct);
        var thresholds = (await WarningThresholds.LoadAsync(log, ct)).State.InForce;
        var reportYear = year ?? LatestYearWithStatistics(period, leagues.Select(l => statistics.GetValueOrDefault(l))) ?? period.BaseYear + 1;

        AreaProgress Of(string area) => Evaluate(period, area, statistics.GetValueOrDefault(area) ?? LeagueStatistics.None, reportYear, throughQuarter,
            thresholds, assessments.GetValueOrDefault(area)?.LatestOfYear(reportYear));

        return new ProgressReport(period.Code, period.NameZh, period.NameEn, period.BaseYear, period.TargetYear, reportYear, throughQuarter, thresholds,
            [.. leagues.Select(Of)], period.Region is null ? null : Of(Leagues.RegionCode));
    }

    public static AreaProgress Evaluate(
        TargetPeriod period, string area, LeagueStatistics statistics, int year, int throughQuarter, Thresholds thresholds, LeagueAssessed? assessment)
    {
        var targets = period.TargetsOf(area)!;
        var baseFigures = statistics.Figures(period.BaseYear);
        var (figures, projection) = AssessedFigures.For(statistics, year, throughQuarter);
        var evaluation = Progress.Evaluate(targets, period.Years, baseFigures, figures, year, thresholds.YellowBandPct);
        return new AreaProgress(area, Areas.NameZh(area), Areas.NameEn(area), targets, baseFigures, figures, projection,
            evaluation.Indicators, evaluation.Missing, evaluation.Level, AssessmentSummary.Of(assessment));
    }

    /// <summary>The statistics documents of these areas, by area code.</summary>
    public static async Task<IReadOnlyDictionary<string, LeagueStatistics>> StatisticsAsync(EventLog log, IReadOnlyCollection<string> areas, CancellationToken ct)
    {
        var page = await log.Documents.QueryAsync<LeagueStatistics>(new DocumentQuery
        {
            Ids = [.. areas.Select(LeagueStatistics.StreamId)],
            Limit = areas.Count + 1,
        }, ct);
        return page.Items.ToDictionary(d => d.Data.LeagueCode, d => d.Data);
    }

    static int? LatestYearWithStatistics(TargetPeriod period, IEnumerable<LeagueStatistics?> statistics) =>
        statistics.SelectMany(s => s?.Entries ?? [])
            .Where(e => e.ThroughQuarter == LeagueStatistics.WholeYear && period.Years.Covers(e.Year))
            .Select(e => (int?)e.Year)
            .Max();

    static bool TryParseQuarter(string? text, out int quarter)
    {
        quarter = LeagueStatistics.WholeYear;
        if (string.IsNullOrWhiteSpace(text)) return true;
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out quarter) && quarter is >= 1 and <= 4;
    }
}
