using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;
using CsvHelper;
using Mrv.Registry.Regions;

namespace Mrv.Registry.DualControl.Targets;

/// <summary>
/// The 13th Five-Year Plan period (2016–2020, base year 2015) as the source documents set it: each
/// league/city's targets from the annex of 内政发〔2017〕63号 (<see cref="Leagues"/>), and the
/// region-wide targets of 内政发〔2017〕63号 and 内政发〔2018〕12号 from
/// <c>Regions/SeedData/region-targets-13th-fyp.csv</c>.
/// </summary>
public static partial class ThirteenthFyp
{
    public const string Code = "13th-fyp";
    public const int BaseYear = 2015;
    public const int TargetYear = 2020;
    public const string RegionCsvResource = "Mrv.Registry.Regions.SeedData.region-targets-13th-fyp.csv";

    public const string Source =
        "内政发〔2017〕63号附件、内政发〔2018〕12号 / annex of Inner Mongolia Government Document [2017] No. 63; Document [2018] No. 12";

    public static IReadOnlyList<RegionIndicator> RegionIndicators { get; } = LoadRegionIndicators();

    public static TargetPeriod.Define Definition(string? by) => new(
        Code, "“十三五”规划期（2016—2020年）", "13th Five-Year Plan (2016–2020)", BaseYear, TargetYear,
        [.. Leagues.All.Select(l => new LeagueTarget(l.Code, new AreaTargets(
            l.EnergyIntensityReductionPct, l.EnergyIncrementCap10kTce, l.EnergyGrowthRateCapPct, l.CarbonIntensityReductionPct)))],
        new AreaTargets(
            RegionValue("energy_intensity_reduction"), RegionValue("energy_increment_cap"), RegionValue("energy_growth_rate_cap"),
            RegionValue("carbon_intensity_reduction"), RegionValue("total_energy_consumption_cap")),
        RegionIndicators, Source, by);

    static decimal RegionValue(string indicator) => RegionIndicators.Single(i => i.Indicator == indicator).Value;

    public static string RegionCsv()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(RegionCsvResource)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    static IReadOnlyList<RegionIndicator> LoadRegionIndicators()
    {
        using var csv = CsvReader.FromText(RegionCsv(), CsvReaderOptions.Default);
        var columns = Enumerable.Range(0, csv.Headers.Count).ToDictionary(i => csv.Headers[i], i => i);
        var indicators = new List<RegionIndicator>();
        while (csv.Read())
        {
            string Field(string column) => csv.GetString(columns[column]) ?? "";
            var baseYear = BaseYearPattern().Match(Field("base_year"));
            indicators.Add(new RegionIndicator(Field("indicator"), Number(Field("value")), Field("unit"),
                baseYear.Success ? int.Parse(baseYear.Groups[1].Value, CultureInfo.InvariantCulture) : null,
                baseYear.Groups[2].Success ? Number(baseYear.Groups[2].Value) : null,
                int.Parse(Field("target_year"), CultureInfo.InvariantCulture), Field("source")));
        }
        return indicators;
    }

    static decimal Number(string text) => decimal.Parse(text, NumberStyles.Number, CultureInfo.InvariantCulture);

    /// <summary>"2015", or "2015 (1.1)": the base year with the base year's value.</summary>
    [GeneratedRegex(@"^(\d{4})(?: \(([0-9.]+)\))?$")]
    private static partial Regex BaseYearPattern();
}
