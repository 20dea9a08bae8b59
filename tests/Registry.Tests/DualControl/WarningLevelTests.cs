using System.Net;
using System.Net.Http.Json;
using static Mrv.Registry.Tests.DualControl.DualControlApi;

namespace Mrv.Registry.Tests.DualControl;

/// <summary>Warning levels at and around the band (default: 10 % of the year's expected progress) and when a cap is exceeded.</summary>
public sealed class WarningLevelTests(RegistryFixture registry) : IClassFixture<RegistryFixture>
{
    const string Period = "levels-test";

    static readonly object Definition = Period(Period, 2040, 2045,
    [
        ("150100", Targets(energyIntensity: 14)), ("150200", Targets(energyIntensity: 14)), ("150300", Targets(energyIntensity: 14)),
        ("150400", Targets(energyIntensity: 14)), ("150500", Targets(energyIntensity: 14, incrementCap: 10)),
        ("150600", Targets(incrementCap: 10)), ("150700", Targets(incrementCap: 10)), ("150800", Targets(incrementCap: 10)),
    ]);

    /// <summary>
    /// In the final year the path is the 14 % target itself, so the band reaches down to 12.6 %
    /// achieved: GDP stays at 1,000,000 and energy falls from 1,000,000 tce to the figure given.
    /// </summary>
    [Theory]
    [InlineData("150100", 860_000, "completed", 0, "green")]      // 14 %: the target met
    [InlineData("150200", 873_900, "behind", 9.9286, "yellow")]   // 12.61 %: behind by 0.0139/0.14, just inside the band
    [InlineData("150300", 874_000, "behind", 10, "yellow")]       // 12.6 %: behind by exactly the band
    [InlineData("150400", 874_100, "behind", 10.0714, "red")]     // 12.59 %: behind by 0.0141/0.14, just outside
    public async Task the_level_follows_how_far_behind_the_path_an_indicator_is(string league, int energy, string status, decimal shortfall, string level)
    {
        var drc = await registry.ClientAsync("drc");
        await SetUpAsync(drc, Definition, league,
            (2040, Figures(gdp: 1_000_000, energy: 1_000_000)), (2045, Figures(gdp: 1_000_000, energy: energy)));

        var body = await AssessAsync(drc, Period, 2045, league);

        var assessment = body.GetProperty("assessment");
        assessment.Indicator("energy_intensity").Text("status").ShouldBe(status);
        assessment.Indicator("energy_intensity").Decimal("shortfallPct").ShouldBe(shortfall);
        assessment.Text("level").ShouldBe(level);
        assessment.GetProperty("thresholds").Decimal("yellowBandPct").ShouldBe(10m);
        assessment.GetProperty("thresholds").GetProperty("version").GetInt32().ShouldBe(1);
        body.GetProperty("restrictionProposed").GetBoolean().ShouldBe(level == "red");
    }

    [Fact]
    public async Task an_energy_increment_beyond_the_cap_is_red_even_with_intensity_ahead_of_its_path()
    {
        var drc = await registry.ClientAsync("drc");
        await SetUpAsync(drc, Definition, "150500",
            (2040, Figures(gdp: 1_000_000, energy: 1_000_000)), (2043, Figures(gdp: 1_400_000, energy: 1_105_000)));

        var assessment = (await AssessAsync(drc, Period, 2043, "150500")).GetProperty("assessment");

        // 1.105/1.4 → 21.0714 % reduction, past the whole 14 %; but 10.5 (10k tce) used of a cap of 10.
        assessment.Indicator("energy_intensity").Text("status").ShouldBe("completed");
        var increment = assessment.Indicator("energy_increment");
        increment.Decimal("achieved").ShouldBe(10.5m);
        increment.GetProperty("capExceeded").GetBoolean().ShouldBeTrue();
        assessment.Text("level").ShouldBe("red");
    }

    [Theory]
    [InlineData("150600", 1_065_000, 8.3333, "yellow")]  // 6.5 used where the path allows 10 × 3/5 = 6: over by 0.5/6
    [InlineData("150700", 1_067_000, 11.6667, "red")]    // 6.7 used: over by 0.7/6, beyond the band, though under the cap
    public async Task an_increment_ahead_of_the_pro_rata_share_of_its_cap_is_behind(string league, int energy, decimal shortfall, string level)
    {
        var drc = await registry.ClientAsync("drc");
        await SetUpAsync(drc, Definition, league,
            (2040, Figures(gdp: 1_000_000, energy: 1_000_000)), (2043, Figures(gdp: 1_000_000, energy: energy)));

        var assessment = (await AssessAsync(drc, Period, 2043, league)).GetProperty("assessment");

        var increment = assessment.Indicator("energy_increment");
        increment.Decimal("expected").ShouldBe(6m);
        increment.Text("status").ShouldBe("behind");
        increment.Decimal("shortfallPct").ShouldBe(shortfall);
        increment.GetProperty("capExceeded").GetBoolean().ShouldBeFalse();
        assessment.Text("level").ShouldBe(level);
    }

    [Fact]
    public async Task an_assessment_without_the_base_years_figures_is_409_naming_them()
    {
        var drc = await registry.ClientAsync("drc", "en");
        await SetUpAsync(drc, Definition, "150800",
            (2042, Figures(gdp: 1_000_000, energy: 1_000_000)));

        var response = await drc.PostAsJsonAsync($"/api/v1/assessments/{Period}/2042/150800", new { });

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.Conflict);
        problem.Text("code").ShouldBe("assessment.statistics_missing");
        problem.Text("detail").ShouldContain("energy_increment: statistics 2040");
        (await registry.CountAsync($"select count(*) from eventstore.streams where id = 'assessment-{Period}-150800'")).ShouldBe(0);
    }

    [Fact]
    public async Task assessing_again_on_the_same_figures_appends_nothing()
    {
        var drc = await registry.ClientAsync("drc");
        await SetUpAsync(drc, Definition, "150100",
            (2040, Figures(gdp: 1_000_000, energy: 1_000_000)), (2041, Figures(gdp: 1_050_000, energy: 1_010_000)));
        var first = (await AssessAsync(drc, Period, 2041, "150100")).GetProperty("assessment");
        var events = await registry.CountAsync("select count(*) from eventstore.events");

        var again = (await AssessAsync(drc, Period, 2041, "150100")).GetProperty("assessment");

        again.GetProperty("number").GetInt32().ShouldBe(first.GetProperty("number").GetInt32());
        (await registry.CountAsync("select count(*) from eventstore.events")).ShouldBe(events);
    }
}
