using System.Net;
using System.Net.Http.Json;
using Mrv.Registry.Demo;
using Mrv.Registry.Tests.Enterprises;

namespace Mrv.Registry.Tests.DualControl;

/// <summary>Key energy-consuming units: their targets, their yearly figures, and the roll-up to their league/city.</summary>
public sealed class KeyUnitTests(RegistryFixture registry) : IClassFixture<RegistryFixture>
{
    [Fact]
    public async Task key_units_roll_up_to_their_league_with_savings_against_the_pro_rata_path()
    {
        var drc = await registry.ClientAsync("drc");
        var unitA = await KeyUnitAsync(drc, "150600", "150622", "wanjia", 2016);
        var unitB = await KeyUnitAsync(drc, "150600", "150624", "wanjia", 2016);
        await SetTargetsAsync(drc, unitA, new { energySavingTce = 10_000, intensityReductionPct = 10 });
        await SetTargetsAsync(drc, unitB, new { energySavingTce = 6_000 });
        await FiguresAsync(drc, unitA, 2015, new { energyTce = 500_000, energySavingTce = 0, output = new { quantity = 1_000_000, unit = "t" } });
        await FiguresAsync(drc, unitA, 2016, new { energyTce = 495_000, energySavingTce = 2_500, output = new { quantity = 1_020_000, unit = "t" } });
        await FiguresAsync(drc, unitA, 2017, new { energyTce = 490_000, emissionsTco2 = 1_200_000, energySavingTce = 2_000, output = new { quantity = 1_050_000, unit = "t" } });
        await FiguresAsync(drc, unitB, 2016, new { energyTce = 300_000, energySavingTce = 500 });
        await FiguresAsync(drc, unitB, 2017, new { energyTce = 310_000, emissionsTco2 = 800_000, energySavingTce = 700 });

        var rollUp = await (await drc.GetAsync("/api/v1/targets/13th-fyp/key-units?year=2017&league=150600")).JsonAsync();

        var ordos = rollUp.GetProperty("items").EnumerateArray().Single();
        ordos.GetProperty("units").GetInt32().ShouldBe(2);
        ordos.Decimal("energyTce").ShouldBe(800_000m);            // 490,000 + 310,000
        ordos.Decimal("emissionsTco2").ShouldBe(2_000_000m);      // 1,200,000 + 800,000
        ordos.Decimal("energySavingTce").ShouldBe(2_700m);        // 2,000 + 700 saved in 2017
        ordos.Decimal("cumulativeSavingTce").ShouldBe(5_700m);    // 2,500 + 2,000 + 500 + 700
        ordos.Decimal("savingTargetTce").ShouldBe(16_000m);
        ordos.Decimal("savingPathTce").ShouldBe(6_400m);          // 16,000 × 2/5
        ordos.Text("savingStatus").ShouldBe("behind");
        ordos.GetProperty("unitsBehind").GetInt32().ShouldBe(1);
        var a = ordos.GetProperty("keyUnits").EnumerateArray().Single(u => u.GetProperty("enterpriseId").GetGuid() == unitA);
        a.Decimal("cumulativeSavingTce").ShouldBe(4_500m);
        a.Decimal("savingPathTce").ShouldBe(4_000m);               // 10,000 × 2/5
        a.Text("savingStatus").ShouldBe("on_track");
        a.Text("figuresFrom").ShouldBe("entered");
        // 0.49/1.05 = 0.466667 tce/t against 0.5: 6.6667 % down, ahead of 1 − 0.9^(2/5) = 4.1268 %.
        var intensity = a.GetProperty("intensity");
        intensity.Decimal("achieved").ShouldBe(6.6667m);
        intensity.Decimal("expected").ShouldBe(4.1268m);
        intensity.Text("status").ShouldBe("on_track");
        intensity.Text("valueUnit").ShouldBe("tce_per_t");
        var b = ordos.GetProperty("keyUnits").EnumerateArray().Single(u => u.GetProperty("enterpriseId").GetGuid() == unitB);
        b.Text("savingStatus").ShouldBe("behind");                // 1,200 of the 2,400 the path asks
        b.GetProperty("intensity").ValueKind.ShouldBe(System.Text.Json.JsonValueKind.Null);
    }

