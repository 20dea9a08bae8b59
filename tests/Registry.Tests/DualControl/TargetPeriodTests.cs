using System.Net;
using System.Net.Http.Json;
using Mrv.Registry.DualControl.Targets;
using static Mrv.Registry.Tests.DualControl.DualControlApi;

namespace Mrv.Registry.Tests.DualControl;

/// <summary>Plan periods: the 13th FYP seeded from the source documents, later periods added by the DRC, side by side.</summary>
public sealed class TargetPeriodTests(RegistryFixture registry) : IClassFixture<RegistryFixture>
{
    [Fact]
    public void the_embedded_region_targets_equal_the_shared_reference_file() =>
        ReferenceFiles.ShouldEqualShared(ThirteenthFyp.RegionCsvResource, "region-targets-13th-fyp.csv",
            "e0a590dc3a5104f77d8257047d85d63366728b348f97e94f23594c8be91039dc");

    [Fact]
    public void the_region_targets_keep_every_row_of_the_reference_file_with_its_base_value()
    {
        var indicators = ThirteenthFyp.RegionIndicators;

        indicators.Count.ShouldBe(18);
        indicators.Single(i => i.Indicator == "energy_increment_cap").ShouldBe(new RegionIndicator("energy_increment_cap", 3570m, "10k_tce", 2015, null, 2020, "001"));
        indicators.Single(i => i.Indicator == "calcium_carbide_unit_energy").ShouldBe(
            new RegionIndicator("calcium_carbide_unit_energy", 1.05m, "tce_per_t", 2015, 1.1m, 2020, "001"));
        indicators.Single(i => i.Indicator == "total_energy_consumption_cap").BaseYear.ShouldBeNull();
    }

    [Fact]
    public async Task the_13th_fyp_is_seeded_with_the_annex_targets_and_the_region_wide_targets()
    {
        var baotou = await registry.ClientAsync("league-baotou");

        var response = await baotou.GetAsync("/api/v1/targets/13th-fyp");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Headers.ETag.ShouldNotBeNull();
        var period = await response.JsonAsync();
        period.GetProperty("baseYear").GetInt32().ShouldBe(2015);
        period.GetProperty("targetYear").GetInt32().ShouldBe(2020);
        period.GetProperty("leagueTargets").GetArrayLength().ShouldBe(12);
        var wuhai = period.GetProperty("leagueTargets").EnumerateArray().Single(l => l.Text("leagueCode") == "150300").GetProperty("targets");
        wuhai.Decimal("energyIntensityReductionPct").ShouldBe(14.5m);
        wuhai.Decimal("energyIncrementCap10kTce").ShouldBe(275m);
        wuhai.Decimal("energyGrowthRateCapPct").ShouldBe(3.3m);
        wuhai.Decimal("carbonIntensityReductionPct").ShouldBe(17.5m);
        var region = period.GetProperty("region");
        region.Decimal("energyIntensityReductionPct").ShouldBe(14m);
        region.Decimal("energyIncrementCap10kTce").ShouldBe(3570m);
        region.Decimal("energyGrowthRateCapPct").ShouldBe(3.5m);
        region.Decimal("carbonIntensityReductionPct").ShouldBe(17m);
        region.Decimal("totalEnergyCap10kTce").ShouldBe(22500m);
        period.GetProperty("regionIndicators").GetArrayLength().ShouldBe(18);
    }

    [Fact]
    public async Task the_drc_adds_a_14th_fyp_and_both_periods_are_kept_side_by_side()
    {
        var drc = await registry.ClientAsync("drc");

        await DefineAsync(drc, Period("14th-fyp", 2020, 2025,
            [("150200", Targets(energyIntensity: 15, carbonIntensity: 18)), ("150600", Targets(energyIntensity: 15))]));

        var periods = await (await drc.GetAsync("/api/v1/targets")).JsonAsync();
        periods.GetProperty("items").EnumerateArray().Select(p => (p.Text("code"), p.GetProperty("baseYear").GetInt32()))
            .ShouldContain(("13th-fyp", 2015));
        periods.GetProperty("items").EnumerateArray().Select(p => (p.Text("code"), p.GetProperty("baseYear").GetInt32()))
            .ShouldContain(("14th-fyp", 2020));
        var fourteenth = await (await drc.GetAsync("/api/v1/targets/14th-fyp")).JsonAsync();
        fourteenth.GetProperty("leagueTargets").GetArrayLength().ShouldBe(2);
        fourteenth.GetProperty("region").ValueKind.ShouldBe(System.Text.Json.JsonValueKind.Null);
        var thirteenth = await (await drc.GetAsync("/api/v1/targets/13th-fyp")).JsonAsync();
        thirteenth.GetProperty("leagueTargets").GetArrayLength().ShouldBe(12);
        // The same league-year of statistics serves the period it falls in: 2020 is the 13th FYP's last year and the 14th's base.
        var progress = await (await drc.GetAsync("/api/v1/targets/13th-fyp/progress/150200?year=2020")).JsonAsync();
        progress.GetProperty("leagues")[0].GetProperty("figures").GetProperty("year").GetInt32().ShouldBe(2020);
    }

