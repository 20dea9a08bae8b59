using System.Net;
using System.Text.Json;
using Mrv.Registry.Demo;

namespace Mrv.Registry.Tests.Reporting;

public sealed class ReportingDemoTests(RegistryFixture registry) : IClassFixture<RegistryFixture>
{
    static async Task<JsonElement> ReportAsync(HttpClient client, Guid id, int year) =>
        await (await client.GetAsync($"/api/v1/enterprises/{id}/reports/{year}")).JsonAsync();

    [Fact]
    public async Task every_demo_enterprise_has_two_years_of_data_and_exactly_one_submitted_report()
    {
        var drc = await registry.ClientAsync("drc");

        foreach (var demo in DemoEnterprises.All)
        {
            var reports = new[] { await ReportAsync(drc, demo.Id, 2023), await ReportAsync(drc, demo.Id, 2024) };
            // Submitted, or further along: the verification demo takes many of them through verification and determination.
            reports.Count(r => r.GetProperty("status").GetString() != "draft").ShouldBe(1, demo.BrandEn);
            reports.ShouldAllBe(r => r.GetProperty("calculation").GetProperty("totalTco2").GetDecimal() > 0);
            reports.ShouldAllBe(r => !r.GetProperty("checks").EnumerateArray().Any(c => c.GetProperty("severity").GetString() == "error"));
            var months2023 = (await (await drc.GetAsync($"/api/v1/enterprises/{demo.Id}/activity/2023")).JsonAsync()).GetProperty("months").GetArrayLength();
            months2023.ShouldBe(12, demo.BrandEn);
        }
    }

    [Fact]
    public async Task the_demo_logins_2024_draft_can_be_submitted_and_shows_its_late_month_and_adjusted_meter()
    {
        var client = await registry.ClientAsync("enterprise-demo", "en");

        var report = await ReportAsync(client, DemoData.DemoEnterpriseId, 2024);

        report.GetProperty("status").GetString().ShouldBe("draft");
        report.GetProperty("canSubmit").GetBoolean().ShouldBeTrue();
        var checks = report.GetProperty("checks").EnumerateArray().ToList();
        checks.ShouldContain(c => c.GetProperty("code").GetString() == "late_month" && c.GetProperty("month").GetInt32() == 11);
        checks.ShouldContain(c => c.GetProperty("code").GetString() == "meter_adjustment" && c.GetProperty("month").GetInt32() == 5);
        var supply = report.GetProperty("calculation").GetProperty("intensities").EnumerateArray()
            .Single(i => i.GetProperty("code").GetString() == "supply_coal_consumption");
        supply.GetProperty("unit").GetString().ShouldBe("gce/kWh");
        supply.GetProperty("target").GetProperty("value").GetDecimal().ShouldBe(325m);
        supply.GetProperty("withinBand").GetBoolean().ShouldBeTrue();
        var submitted = await client.PostAsync($"/api/v1/enterprises/{DemoData.DemoEnterpriseId}/reports/2024/submit", null);
        submitted.StatusCode.ShouldBe(HttpStatusCode.OK, await submitted.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task the_closed_plants_2024_ends_in_june_with_the_gap_explained()
    {
        var report = await ReportAsync(await registry.ClientAsync("drc"), DemoEnterprises.ClosedPlant.Id, 2024);

        report.GetProperty("calculation").GetProperty("byMonth").GetArrayLength().ShouldBe(6);
        report.GetProperty("checks").EnumerateArray().Count(c => c.GetProperty("code").GetString() == "gap_explained").ShouldBe(6);
    }

    [Fact]
    public async Task chemical_plants_energy_intensities_are_compared_with_the_seed_targets()
    {
        var drc = await registry.ClientAsync("drc");
        var carbide = DemoEnterprises.All.First(d => d.Kind == DemoEnterprises.CalciumCarbide);
        var soda = DemoEnterprises.All.First(d => d.Kind == DemoEnterprises.CausticSoda);

        var carbideIntensity = (await ReportAsync(drc, carbide.Id, 2024)).GetProperty("calculation").GetProperty("intensities").EnumerateArray()
            .Single(i => i.GetProperty("code").GetString() == "calcium_carbide_unit_energy");
        var sodaIntensity = (await ReportAsync(drc, soda.Id, 2024)).GetProperty("calculation").GetProperty("intensities").EnumerateArray()
            .Single(i => i.GetProperty("code").GetString() == "caustic_soda_unit_energy");

        carbideIntensity.GetProperty("target").GetProperty("value").GetDecimal().ShouldBe(1.05m);
        carbideIntensity.GetProperty("unit").GetString().ShouldBe("tce/t");
        carbideIntensity.GetProperty("withinBand").GetBoolean().ShouldBeTrue();
        sodaIntensity.GetProperty("target").GetProperty("value").GetDecimal().ShouldBe(315m);
        sodaIntensity.GetProperty("unit").GetString().ShouldBe("kgce/t");
    }

    [Fact]
    public async Task the_drc_lists_every_report_of_a_year_and_a_league_only_its_own()
    {
        await registry.WaitForProjectionsAsync();
        var drc = await registry.ClientAsync("drc");
        var league = await registry.ClientAsync("league-baotou");

        var all = await (await drc.GetAsync("/api/v1/reports?year=2024")).JsonAsync();
        var submitted = await (await drc.GetAsync("/api/v1/reports?year=2024&status=submitted")).JsonAsync();
        var baotou = await (await league.GetAsync("/api/v1/reports?year=2024")).JsonAsync();
        var elsewhere = await (await league.GetAsync("/api/v1/reports?year=2024&league=150600")).JsonAsync();

        all.GetProperty("total").GetInt64().ShouldBe(DemoEnterprises.All.Count);
        submitted.GetProperty("total").GetInt64().ShouldBeGreaterThan(0);
        submitted.GetProperty("items").EnumerateArray().ShouldAllBe(i => i.GetProperty("status").GetString() == "submitted");
        submitted.GetProperty("items")[0].GetProperty("submittedTco2").GetDecimal().ShouldBeGreaterThan(0);
        baotou.GetProperty("total").GetInt64().ShouldBe(DemoEnterprises.All.Count(d => d.LeagueCode == "150200"));
        baotou.GetProperty("items").EnumerateArray().ShouldAllBe(i => i.GetProperty("leagueCode").GetString() == "150200");
        elsewhere.GetProperty("total").GetInt64().ShouldBe(0);
        await (await (await registry.ClientAsync("enterprise-demo")).GetAsync("/api/v1/reports?year=2024")).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        (await (await drc.GetAsync("/api/v1/reports")).ShouldBeProblemAsync(HttpStatusCode.BadRequest)).ShouldNameField("year", "year");
    }
}
