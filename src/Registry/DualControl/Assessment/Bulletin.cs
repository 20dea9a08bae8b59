using Mrv.EventStore;
using Mrv.EventStore.Http;
using Mrv.Registry.Calendar;
using Mrv.Registry.DualControl.Restrictions;
using Mrv.Registry.DualControl.Statistics;
using Mrv.Registry.DualControl.Targets;
using Mrv.Registry.Regions;

namespace Mrv.Registry.DualControl.Assessment;

public sealed record BulletinPeriod(string Code, string NameZh, string NameEn, int BaseYear, int TargetYear);

/// <summary>A point of a chart line: where the path puts the indicator by a year, and what the year's assessment found.</summary>
public sealed record PathPoint(int Year, decimal Expected, decimal? Achieved);

/// <summary>One indicator of a league/city over the whole period, for the chart of its progress against its path.</summary>
public sealed record IndicatorPath(string Indicator, string Unit, decimal Target, IReadOnlyList<PathPoint> Points);

/// <param name="Level">green, yellow, red, or not_assessed: a code the template maps to its colour.</param>
/// <param name="ThroughQuarter">4 for the annual assessment; 1–3 when the year has only a quarterly warning so far.</param>
public sealed record BulletinLeague(
    string Code, string NameZh, string NameEn, string Level, int? ThroughQuarter, int? AssessmentNumber, DateTimeOffset? AssessedAt, decimal? YellowBandPct,
    IReadOnlyList<IndicatorProgress> Indicators, IReadOnlyList<IndicatorPath> Paths, bool RestrictionInForce);

/// <summary>The region as a whole, evaluated on its own statistics with the thresholds in force (the region is not itself assessed).</summary>
public sealed record BulletinRegion(
    string Code, string NameZh, string NameEn, string? Level, IReadOnlyList<IndicatorProgress> Indicators, IReadOnlyList<MissingIndicator> Missing);

public sealed record LevelCount(string Level, int Leagues);

/// <summary>A code the bulletin uses, with its name and meaning in both languages.</summary>
public sealed record LegendEntry(string Code, string NameZh, string NameEn, string DescriptionZh, string DescriptionEn);

/// <summary>
/// The yearly regional bulletin (节能降碳目标完成情况及预警信息): everything the bulletin document
/// (a template) needs — each league/city's indicators, level and path, the region, the restrictions in
/// force, and the legends — in one plain record.
/// </summary>
public sealed record RegionalBulletin(
    int Year, BulletinPeriod Period, DateTimeOffset? AssessedUpTo, IReadOnlyList<LevelCount> Counts, IReadOnlyList<BulletinLeague> Leagues,
    BulletinRegion? Region, IReadOnlyList<PublicRestriction> RestrictionsInForce,
    IReadOnlyList<LegendEntry> Levels, IReadOnlyList<LegendEntry> Statuses, IReadOnlyList<LegendEntry> Indicators);

/// <summary>The codes of the bulletin, with their names and meanings.</summary>
public static class BulletinLegend
{
    public const string NotAssessed = "not_assessed";

    public static readonly IReadOnlyList<LegendEntry> Levels =
    [
        new(WarningLevels.Green, "绿色", "Green", "各项指标均达到或超过进度目标。", "Every indicator is on or ahead of its path."),
        new(WarningLevels.Yellow, "黄色", "Yellow", "有指标落后于进度目标，但在预警区间内。", "An indicator is behind its path, within the warning band."),
        new(WarningLevels.Red, "红色", "Red", "有指标落后超出预警区间，或能耗增量超出控制目标。",
            "An indicator is further behind than the warning band, or the energy increment cap is exceeded."),
        new(NotAssessed, "未评价", "Not assessed", "本年度尚未评价。", "Not assessed for the year yet."),
    ];

    public static readonly IReadOnlyList<LegendEntry> Statuses =
    [
        new(IndicatorStatuses.Completed, "已完成", "Completed", "已达到规划期目标。", "The period's target is met."),
        new(IndicatorStatuses.OnTrack, "进度正常", "On track", "达到或超过本年度进度目标。", "On or ahead of the year's path."),
        new(IndicatorStatuses.Behind, "进度滞后", "Behind", "未达到本年度进度目标。", "Behind the year's path."),
    ];

    public static readonly IReadOnlyList<LegendEntry> Indicators =
    [
        new(Assessment.Indicators.EnergyIntensity, "单位GDP能耗降低", "Energy intensity reduction", "比基年下降（%）", "Reduction vs the base year (%)"),
        new(Assessment.Indicators.EnergyIncrement, "能耗增量", "Energy consumption increment", "比基年增加（万吨标准煤）", "Added since the base year (10,000 tce)"),
        new(Assessment.Indicators.EnergyGrowth, "能耗年均增速", "Average yearly energy growth", "自基年起年均增长（%）", "Average yearly growth since the base year (%)"),
        new(Assessment.Indicators.CarbonIntensity, "单位GDP二氧化碳排放降低", "Carbon intensity reduction", "比基年下降（%）", "Reduction vs the base year (%)"),
        new(Assessment.Indicators.TotalEnergy, "能源消费总量", "Total energy consumption", "当年（万吨标准煤）", "In the year (10,000 tce)"),
    ];
}

