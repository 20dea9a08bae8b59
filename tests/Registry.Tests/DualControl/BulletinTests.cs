using System.Net;
using System.Text.Json;
using Mrv.Registry.DualControl;
using Mrv.Registry.Regions;

namespace Mrv.Registry.Tests.DualControl;

/// <summary>The public bulletin on the demo's 2016–2020 statistics and assessments.</summary>
public sealed class BulletinTests(RegistryFixture registry) : IClassFixture<RegistryFixture>
{
    [Theory]
    [InlineData(2020, 6, 3, 3)]
    [InlineData(2019, 5, 5, 2)]
    public async Task the_demo_bulletin_shows_green_yellow_and_red_leagues(int year, int green, int yellow, int red)
    {
        var response = await registry.Anonymous().GetAsync($"/api/v1/public/bulletin/{year}");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var bulletin = await response.JsonAsync();
        bulletin.GetProperty("period").GetProperty("code").GetString().ShouldBe("13th-fyp");
        var counts = bulletin.GetProperty("counts").EnumerateArray().ToDictionary(c => c.GetProperty("level").GetString()!, c => c.GetProperty("leagues").GetInt32());
        counts["green"].ShouldBe(green);
        counts["yellow"].ShouldBe(yellow);
        counts["red"].ShouldBe(red);
        counts["not_assessed"].ShouldBe(0);
        bulletin.GetProperty("leagues").GetArrayLength().ShouldBe(12);
    }

    [Fact]
    public async Task each_league_carries_its_indicators_and_its_path_for_the_chart()
    {
        var bulletin = await (await registry.Anonymous("en").GetAsync("/api/v1/public/bulletin/2019")).JsonAsync();

        var wuhai = bulletin.GetProperty("leagues").EnumerateArray().Single(l => l.GetProperty("code").GetString() == "150300");
        wuhai.GetProperty("level").GetString().ShouldBe("red");
        wuhai.GetProperty("restrictionInForce").GetBoolean().ShouldBeTrue();
        wuhai.GetProperty("indicators").GetArrayLength().ShouldBe(4);
        // Wuhai's energy grows at 1.12 × its 3.3 % cap: behind on growth by 12 %, beyond the band.
        var growth = wuhai.GetProperty("indicators").EnumerateArray().Single(i => i.GetProperty("indicator").GetString() == "energy_growth");
        growth.GetProperty("status").GetString().ShouldBe("behind");
        growth.GetProperty("shortfallPct").GetDecimal().ShouldBe(12m);
        var path = wuhai.GetProperty("paths").EnumerateArray().Single(p => p.GetProperty("indicator").GetString() == "energy_intensity");
        path.GetProperty("target").GetDecimal().ShouldBe(14.5m);
        var points = path.GetProperty("points").EnumerateArray().ToList();
        points.Select(p => p.GetProperty("year").GetInt32()).ShouldBe([2016, 2017, 2018, 2019, 2020]);
        points[^1].GetProperty("expected").GetDecimal().ShouldBe(14.5m);
        points[^1].GetProperty("achieved").ValueKind.ShouldBe(JsonValueKind.Null);   // 2020 is after the bulletin's year
        points[3].GetProperty("achieved").GetDecimal().ShouldBeGreaterThan(points[3].GetProperty("expected").GetDecimal());
        bulletin.GetProperty("region").GetProperty("indicators").GetArrayLength().ShouldBe(5);
        bulletin.GetProperty("levels").EnumerateArray().Select(l => l.GetProperty("code").GetString())
            .ShouldBe(["green", "yellow", "red", "not_assessed"]);
        bulletin.GetProperty("restrictionsInForce").EnumerateArray().Select(r => r.GetProperty("leagueCode").GetString())
            .ShouldBe(["150300", "150900"]);
    }

    [Fact]
    public async Task a_year_outside_every_period_has_no_bulletin()
    {
        await (await registry.Anonymous().GetAsync("/api/v1/public/bulletin/2013")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task every_league_and_the_region_have_labelled_demo_statistics_for_2015_to_2020()
    {
        var drc = await registry.ClientAsync("drc");

        foreach (var area in Leagues.All.Select(l => l.Code).Append(Leagues.RegionCode))
        {
            var entries = (await (await drc.GetAsync($"/api/v1/statistics/leagues/{area}")).JsonAsync()).GetProperty("entries").EnumerateArray().ToList();
            entries.Select(e => e.GetProperty("year").GetInt32()).ShouldBe([2015, 2016, 2017, 2018, 2019, 2020]);
            entries.ShouldAllBe(e => e.GetProperty("energy").GetProperty("source").GetString()!.Contains("演示数据")
                                     && e.GetProperty("gdp").GetProperty("source").GetString()!.Contains("demo data")
                                     && e.GetProperty("emissions").GetProperty("source").GetString()!.Contains("demo data"));
        }
    }

    [Fact]
    public void the_regions_demo_figures_are_the_sums_of_the_leagues()
    {
        var figures = DualControlDemo.Figures();

        var leagues2020 = Leagues.All.Select(l => figures[l.Code].Single(f => f.Year == 2020)).ToList();
        var region2020 = figures[Leagues.RegionCode].Single(f => f.Year == 2020);
        region2020.EnergyTce.ShouldBe(leagues2020.Sum(f => f.EnergyTce));
        region2020.Gdp10kCny.ShouldBe(leagues2020.Sum(f => f.Gdp10kCny));
        region2020.EmissionsTco2.ShouldBe(leagues2020.Sum(f => f.EmissionsTco2));
    }
}
