using Mrv.Registry.DualControl.Targets;

namespace Mrv.Registry.DualControl.Assessment;

/// <summary>The dual-control indicators (“双控”及碳排放强度控制指标), as stored codes.</summary>
public static class Indicators
{
    /// <summary>能耗强度降低 — energy per unit of GDP, reduction vs the base year (pct).</summary>
    public const string EnergyIntensity = "energy_intensity";
    /// <summary>能耗增量控制 — energy consumption added since the base year, against a cap (10k tce).</summary>
    public const string EnergyIncrement = "energy_increment";
    /// <summary>能耗年均增速控制 — average yearly growth of energy consumption since the base year, against a cap (pct a year).</summary>
    public const string EnergyGrowth = "energy_growth";
    /// <summary>碳排放强度降低 — CO2 per unit of GDP, reduction vs the base year (pct).</summary>
    public const string CarbonIntensity = "carbon_intensity";
    /// <summary>能源消费总量控制 — total energy consumption against a cap (10k tce); region-wide only in the 13th FYP.</summary>
    public const string TotalEnergy = "total_energy";

    public static readonly IReadOnlyList<string> All = [EnergyIntensity, EnergyIncrement, EnergyGrowth, CarbonIntensity, TotalEnergy];
}

/// <summary>Where an indicator stands in a year: ahead of its whole-period target, on its path, or behind it.</summary>
public static class IndicatorStatuses
{
    public const string Completed = "completed";
    public const string OnTrack = "on_track";
    public const string Behind = "behind";
}

/// <summary>The early-warning level (预警等级) of an area in a year.</summary>
public static class WarningLevels
{
    /// <summary>Every indicator on or ahead of its path.</summary>
    public const string Green = "green";
    /// <summary>Behind on some indicator, but within the band the DRC sets.</summary>
    public const string Yellow = "yellow";
    /// <summary>Further behind than the band on some indicator, or a cap exceeded.</summary>
    public const string Red = "red";

    public static readonly IReadOnlyList<string> All = [Green, Yellow, Red];
}

/// <summary>Units of the values an indicator reports.</summary>
public static class IndicatorUnits
{
    public const string PctVsBase = "pct_vs_base";
    public const string PctPerYear = "pct_per_year";
    public const string TenThousandTce = "10k_tce";
    public const string TcePer10kCny = "tce_per_10k_cny";
    public const string Tco2Per10kCny = "tco2_per_10k_cny";
}

/// <summary>
/// The statistics of an area for a year, or for the months of a year through a quarter: GDP at
/// constant prices (10,000 CNY, with the year whose prices it is in), energy (tce) and CO2 (t).
/// </summary>
public sealed record YearFigures(int Year, int ThroughQuarter, decimal? Gdp10kCny, int? GdpPriceBaseYear, decimal? EnergyTce, decimal? EmissionsTco2);

/// <summary>A plan period's base year and final (target) year.</summary>
public sealed record PeriodYears(int BaseYear, int TargetYear)
{
    public int Length => TargetYear - BaseYear;

    public bool Covers(int year) => year > BaseYear && year <= TargetYear;
}

/// <param name="Target">The whole-period target: a reduction (pct), a cap on the increment or total (10k tce), or a growth cap (pct a year).</param>
/// <param name="BaseValue">The base year's intensity or energy consumption (in <paramref name="ValueUnit"/>).</param>
/// <param name="Value">The year's intensity or energy consumption (in <paramref name="ValueUnit"/>).</param>
/// <param name="Achieved">The reduction achieved, the increment used, the average growth, or the total, in <paramref name="Unit"/>.</param>
/// <param name="Expected">Where the pro-rata path (or the cap) puts it by this year, in <paramref name="Unit"/>.</param>
/// <param name="ShortfallPct">How far behind, as a percentage of <paramref name="Expected"/>; 0 unless behind.</param>
/// <param name="CapExceeded">The year's figure is already beyond the whole-period cap.</param>
public sealed record IndicatorProgress(
    string Indicator, string Unit, decimal Target, decimal? BaseValue, decimal? Value, string? ValueUnit,
    decimal Achieved, decimal Expected, string Status, decimal ShortfallPct, bool CapExceeded);

/// <summary>An indicator with a target that could not be evaluated: which figure of which year is missing.</summary>
public sealed record MissingIndicator(string Indicator, int? Year, string Figure)
{
    public const string Statistics = "statistics";
    public const string Gdp = "gdp";
    public const string Energy = "energy";
    public const string Emissions = "emissions";
    public const string PriceBaseMismatch = "price_base_mismatch";
}

public sealed record Evaluation(IReadOnlyList<IndicatorProgress> Indicators, IReadOnlyList<MissingIndicator> Missing, string? Level);

