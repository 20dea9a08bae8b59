using System.Net;
using System.Net.Http.Json;
using static Mrv.Registry.Tests.DualControl.DualControlApi;

namespace Mrv.Registry.Tests.DualControl;

/// <summary>The thresholds are data the DRC edits, and each assessment keeps the ones it used.</summary>
public sealed class WarningThresholdTests(RegistryFixture registry) : IClassFixture<RegistryFixture>
{
    [Fact]
    public async Task version_1_is_the_default_band_of_10_percent_seeded_at_start_up_and_leagues_cannot_change_it()
    {
        var baotou = await registry.ClientAsync("league-baotou");

        var thresholds = await (await baotou.GetAsync("/api/v1/assessments/thresholds")).JsonAsync();

        var first = thresholds.GetProperty("versions")[0];
        first.GetProperty("version").GetInt32().ShouldBe(1);
        first.Decimal("yellowBandPct").ShouldBe(10m);
        first.Text("setBy").ShouldBeNull();
        await (await baotou.PostAsJsonAsync("/api/v1/assessments/thresholds", new { yellowBandPct = 20, reason = "放宽" }))
            .ShouldBeProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task a_narrower_band_turns_the_next_assessment_red_and_the_earlier_one_keeps_its_own()
    {
        var drc = await registry.ClientAsync("drc");
        await SetUpAsync(drc, Period("band-test", 2040, 2045, [("150200", Targets(energyIntensity: 14))]), "150200",
            (2040, Figures(gdp: 1_000_000, energy: 1_000_000)), (2045, Figures(gdp: 1_000_000, energy: 873_900)));
        var before = (await AssessAsync(drc, "band-test", 2045, "150200")).GetProperty("assessment");

        var set = await drc.PostAsJsonAsync("/api/v1/assessments/thresholds", new { yellowBandPct = 5, reason = "收紧预警区间 / tighter band" });
        var after = (await AssessAsync(drc, "band-test", 2045, "150200")).GetProperty("assessment");

        set.StatusCode.ShouldBe(HttpStatusCode.OK, await set.Content.ReadAsStringAsync());
        before.Text("level").ShouldBe("yellow");
        after.Text("level").ShouldBe("red");
        after.GetProperty("thresholds").Decimal("yellowBandPct").ShouldBe(5m);
        after.GetProperty("thresholds").GetProperty("version").GetInt32().ShouldBe(2);
        var history = await (await drc.GetAsync("/api/v1/assessments/band-test/2045/150200")).JsonAsync();
        history.GetProperty("items").EnumerateArray().Select(a => (a.GetProperty("number").GetInt32(), a.Text("level"), a.GetProperty("thresholds").Decimal("yellowBandPct")))
            .ShouldBe([(1, "yellow", 10m), (2, "red", 5m)]);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(101)]
    public async Task a_band_outside_0_to_100_percent_is_400(decimal band)
    {
        var drc = await registry.ClientAsync("drc");

        var response = await drc.PostAsJsonAsync("/api/v1/assessments/thresholds", new { yellowBandPct = band, reason = "x" });

        (await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).ShouldNameField("yellowBandPct", band == 0 ? "greater_than" : "less_than_or_equal");
    }
}