/// <summary>GET /api/v1/public/bulletin/{year}?period= (anyone) — the yearly bulletin's data, from the DRC's assessments.</summary>
public static class PublicBulletin
{
    public static async Task<IResult> Handle(int year, HttpContext http, EventLog log, string? period = null)
    {
        if (!DataYear.IsValid(year)) return DataYear.Invalid("year", http);
        var periods = await GetTargets.AllAsync(log, http.RequestAborted);
        var chosen = period is null ? periods.LastOrDefault(p => p.Years.Covers(year)) : periods.FirstOrDefault(p => p.Code == period && p.Years.Covers(year));
        if (chosen is null) return Problems.NotFound(http);
        return TypedResults.Ok(await BuildAsync(log, chosen, year, http.RequestAborted));
    }

    public static async Task<RegionalBulletin> BuildAsync(EventLog log, TargetPeriod period, int year, CancellationToken ct)
    {
        var leagueCodes = period.LeagueTargets.Select(l => l.LeagueCode).ToList();
        var assessments = await GetAssessments.LoadAsync(log, period.Code, leagueCodes, ct);
        var inForce = await ListRestrictions.InForceAsync(log, ct);
        var leagues = period.LeagueTargets.Select(target =>
        {
            var history = assessments.GetValueOrDefault(target.LeagueCode) ?? LeagueAssessments.None;
            var latest = history.LatestOfYear(year);
            return new BulletinLeague(target.LeagueCode, Areas.NameZh(target.LeagueCode), Areas.NameEn(target.LeagueCode),
                latest?.Level ?? BulletinLegend.NotAssessed, latest?.ThroughQuarter, latest?.Number, latest?.AssessedAt, latest?.Thresholds.YellowBandPct,
                latest?.Indicators ?? [], Paths(period, target.Targets, history, year), inForce.Any(r => r.LeagueCode == target.LeagueCode));
        }).ToList();

        BulletinRegion? region = null;
        if (period.Region is not null)
        {
            var statistics = await log.Documents.LoadAsync<LeagueStatistics>(LeagueStatistics.StreamId(Leagues.RegionCode), ct);
            var thresholds = (await WarningThresholds.LoadAsync(log, ct)).State.InForce;
            var progress = GetProgress.Evaluate(period, Leagues.RegionCode, statistics?.Data ?? LeagueStatistics.None, year,
                LeagueStatistics.WholeYear, thresholds, null);
            region = new BulletinRegion(progress.LeagueCode, progress.NameZh, progress.NameEn, progress.Level, progress.Indicators, progress.Missing);
        }

        var restrictions = inForce.Select(r => new PublicRestriction(r.LeagueCode, Areas.NameZh(r.LeagueCode), Areas.NameEn(r.LeagueCode),
            Restriction.Scope.ZhCn, Restriction.Scope.En, r.Since!.Value, r.Reason!, r.Basis)).ToList();
        var counts = BulletinLegend.Levels.Select(l => new LevelCount(l.Code, leagues.Count(x => x.Level == l.Code))).ToList();
        return new RegionalBulletin(year, new BulletinPeriod(period.Code, period.NameZh, period.NameEn, period.BaseYear, period.TargetYear),
            leagues.Max(l => l.AssessedAt), counts, leagues, region, restrictions,
            BulletinLegend.Levels, BulletinLegend.Statuses, BulletinLegend.Indicators);
    }

    /// <summary>Each targeted indicator over the period: the path every year, and what the annual assessments up to the bulletin's year found.</summary>
    static IReadOnlyList<IndicatorPath> Paths(TargetPeriod period, AreaTargets targets, LeagueAssessments history, int year)
    {
        var targetOf = new Dictionary<string, (decimal? Target, string Unit)>
        {
            [Indicators.EnergyIntensity] = (targets.EnergyIntensityReductionPct, IndicatorUnits.PctVsBase),
            [Indicators.EnergyIncrement] = (targets.EnergyIncrementCap10kTce, IndicatorUnits.TenThousandTce),
            [Indicators.EnergyGrowth] = (targets.EnergyGrowthRateCapPct, IndicatorUnits.PctPerYear),
            [Indicators.CarbonIntensity] = (targets.CarbonIntensityReductionPct, IndicatorUnits.PctVsBase),
            [Indicators.TotalEnergy] = (targets.TotalEnergyCap10kTce, IndicatorUnits.TenThousandTce),
        };
        return
        [
            .. Indicators.All.Where(i => targetOf[i].Target is not null).Select(indicator =>
            {
                var target = targetOf[indicator].Target!.Value;
                var points = Enumerable.Range(period.BaseYear + 1, period.Years.Length).Select(y => new PathPoint(y,
                    Progress.ExpectedBy(indicator, target, period.Years, y),
                    y <= year ? history.Latest(y)?.Indicators.FirstOrDefault(i => i.Indicator == indicator)?.Achieved : null));
                return new IndicatorPath(indicator, targetOf[indicator].Unit, target, [.. points]);
            }),
        ];
    }
}