/// <summary>
/// Progress of an area against its dual-control targets in a year (issue 9): the achieved intensity
/// reduction 1 − (E_t/GDP_t)/(E_base/GDP_base) against the pro-rata path 1 − (1 − target)^((t − base)/5),
/// the energy increment used against its cap, the average energy growth against its cap, and the
/// same reduction for carbon intensity; then the warning level.
/// </summary>
public static class Progress
{
    public static Evaluation Evaluate(AreaTargets targets, PeriodYears period, YearFigures? baseYear, YearFigures? year, int assessedYear, decimal yellowBandPct)
    {
        var indicators = new List<IndicatorProgress>();
        var missing = new List<MissingIndicator>();

        void Add(string indicator, decimal? target, Func<decimal, (IndicatorProgress? Progress, MissingIndicator? Missing)> evaluate)
        {
            if (target is not { } value) return;
            var (progress, gap) = baseYear is null ? (null, new MissingIndicator(indicator, period.BaseYear, MissingIndicator.Statistics))
                : year is null ? (null, new MissingIndicator(indicator, assessedYear, MissingIndicator.Statistics))
                : evaluate(value);
            if (progress is not null) indicators.Add(progress);
            if (gap is not null) missing.Add(gap);
        }

        Add(Indicators.EnergyIntensity, targets.EnergyIntensityReductionPct, target =>
            IntensityReduction(Indicators.EnergyIntensity, target, baseYear!, year!, f => f.EnergyTce, MissingIndicator.Energy, IndicatorUnits.TcePer10kCny, period));
        Add(Indicators.EnergyIncrement, targets.EnergyIncrementCap10kTce, cap =>
            WithEnergy(Indicators.EnergyIncrement, baseYear!, year!, (e0, e1) => EnergyIncrement(cap, e0, e1, period, year!.Year)));
        Add(Indicators.EnergyGrowth, targets.EnergyGrowthRateCapPct, cap =>
            WithEnergy(Indicators.EnergyGrowth, baseYear!, year!, (e0, e1) => EnergyGrowth(cap, e0, e1, period, year!.Year)));
        Add(Indicators.CarbonIntensity, targets.CarbonIntensityReductionPct, target =>
            IntensityReduction(Indicators.CarbonIntensity, target, baseYear!, year!, f => f.EmissionsTco2, MissingIndicator.Emissions, IndicatorUnits.Tco2Per10kCny, period));
        Add(Indicators.TotalEnergy, targets.TotalEnergyCap10kTce, cap =>
            WithEnergy(Indicators.TotalEnergy, baseYear!, year!, (e0, e1) => TotalEnergy(cap, e0, e1, period, year!.Year)));

        return new Evaluation(indicators, missing, indicators.Count == 0 ? null : LevelOf(indicators, yellowBandPct));
    }

    /// <summary>
    /// Red when an indicator is behind by more than the band (a percentage of the year's expected
    /// progress) or a cap is exceeded; yellow when behind but within the band (the band's edge
    /// included); green otherwise.
    /// </summary>
    public static string LevelOf(IEnumerable<IndicatorProgress> indicators, decimal yellowBandPct)
    {
        var list = indicators.ToList();
        if (list.Any(i => i.CapExceeded || (i.Status == IndicatorStatuses.Behind && i.ShortfallPct > yellowBandPct))) return WarningLevels.Red;
        return list.Any(i => i.Status == IndicatorStatuses.Behind) ? WarningLevels.Yellow : WarningLevels.Green;
    }

    /// <summary>Where the path puts an indicator by a year (the chart's line): expected reduction, allowed increment, or the cap.</summary>
    public static decimal ExpectedBy(string indicator, decimal target, PeriodYears period, int year) => indicator switch
    {
        Indicators.EnergyIntensity or Indicators.CarbonIntensity =>
            Percent(PathMath.ExpectedCumulativeReduction(target / 100m, year - period.BaseYear, period.Length)),
        Indicators.EnergyIncrement => Allowance(target, period, year),
        _ => target,
    };

    /// <summary>
    /// 1 − (amount_t/denominator_t)/(amount_base/denominator_base) against the pro-rata path; also a key
    /// unit's intensity, with its output as the denominator.
    /// </summary>
    public static IndicatorProgress Reduction(
        string indicator, decimal targetPct, decimal baseAmount, decimal baseDenominator, decimal amount, decimal denominator,
        PeriodYears period, int year, string? valueUnit)
    {
        var target = targetPct / 100m;
        var achieved = PathMath.Round(1m - amount * baseDenominator / (denominator * baseAmount));
        var expected = PathMath.ExpectedCumulativeReduction(target, year - period.BaseYear, period.Length);
        var status = achieved >= target ? IndicatorStatuses.Completed
            : achieved >= expected ? IndicatorStatuses.OnTrack
            : IndicatorStatuses.Behind;
        var shortfall = status == IndicatorStatuses.Behind ? PathMath.Round((expected - achieved) / expected) : 0m;
        return new IndicatorProgress(indicator, IndicatorUnits.PctVsBase, targetPct,
            PathMath.Round(baseAmount / baseDenominator), PathMath.Round(amount / denominator), valueUnit,
            Percent(achieved), Percent(expected), status, Percent(shortfall), false);
    }