    [Fact]
    public async Task defining_a_period_again_is_a_repeat_and_a_different_definition_under_its_code_is_409()
    {
        var drc = await registry.ClientAsync("drc", "en");
        var definition = Period("repeat-test", 2040, 2045, [("150100", Targets(energyIntensity: 10))]);
        await DefineAsync(drc, definition);
        var events = await registry.CountAsync("select count(*) from eventstore.events");

        await DefineAsync(drc, definition);
        var different = await drc.PostAsJsonAsync("/api/v1/targets", Period("repeat-test", 2040, 2045, [("150100", Targets(energyIntensity: 11))]));

        (await registry.CountAsync("select count(*) from eventstore.events")).ShouldBe(events);
        (await different.ShouldBeProblemAsync(HttpStatusCode.Conflict)).Text("code").ShouldBe("targets.period_exists");
    }

    [Fact]
    public async Task a_leagues_targets_are_revised_with_a_reason_and_the_earlier_targets_are_kept()
    {
        var drc = await registry.ClientAsync("drc");
        await DefineAsync(drc, Period("revise-test", 2040, 2045, [("150400", Targets(energyIntensity: 14, incrementCap: 300))]));

        var response = await drc.PostAsJsonAsync("/api/v1/targets/revise-test/leagues/150400",
            new { targets = Targets(energyIntensity: 13, incrementCap: 320), reason = "国家下达目标调整 / national targets adjusted" });

        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var period = await response.JsonAsync();
        period.GetProperty("leagueTargets")[0].GetProperty("targets").Decimal("energyIntensityReductionPct").ShouldBe(13m);
        var revision = period.GetProperty("revisions")[0];
        revision.GetProperty("previous").Decimal("energyIntensityReductionPct").ShouldBe(14m);
        revision.GetProperty("targets").Decimal("energyIncrementCap10kTce").ShouldBe(320m);
        revision.Text("reason").ShouldBe("国家下达目标调整 / national targets adjusted");
        revision.Text("revisedBy").ShouldBe("drc");
    }

    [Theory]
    [InlineData("code", "14TH", "period_code")]
    [InlineData("targetYear", 2040, "target_year")]
    [InlineData("leagues", "unknown-league", "league_unknown")]
    [InlineData("leagues", "no-targets", "targets_required")]
    [InlineData("leagues", "duplicate", "duplicate_league")]
    public async Task a_malformed_period_is_400(string field, object value, string rule)
    {
        var drc = await registry.ClientAsync("drc");
        var leagues = value switch
        {
            "unknown-league" => new[] { ("110000", Targets(energyIntensity: 10)) },
            "no-targets" => [("150100", Targets())],
            "duplicate" => [("150100", Targets(energyIntensity: 10)), ("150100", Targets(energyIntensity: 11))],
            _ => [("150100", Targets(energyIntensity: 10))],
        };
        var body = System.Text.Json.Nodes.JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(
            Period("bad-test", 2040, 2045, leagues), new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web)))!;
        if (value is string code && field == "code") body[field] = code;
        if (value is int year) body[field] = year;

        var problem = await (await drc.PostAsJsonAsync("/api/v1/targets", body)).ShouldBeProblemAsync(HttpStatusCode.BadRequest);

        problem.GetProperty("violations").EnumerateArray().ShouldContain(v => v.GetProperty("rule").GetString() == rule);
    }

    [Fact]
    public async Task only_the_drc_defines_periods()
    {
        var baotou = await registry.ClientAsync("league-baotou");

        var response = await baotou.PostAsJsonAsync("/api/v1/targets", Period("league-test", 2040, 2045, [("150200", Targets(energyIntensity: 10))]));

        await response.ShouldBeProblemAsync(HttpStatusCode.Forbidden);
    }
}
