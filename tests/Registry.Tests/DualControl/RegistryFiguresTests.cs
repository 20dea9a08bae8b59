using System.Net;
using System.Net.Http.Json;
using Mrv.Registry.Tests.Monitoring;

namespace Mrv.Registry.Tests.DualControl;

/// <summary>Dual control takes a league/city's CO2 and key units' figures from determined annual reports.</summary>
public sealed class RegistryFiguresTests(RegistryFixture registry) : IClassFixture<RegistryFixture>
{
    /// <summary>Submits the plant's 2025 report and takes it through verification to a determination with these figures.</summary>
    static async Task DetermineAsync(PlannedEnterprise plant, decimal emissionsTco2, decimal energyTce)
    {
        await plant.RecordYearAsync(2025);
        var url = $"/api/v1/enterprises/{plant.Id}/reports/2025";
        var engagement = Guid.NewGuid();
        await OkAsync(plant.Enterprise.PostAsync($"{url}/submit", null));
        await OkAsync(plant.Drc.PostAsJsonAsync($"{url}/verification", new { engagementId = engagement }));
        await OkAsync(plant.Drc.PostAsJsonAsync($"{url}/verified-figures",
            new { engagementId = engagement, verifiedEmissionsTco2 = emissionsTco2, verifiedEnergyTce = energyTce, opinion = "pass" }));
        await OkAsync(plant.Drc.PostAsJsonAsync($"{url}/determine", new { decision = "accept" }));
    }

    static async Task OkAsync(Task<HttpResponseMessage> request)
    {
        var response = await request;
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task a_leagues_co2_from_the_registry_sums_its_determined_reports_only()
    {
        var first = await PlannedEnterprises.CreateAsync(registry, league: "150300", county: "150302");
        var second = await PlannedEnterprises.CreateAsync(registry, league: "150300", county: "150302");
        var submittedOnly = await PlannedEnterprises.CreateAsync(registry, league: "150300", county: "150302");
        var elsewhere = await PlannedEnterprises.CreateAsync(registry, league: "150800", county: "150802");
        await DetermineAsync(first, 700_000m, 95_000m);
        await DetermineAsync(second, 300_000m, 40_000m);
        await DetermineAsync(elsewhere, 123_000m, 10_000m);
        await submittedOnly.RecordYearAsync(2025);
        await OkAsync(submittedOnly.Enterprise.PostAsync($"/api/v1/enterprises/{submittedOnly.Id}/reports/2025/submit", null));
        await registry.WaitForProjectionsAsync();

        var recorded = await first.Drc.PostAsJsonAsync("/api/v1/statistics/leagues/150300/2025", new { emissionsFromRegistry = true });
        var region = await first.Drc.PostAsJsonAsync("/api/v1/statistics/leagues/150000/2025", new { emissionsFromRegistry = true });
        var uncovered = await first.Drc.PostAsJsonAsync("/api/v1/statistics/leagues/152900/2025", new { emissionsFromRegistry = true });

        recorded.StatusCode.ShouldBe(HttpStatusCode.OK, await recorded.Content.ReadAsStringAsync());
        var emissions = (await recorded.JsonAsync()).GetProperty("emissions");
        emissions.Decimal("emissionsTco2").ShouldBe(1_000_000m);       // 700,000 + 300,000; the submitted report is not determined
        emissions.Text("source").ShouldContain("2 covered enterprises");
        (await region.JsonAsync()).GetProperty("emissions").Decimal("emissionsTco2").ShouldBe(1_123_000m);
        (await uncovered.ShouldBeProblemAsync(HttpStatusCode.Conflict)).Text("code").ShouldBe("statistics.registry_has_no_emissions");
    }

    [Fact]
    public async Task a_key_units_determined_report_stands_in_for_entered_figures()
    {
        var plant = await PlannedEnterprises.CreateAsync(registry, league: "150900", county: "150902");
        await OkAsync(plant.Drc.PostAsJsonAsync($"/api/v1/enterprises/{plant.Id}/key-energy-unit", new { tier = "wanjia", fromYear = 2021 }));
        await DualControlApi.DefineAsync(plant.Drc, DualControlApi.Period("t-registry", 2020, 2025, [("150900", DualControlApi.Targets(energyIntensity: 10))]));
        await OkAsync(plant.Drc.PostAsJsonAsync($"/api/v1/targets/t-registry/key-units/{plant.Id}", new { targets = new { energySavingTce = 1_000 } }));
        await OkAsync(plant.Drc.PostAsJsonAsync($"/api/v1/statistics/key-units/{plant.Id}/2025",
            new { figures = new { energyTce = 1m, energySavingTce = 400m, source = DualControlApi.Source } }));

        var before = await KeyUnitAsync(plant);
        await DetermineAsync(plant, 650_000m, 90_000m);
        await registry.WaitForProjectionsAsync();
        var after = await KeyUnitAsync(plant);

        before.Text("figuresFrom").ShouldBe("entered");
        before.GetProperty("figures").Decimal("energyTce").ShouldBe(1m);
        after.Text("figuresFrom").ShouldBe("registry");
        var figures = after.GetProperty("figures");
        figures.Decimal("energyTce").ShouldBe(90_000m);
        figures.Decimal("emissionsTco2").ShouldBe(650_000m);
        figures.GetProperty("output").Decimal("quantity").ShouldBe(720_000m);   // 12 months × 60,000 t clinker
        figures.GetProperty("output").Text("unit").ShouldBe("t");
        figures.Text("source").ShouldContain("determined 2025 annual report");
    }

    static async Task<System.Text.Json.JsonElement> KeyUnitAsync(PlannedEnterprise plant)
    {
        var response = await plant.Drc.GetAsync("/api/v1/targets/t-registry/key-units?year=2025&league=150900");
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.JsonAsync()).GetProperty("items").EnumerateArray().Single().GetProperty("keyUnits").EnumerateArray()
            .Single(u => u.GetProperty("enterpriseId").GetGuid() == plant.Id);
    }
}