    [Fact]
    public async Task a_league_sets_targets_for_its_wanjia_units_but_not_for_qianjia_units()
    {
        var drc = await registry.ClientAsync("drc");
        var baotou = await registry.ClientAsync("league-baotou");
        var wanjia = await KeyUnitAsync(drc, "150200", "150203", "wanjia", 2016);
        var qianjia = await KeyUnitAsync(drc, "150200", "150203", "qianjia", 2016);

        var own = await baotou.PostAsJsonAsync($"/api/v1/targets/13th-fyp/key-units/{wanjia}", new { targets = new { energySavingTce = 1_000 } });
        var refused = await baotou.PostAsJsonAsync($"/api/v1/targets/13th-fyp/key-units/{qianjia}", new { targets = new { energySavingTce = 1_000 } });
        var figuresRefused = await baotou.PostAsJsonAsync($"/api/v1/statistics/key-units/{qianjia}/2016",
            new { figures = new { energyTce = 1_000, source = "x" } });

        own.StatusCode.ShouldBe(HttpStatusCode.OK, await own.Content.ReadAsStringAsync());
        await refused.ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await figuresRefused.ShouldBeProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task a_league_sees_only_its_own_units_and_another_leagues_unit_is_404()
    {
        var drc = await registry.ClientAsync("drc");
        var baotou = await registry.ClientAsync("league-baotou");
        var hulunbuirUnit = await KeyUnitAsync(drc, "150700", "150702", "wanjia", 2016);
        await SetTargetsAsync(drc, hulunbuirUnit, new { energySavingTce = 1_000 });

        var rollUp = await (await baotou.GetAsync("/api/v1/targets/13th-fyp/key-units?year=2016")).JsonAsync();
        var other = await baotou.PostAsJsonAsync($"/api/v1/targets/13th-fyp/key-units/{hulunbuirUnit}", new { targets = new { energySavingTce = 2_000 } });

        rollUp.GetProperty("items").EnumerateArray().Select(i => i.Text("leagueCode")).ShouldBe(["150200"]);
        await other.ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task an_enterprise_that_is_no_key_unit_within_the_period_gets_no_targets()
    {
        var drc = await registry.ClientAsync("drc", "en");
        var plain = await TestEnterprises.RegisterAsync(drc, TestEnterprises.Registration(league: "150600", county: "150622"));
        var from2021 = DemoEnterprises.All[1].Id;   // a 千家 unit from 2021, the 14th FYP's first year

        var notKey = await drc.PostAsJsonAsync($"/api/v1/targets/13th-fyp/key-units/{plain}", new { targets = new { energySavingTce = 1_000 } });
        var tooLate = await drc.PostAsJsonAsync($"/api/v1/targets/13th-fyp/key-units/{from2021}", new { targets = new { energySavingTce = 1_000 } });

        (await notKey.ShouldBeProblemAsync(HttpStatusCode.Conflict)).Text("code").ShouldBe("key_unit.not_a_key_unit");
        (await tooLate.ShouldBeProblemAsync(HttpStatusCode.Conflict)).Text("code").ShouldBe("key_unit.not_a_key_unit");
    }

    [Fact]
    public async Task a_units_figures_are_corrected_only_with_a_reason()
    {
        var drc = await registry.ClientAsync("drc");
        var unit = await KeyUnitAsync(drc, "150600", "150622", "wanjia", 2016);
        await FiguresAsync(drc, unit, 2018, new { energyTce = 100_000 });

        var unexplained = await drc.PostAsJsonAsync($"/api/v1/statistics/key-units/{unit}/2018",
            new { figures = new { energyTce = 101_000, source = DualControlApi.Source } });
        var corrected = await drc.PostAsJsonAsync($"/api/v1/statistics/key-units/{unit}/2018",
            new { figures = new { energyTce = 101_000, source = DualControlApi.Source }, reason = "能源审计更正" });

        (await unexplained.ShouldBeProblemAsync(HttpStatusCode.Conflict)).Text("code").ShouldBe("key_unit.correction_needs_reason");
        corrected.StatusCode.ShouldBe(HttpStatusCode.OK, await corrected.Content.ReadAsStringAsync());
        (await corrected.JsonAsync()).GetProperty("revision").GetInt32().ShouldBe(2);
    }

    static async Task<Guid> KeyUnitAsync(HttpClient drc, string league, string county, string tier, int fromYear)
    {
        var id = await TestEnterprises.RegisterAsync(drc, TestEnterprises.Registration(league: league, county: county));
        var response = await drc.PostAsJsonAsync($"/api/v1/enterprises/{id}/key-energy-unit", new { tier, fromYear });
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return id;
    }

    static async Task SetTargetsAsync(HttpClient client, Guid unit, object targets)
    {
        var response = await client.PostAsJsonAsync($"/api/v1/targets/13th-fyp/key-units/{unit}", new { targets });
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    static async Task FiguresAsync(HttpClient client, Guid unit, int year, object figures)
    {
        var withSource = System.Text.Json.Nodes.JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(figures))!;
        withSource["source"] = DualControlApi.Source;
        var response = await client.PostAsJsonAsync($"/api/v1/statistics/key-units/{unit}/{year}", new { figures = withSource });
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }
}
