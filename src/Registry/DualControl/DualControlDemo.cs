using Mrv.EventStore;
using Mrv.Registry.Demo;
using Mrv.Registry.DualControl.Assessment;
using Mrv.Registry.DualControl.Restrictions;
using Mrv.Registry.DualControl.Statistics;
using Mrv.Registry.DualControl.Targets;
using Mrv.Registry.Regions;

namespace Mrv.Registry.DualControl;

/// <summary>
/// The demo's dual control: 2015–2020 statistics of every league/city and of the region (every figure
/// labelled as demo data), the DRC's annual assessments of 2016–2020, and its decisions on the
/// restrictions they propose. The figures are generated from a few parameters per league/city, chosen
/// so that the years show green, yellow and red side by side; they are not statistics of the real
/// leagues/cities. Seeding is idempotent: a second run appends nothing.
/// </summary>
public static class DualControlDemo
{
    public const string Source = "演示数据 / demo data";
    public const string RegionSource = "演示数据：各盟市之和 / demo data: sum of the leagues/cities";

    /// <summary>
    /// A league/city's demo parameters. Its 2015 energy consumption is the one that its growth cap,
    /// compounded over five years, turns into exactly its increment cap; energy then grows each year at
    /// <paramref name="EnergyGrowthShareOfCap"/> of the cap rate, and GDP and CO2 follow from the share
    /// of the pro-rata intensity reduction the league/city reaches in each year 2016–2020.
    /// </summary>
    /// <param name="Gdp2015100MCny">GDP of 2015 in 100 million CNY (亿元), in 2015 prices.</param>
    /// <param name="Co2PerTce">CO2 per tce of energy in 2015.</param>
    sealed record Profile(
        string LeagueCode, decimal Gdp2015100MCny, decimal Co2PerTce, decimal EnergyGrowthShareOfCap,
        decimal[] EnergyIntensityAttainment, decimal[] CarbonIntensityAttainment);

    static readonly Profile[] Profiles =
    [
        new("150100", 3090m, 2.0m, 0.80m, [1.05m, 1.06m, 1.08m, 1.08m, 1.10m], [1.05m, 1.06m, 1.07m, 1.08m, 1.08m]),
        new("150200", 3720m, 2.6m, 0.90m, [1.00m, 0.97m, 0.95m, 0.92m, 0.94m], [1.02m, 0.98m, 0.96m, 0.94m, 0.95m]),
        new("150700", 1600m, 2.3m, 0.85m, [1.04m, 1.05m, 1.05m, 1.06m, 1.06m], [1.03m, 1.04m, 1.05m, 1.05m, 1.06m]),
        new("152200", 500m, 2.1m, 0.80m, [1.02m, 1.03m, 1.05m, 1.04m, 1.05m], [1.02m, 1.03m, 1.04m, 1.04m, 1.05m]),
        new("150500", 1880m, 2.5m, 0.95m, [0.98m, 0.96m, 0.95m, 0.95m, 0.96m], [1.00m, 0.99m, 1.01m, 1.02m, 1.02m]),
        new("150400", 1860m, 2.4m, 0.88m, [1.02m, 1.04m, 1.03m, 1.05m, 1.06m], [1.01m, 1.02m, 1.03m, 1.04m, 1.05m]),
        new("152500", 1000m, 2.4m, 0.90m, [1.00m, 1.01m, 0.85m, 0.96m, 1.02m], [1.00m, 1.01m, 1.01m, 0.97m, 1.02m]),
        new("150900", 910m, 2.6m, 1.02m, [0.95m, 0.90m, 0.85m, 0.80m, 0.82m], [0.96m, 0.92m, 0.88m, 0.85m, 0.86m]),
        new("150600", 4230m, 2.5m, 0.92m, [1.03m, 1.04m, 1.02m, 1.03m, 1.04m], [1.02m, 1.03m, 1.03m, 1.03m, 1.04m]),
        new("150800", 890m, 2.3m, 0.90m, [1.01m, 1.00m, 0.98m, 0.94m, 0.93m], [1.01m, 1.00m, 0.99m, 0.96m, 0.94m]),
        new("150300", 600m, 2.7m, 1.12m, [1.01m, 1.02m, 1.02m, 1.03m, 1.03m], [1.01m, 1.01m, 1.02m, 1.02m, 1.03m]),
        new("152900", 450m, 2.6m, 0.95m, [0.99m, 0.98m, 0.97m, 0.95m, 0.78m], [1.00m, 0.99m, 0.98m, 0.96m, 0.85m]),
    ];

    static readonly EventMetadata Metadata = new(DemoData.Seeder, DemoData.Seeder, null);

    /// <summary>Each league/city's demo figures for 2015–2020 (whole years, GDP in 2015 prices), and the region's as their sum.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<YearFigures>> Figures()
    {
        var period = new PeriodYears(ThirteenthFyp.BaseYear, ThirteenthFyp.TargetYear);
        var figures = Profiles.ToDictionary(p => p.LeagueCode, p => LeagueFigures(p, Leagues.Find(p.LeagueCode)!, period));
        var region = Enumerable.Range(period.BaseYear, period.Length + 1).Select(year =>
        {
            var ofYear = figures.Values.Select(f => f.Single(y => y.Year == year)).ToList();
            return new YearFigures(year, LeagueStatistics.WholeYear, ofYear.Sum(f => f.Gdp10kCny), period.BaseYear, ofYear.Sum(f => f.EnergyTce), ofYear.Sum(f => f.EmissionsTco2));
        }).ToList();
        return new Dictionary<string, IReadOnlyList<YearFigures>>(figures) { [Leagues.RegionCode] = region };
    }

