using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Mrv.Registry.Tests.DualControl;

/// <summary>
/// Dual-control calls for tests. Tests work in plan periods of their own, in years (2040 on) that the
/// demo's 13th-FYP statistics (2015–2020) do not touch.
/// </summary>
public static class DualControlApi
{
    public const string Source = "测试数据 / test data";

    public static object Targets(decimal? energyIntensity = null, decimal? incrementCap = null, decimal? growthCap = null,
        decimal? carbonIntensity = null, decimal? totalCap = null) => new
    {
        energyIntensityReductionPct = energyIntensity,
        energyIncrementCap10kTce = incrementCap,
        energyGrowthRateCapPct = growthCap,
        carbonIntensityReductionPct = carbonIntensity,
        totalEnergyCap10kTce = totalCap,
    };

    public static object Period(string code, int baseYear, int targetYear, IEnumerable<(string League, object Targets)> leagues, object? region = null) => new
    {
        code,
        nameZh = $"测试规划期 {code}",
        nameEn = $"Test period {code}",
        baseYear,
        targetYear,
        leagues = leagues.Select(l => new { leagueCode = l.League, targets = l.Targets }).ToArray(),
        region,
        source = Source,
    };

    public static async Task DefineAsync(HttpClient drc, object period)
    {
        var response = await drc.PostAsJsonAsync("/api/v1/targets", period);
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Defines the period (a repeat when it is defined already) and records a league/city's figures, year by year.</summary>
    public static async Task SetUpAsync(HttpClient drc, object period, string league, params (int Year, object Figures)[] years)
    {
        await DefineAsync(drc, period);
        foreach (var (year, figures) in years) await RecordOkAsync(drc, league, year, figures);
    }

    public static object Figures(decimal? gdp = null, decimal? energy = null, decimal? co2 = null, int? quarter = null, int priceBaseYear = 2040,
        string? reason = null) => new
    {
        throughQuarter = quarter,
        gdp = gdp is null ? null : new { gdp10kCny = gdp, priceBaseYear, source = Source },
        energy = energy is null ? null : new { energyTce = energy, source = Source },
        emissions = co2 is null ? null : new { emissionsTco2 = co2, source = Source },
        reason,
    };

    public static Task<HttpResponseMessage> RecordAsync(HttpClient client, string league, int year, object figures) =>
        client.PostAsJsonAsync($"/api/v1/statistics/leagues/{league}/{year}", figures);

    public static async Task RecordOkAsync(HttpClient client, string league, int year, object figures)
    {
        var response = await RecordAsync(client, league, year, figures);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Runs the assessment and returns the answer's body (the assessment and whether it proposed a restriction).</summary>
    public static async Task<JsonElement> AssessAsync(HttpClient drc, string period, int year, string league, int? quarter = null)
    {
        var response = await drc.PostAsJsonAsync($"/api/v1/assessments/{period}/{year}/{league}", new { throughQuarter = quarter });
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.JsonAsync();
    }

    public static async Task<JsonElement> ProgressAsync(HttpClient client, string period, string league, int year, int? quarter = null)
    {
        var response = await client.GetAsync($"/api/v1/targets/{period}/progress/{league}?year={year}" + (quarter is null ? "" : $"&quarter={quarter}"));
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.JsonAsync()).GetProperty("leagues")[0];
    }

    public static JsonElement Indicator(this JsonElement progress, string indicator) =>
        progress.GetProperty("indicators").EnumerateArray().Single(i => i.GetProperty("indicator").GetString() == indicator);

    public static decimal Decimal(this JsonElement element, string property) => element.GetProperty(property).GetDecimal();

    public static string Text(this JsonElement element, string property) => element.GetProperty(property).GetString()!;
}
