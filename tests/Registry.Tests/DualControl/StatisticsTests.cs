using System.Net;
using System.Net.Http.Json;
using static Mrv.Registry.Tests.DualControl.DualControlApi;

namespace Mrv.Registry.Tests.DualControl;

/// <summary>Yearly statistics: entered with a source by the league/city or the DRC, corrected with a reason, history kept.</summary>
public sealed class StatisticsTests(RegistryFixture registry) : IClassFixture<RegistryFixture>
{
    [Fact]
    public async Task a_league_records_its_figures_and_a_correction_needs_a_reason_and_keeps_the_old_figure()
    {
        var baotou = await registry.ClientAsync("league-baotou", "en");
        await RecordOkAsync(baotou, "150200", 2041, Figures(gdp: 40_000_000, energy: 41_000_000, co2: 100_000_000));

        var unexplained = await RecordAsync(baotou, "150200", 2041, Figures(energy: 41_500_000));
        var corrected = await RecordAsync(baotou, "150200", 2041, Figures(energy: 41_500_000, reason: "统计局年报修订 / revised yearbook"));

        (await unexplained.ShouldBeProblemAsync(HttpStatusCode.Conflict)).Text("code").ShouldBe("statistics.correction_needs_reason");
        corrected.StatusCode.ShouldBe(HttpStatusCode.OK, await corrected.Content.ReadAsStringAsync());
        var entry = (await (await baotou.GetAsync("/api/v1/statistics/leagues/150200")).JsonAsync()).GetProperty("entries").EnumerateArray()
            .Single(e => e.GetProperty("year").GetInt32() == 2041);
        entry.GetProperty("energy").Decimal("energyTce").ShouldBe(41_500_000m);
        entry.GetProperty("gdp").Decimal("gdp10kCny").ShouldBe(40_000_000m);
        entry.GetProperty("revision").GetInt32().ShouldBe(2);
        var history = (await (await baotou.GetAsync("/api/v1/statistics/leagues/150200/2041/history")).JsonAsync()).GetProperty("items").EnumerateArray().ToList();
        history.Count.ShouldBe(2);
        history[0].GetProperty("energy").Decimal("energyTce").ShouldBe(41_000_000m);
        history[0].GetProperty("reason").GetString().ShouldBeNull();
        history[0].Text("recordedBy").ShouldBe("league-baotou");
        history[1].GetProperty("energy").Decimal("energyTce").ShouldBe(41_500_000m);
        history[1].Text("reason").ShouldBe("统计局年报修订 / revised yearbook");
        history[1].GetProperty("gdp").ValueKind.ShouldBe(System.Text.Json.JsonValueKind.Null);
    }

    [Fact]
    public async Task recording_the_same_figures_again_appends_nothing()
    {
        var drc = await registry.ClientAsync("drc");
        await RecordOkAsync(drc, "150600", 2042, Figures(gdp: 50_000_000, energy: 40_000_000));
        var events = await registry.CountAsync("select count(*) from eventstore.events");

        await RecordOkAsync(drc, "150600", 2042, Figures(gdp: 50_000_000, energy: 40_000_000));

        (await registry.CountAsync("select count(*) from eventstore.events")).ShouldBe(events);
    }

    [Fact]
    public async Task co2_from_the_registry_is_refused_until_annual_reports_give_it()
    {
        var drc = await registry.ClientAsync("drc", "en");

        var response = await drc.PostAsJsonAsync("/api/v1/statistics/leagues/150600/2043", new { emissionsFromRegistry = true });

        (await response.ShouldBeProblemAsync(HttpStatusCode.Conflict)).Text("code").ShouldBe("statistics.registry_has_no_emissions");
    }

    [Fact]
    public async Task the_region_as_a_whole_has_figures_of_its_own_kept_by_the_drc()
    {
        var drc = await registry.ClientAsync("drc");
        var baotou = await registry.ClientAsync("league-baotou");

        await RecordOkAsync(drc, "150000", 2044, Figures(gdp: 200_000_000, energy: 250_000_000));

        await (await RecordAsync(baotou, "150000", 2044, Figures(energy: 1))).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await baotou.GetAsync("/api/v1/statistics/leagues/150000")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("{}", "figures", "figures_required")]
    [InlineData("""{"throughQuarter":5,"energy":{"energyTce":1,"source":"x"}}""", "throughQuarter", "quarter")]
    [InlineData("""{"energy":{"energyTce":0,"source":"x"}}""", "energy.energyTce", "greater_than")]
    [InlineData("""{"gdp":{"gdp10kCny":1,"priceBaseYear":2040,"source":""}}""", "gdp.source", "not_empty")]
    [InlineData("""{"emissions":{"emissionsTco2":1,"source":"x"},"emissionsFromRegistry":true}""", "emissions", "emissions_twice")]
    public async Task a_malformed_entry_is_400_naming_the_field(string body, string field, string rule)
    {
        var drc = await registry.ClientAsync("drc");

        var response = await drc.PostAsync("/api/v1/statistics/leagues/150600/2044", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        (await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).ShouldNameField(field, rule);
    }
}