    static IReadOnlyList<YearFigures> LeagueFigures(Profile profile, League league, PeriodYears period)
    {
        static decimal Whole(decimal value) => Math.Round(value, 0, MidpointRounding.AwayFromZero);

        var growthCap = league.EnergyGrowthRateCapPct / 100m;
        var baseEnergy = Whole(league.EnergyIncrementCap10kTce * 10_000m / (PathMath.Power(1m + growthCap, period.Length) - 1m));
        var baseGdp = profile.Gdp2015100MCny * 10_000m;
        var baseCo2 = Whole(baseEnergy * profile.Co2PerTce);
        var figures = new List<YearFigures> { new(period.BaseYear, LeagueStatistics.WholeYear, baseGdp, period.BaseYear, baseEnergy, baseCo2) };
        for (var elapsed = 1; elapsed <= period.Length; elapsed++)
        {
            var energy = Whole(baseEnergy * PathMath.Power(1m + profile.EnergyGrowthShareOfCap * growthCap, elapsed));
            var energyReduction = profile.EnergyIntensityAttainment[elapsed - 1] *
                                  PathMath.ExpectedCumulativeReduction(league.EnergyIntensityReductionPct / 100m, elapsed, period.Length);
            var gdp = Whole(energy * baseGdp / (baseEnergy * (1m - energyReduction)));
            var carbonReduction = profile.CarbonIntensityAttainment[elapsed - 1] *
                                  PathMath.ExpectedCumulativeReduction(league.CarbonIntensityReductionPct / 100m, elapsed, period.Length);
            var co2 = Whole(gdp * baseCo2 / baseGdp * (1m - carbonReduction));
            figures.Add(new YearFigures(period.BaseYear + elapsed, LeagueStatistics.WholeYear, gdp, period.BaseYear, energy, co2));
        }
        return figures;
    }

    public static async Task SeedAsync(CommandWriter writer, TimeProvider time, TextWriter output, CancellationToken ct = default)
    {
        await TargetPeriodSeed.EnsureAsync(writer, time, ct);
        var now = time.GetUtcNow();
        var options = new WriteOptions { Metadata = Metadata };

        foreach (var (area, years) in Figures())
        {
            var source = area == Leagues.RegionCode ? RegionSource : Source;
            var commands = years.Select(f => new LeagueStatistics.Record(area, f.Year, LeagueStatistics.WholeYear,
                new GdpFigure(f.Gdp10kCny!.Value, f.GdpPriceBaseYear!.Value, source), new EnergyFigure(f.EnergyTce!.Value, source),
                new EmissionsFigure(f.EmissionsTco2!.Value, source), false, null, null, DemoData.Seeder));
            await writer.WriteAsync(LeagueStatistics.Decider, LeagueStatistics.StreamId(area),
                state => Steps.DecideInTurn(state, LeagueStatistics.Evolve,
                    commands.Select(c => (Func<LeagueStatistics, IReadOnlyList<object>>)(s => LeagueStatistics.Decide(c, s, now)))),
                outcome => outcome.Appended.Count, options, ct);
        }

        var assessedYears = Enumerable.Range(ThirteenthFyp.BaseYear + 1, ThirteenthFyp.TargetYear - ThirteenthFyp.BaseYear).ToList();
        var levels2020 = new Dictionary<string, string>();
        foreach (var league in Leagues.All.Select(l => l.Code))
        {
            var inputs = (await Assessor.LoadAsync(writer.Log, ThirteenthFyp.Code, league, ct))!;
            var assessed = await Assessor.AssessAsync(writer, inputs, league, assessedYears, LeagueStatistics.WholeYear, DemoData.Seeder, Metadata, now, ct);
            levels2020[league] = assessed[^1].Level;
            await DecideRestrictionAsync(writer, league, assessed[^1], now, options, ct);
        }

        output.WriteLine($"Dual control (demo data): statistics 2015–2020 of {Profiles.Length} leagues/cities and the region; 2020 assessments: " +
                         string.Join(", ", WarningLevels.All.Select(l => $"{levels2020.Values.Count(v => v == l)} {l}")) + ".");
    }

    /// <summary>
    /// The demo DRC imposes the restrictions proposed up to 2019, and lifts one when the league/city's
    /// final-year assessment is green; a restriction proposed by the 2020 assessment awaits its decision.
    /// </summary>
    static Task DecideRestrictionAsync(CommandWriter writer, string league, LeagueAssessed final, DateTimeOffset now, WriteOptions options, CancellationToken ct) =>
        writer.WriteAsync(Restriction.Decider, Restriction.StreamId(league),
            state => Steps.DecideInTurn(state, Restriction.Evolve,
            [
                s => s.Status == RestrictionStatuses.Proposed && s.Basis!.Year < final.Year
                    ? Restriction.Decide(new Restriction.Impose(league,
                        $"演示数据：依据 {s.Basis.Year} 年度评价（红色）实施区域限批 / demo data: imposed on the {s.Basis.Year} assessment (red)", DemoData.Seeder), s, now)
                    : [],
                s => s.InForce && final.Level == WarningLevels.Green
                    ? Restriction.Decide(new Restriction.Lift(
                        $"演示数据：{final.Year} 年度评价为绿色 / demo data: the {final.Year} assessment is green", DemoData.Seeder), s, now)
                    : [],
            ]),
            outcome => outcome.Appended.Count, options, ct);
}