    static (IndicatorProgress?, MissingIndicator?) IntensityReduction(
        string indicator, decimal targetPct, YearFigures baseYear, YearFigures year, Func<YearFigures, decimal?> amountOf, string amountName,
        string valueUnit, PeriodYears period)
    {
        foreach (var figures in new[] { baseYear, year })
        {
            if (figures.Gdp10kCny is null) return (null, new MissingIndicator(indicator, figures.Year, MissingIndicator.Gdp));
            if (amountOf(figures) is null) return (null, new MissingIndicator(indicator, figures.Year, amountName));
        }
        if (baseYear.GdpPriceBaseYear != year.GdpPriceBaseYear) return (null, new MissingIndicator(indicator, null, MissingIndicator.PriceBaseMismatch));
        return (Reduction(indicator, targetPct, amountOf(baseYear)!.Value, baseYear.Gdp10kCny!.Value, amountOf(year)!.Value, year.Gdp10kCny!.Value,
            period, year.Year, valueUnit), null);
    }

    static (IndicatorProgress?, MissingIndicator?) WithEnergy(
        string indicator, YearFigures baseYear, YearFigures year, Func<decimal, decimal, IndicatorProgress> evaluate)
    {
        foreach (var figures in new[] { baseYear, year })
        {
            if (figures.EnergyTce is null) return (null, new MissingIndicator(indicator, figures.Year, MissingIndicator.Energy));
        }
        return (evaluate(baseYear.EnergyTce!.Value, year.EnergyTce!.Value), null);
    }

    /// <summary>
    /// The increment used, E_t − E_base, against the share of the cap the pro-rata path allows by this
    /// year (cap × elapsed/length: increments add up, so the pro-rata share of an amount is linear).
    /// </summary>
    static IndicatorProgress EnergyIncrement(decimal cap10kTce, decimal baseTce, decimal tce, PeriodYears period, int year)
    {
        var used = (tce - baseTce) / TceIn10kTce;
        var allowance = Allowance(cap10kTce, period, year);
        var exceeded = used > cap10kTce;
        var status = used > allowance ? IndicatorStatuses.Behind
            : year == period.TargetYear ? IndicatorStatuses.Completed
            : IndicatorStatuses.OnTrack;
        var shortfall = status == IndicatorStatuses.Behind ? PathMath.Round((used - allowance) / allowance) : 0m;
        return new IndicatorProgress(Indicators.EnergyIncrement, IndicatorUnits.TenThousandTce, cap10kTce,
            baseTce / TceIn10kTce, tce / TceIn10kTce, IndicatorUnits.TenThousandTce, used, allowance, status, Percent(shortfall), exceeded);
    }

    /// <summary>The average yearly growth of energy since the base year, (E_t/E_base)^(1/(t − base)) − 1, against its cap.</summary>
    static IndicatorProgress EnergyGrowth(decimal capPct, decimal baseTce, decimal tce, PeriodYears period, int year)
    {
        var growth = PathMath.AverageYearlyGrowth(tce / baseTce, year - period.BaseYear);
        var cap = capPct / 100m;
        var status = growth > cap ? IndicatorStatuses.Behind
            : year == period.TargetYear ? IndicatorStatuses.Completed
            : IndicatorStatuses.OnTrack;
        var shortfall = status == IndicatorStatuses.Behind ? PathMath.Round((growth - cap) / cap) : 0m;
        return new IndicatorProgress(Indicators.EnergyGrowth, IndicatorUnits.PctPerYear, capPct,
            baseTce / TceIn10kTce, tce / TceIn10kTce, IndicatorUnits.TenThousandTce, Percent(growth), capPct, status, Percent(shortfall), false);
    }

    /// <summary>Total energy consumption against its cap: the cap holds in every year, so there is no path to it.</summary>
    static IndicatorProgress TotalEnergy(decimal cap10kTce, decimal baseTce, decimal tce, PeriodYears period, int year)
    {
        var total = tce / TceIn10kTce;
        var exceeded = total > cap10kTce;
        var status = exceeded ? IndicatorStatuses.Behind
            : year == period.TargetYear ? IndicatorStatuses.Completed
            : IndicatorStatuses.OnTrack;
        var shortfall = exceeded ? PathMath.Round((total - cap10kTce) / cap10kTce) : 0m;
        return new IndicatorProgress(Indicators.TotalEnergy, IndicatorUnits.TenThousandTce, cap10kTce,
            baseTce / TceIn10kTce, total, IndicatorUnits.TenThousandTce, total, cap10kTce, status, Percent(shortfall), exceeded);
    }

    const decimal TceIn10kTce = 10_000m;

    /// <summary>The pro-rata share of an amount by a year, to the tonne (4 decimals of 10k tce).</summary>
    public static decimal Allowance(decimal amount, PeriodYears period, int year) =>
        Math.Round(amount * (year - period.BaseYear) / period.Length, 4, MidpointRounding.AwayFromZero);

    static decimal Percent(decimal share) => share * 100m;
}
