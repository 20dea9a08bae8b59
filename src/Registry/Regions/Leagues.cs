using System.Globalization;
using System.Reflection;

namespace Mrv.Registry.Regions;

/// <summary>A league or city (盟市) of the Inner Mongolia Autonomous Region with its 13th-FYP targets.</summary>
public sealed record League(
    string Code,
    string NameZh,
    string NameEn,
    decimal EnergyIntensityReductionPct,
    decimal EnergyIncrementCap10kTce,
    decimal EnergyGrowthRateCapPct,
    decimal CarbonIntensityReductionPct);

/// <summary>
/// The 12 leagues/cities, read from the annex of 内政发〔2017〕63号 as copied into
/// Regions/SeedData/league-targets-13th-fyp.csv (GB/T 2260 codes).
/// </summary>
public static class Leagues
{
    /// <summary>GB/T 2260 code of the Inner Mongolia Autonomous Region (内蒙古自治区).</summary>
    public const string RegionCode = "150000";

    public static IReadOnlyList<League> All { get; } = Load();

    public static bool IsLeagueCode(string? code) => code is not null && All.Any(l => l.Code == code);

    public static League? Find(string? code) => All.FirstOrDefault(l => l.Code == code);

    /// <summary>
    /// A banner/county (旗县市区) code of this league/city: six digits (GB/T 2260) whose first four
    /// are the league's, and whose last two are not "00" (that would be the league itself).
    /// </summary>
    public static bool IsCountyOf(string? countyCode, string? leagueCode) =>
        countyCode is { Length: 6 } && countyCode.All(char.IsAsciiDigit) && Find(leagueCode) is { } league &&
        countyCode.StartsWith(league.Code[..4], StringComparison.Ordinal) && !countyCode.EndsWith("00", StringComparison.Ordinal);

    public static string SeedCsv()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Mrv.Registry.Regions.SeedData.league-targets-13th-fyp.csv")!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    static IReadOnlyList<League> Load()
    {
        var lines = SeedCsv().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return lines.Skip(1).Select(line =>
        {
            var f = line.Split(',');
            decimal D(int i) => decimal.Parse(f[i], NumberStyles.Number, CultureInfo.InvariantCulture);
            return new League(f[0], f[1], f[2], D(3), D(4), D(5), D(6));
        }).ToList();
    }
}
