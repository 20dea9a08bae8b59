using System.Net;
using System.Net.Http.Json;
using Mrv.Registry.Demo;
using Mrv.Registry.Tests.Monitoring;

namespace Mrv.Registry.Tests.Activity;

public sealed class MonthlyDataTests(RegistryFixture registry) : IClassFixture<RegistryFixture>
{
    static readonly DateTimeOffset TestNow = new(2026, 3, 1, 8, 0, 0, TimeSpan.FromHours(8));

    Task<long> EventsOfAsync(Guid id, int year) => registry.CountAsync($"select count(*) from eventstore.events where stream_id = 'activity-{id}-{year}'");

    [Fact]
    public async Task a_month_recorded_on_time_is_kept_with_its_plan_version_and_a_repeat_records_nothing()
    {
        registry.Clock.Set(new DateTimeOffset(2025, 2, 10, 9, 0, 0, TimeSpan.FromHours(8)));
        try
        {
            var plant = await PlannedEnterprises.CreateAsync(registry);

            var first = await plant.Enterprise.PutAsJsonAsync($"/api/v1/enterprises/{plant.Id}/activity/2025/1", PlannedEnterprises.Month());
            var again = await plant.Enterprise.PutAsJsonAsync($"/api/v1/enterprises/{plant.Id}/activity/2025/1", PlannedEnterprises.Month());
            var month = await (await plant.Drc.GetAsync($"/api/v1/enterprises/{plant.Id}/activity/2025/1")).JsonAsync();

            first.StatusCode.ShouldBe(HttpStatusCode.OK, await first.Content.ReadAsStringAsync());
            again.Headers.ETag!.Tag.ShouldBe(first.Headers.ETag!.Tag);
            (await EventsOfAsync(plant.Id, 2025)).ShouldBe(1);
            var data = month.GetProperty("data");
            data.GetProperty("planVersion").GetInt32().ShouldBe(1);
            data.GetProperty("late").GetBoolean().ShouldBeFalse();
            data.GetProperty("dueOn").GetString().ShouldBe("2025-03-12");
            data.GetProperty("sources")[0].GetProperty("ncvGjPerUnit").GetDecimal().ShouldBe(21m);
            data.GetProperty("sources")[0].GetProperty("meterCalibrated").GetBoolean().ShouldBeTrue();
        }
        finally
        {
            registry.Clock.Set(TestNow);
        }
    }

    [Fact]
    public async Task a_month_recorded_after_its_due_day_is_accepted_and_flagged_late()
    {
        var plant = await PlannedEnterprises.CreateAsync(registry);

        var response = await plant.Enterprise.PutAsJsonAsync($"/api/v1/enterprises/{plant.Id}/activity/2025/3", PlannedEnterprises.Month());

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var month = await response.JsonAsync();
        month.GetProperty("late").GetBoolean().ShouldBeTrue();
        month.GetProperty("history")[0].GetProperty("late").GetBoolean().ShouldBeTrue();
    }

    [Fact]
    public async Task units_methods_and_sources_are_checked_against_the_plan_naming_the_field()
    {
        var plant = await PlannedEnterprises.CreateAsync(registry);
        async Task<System.Text.Json.JsonElement> Refused(object body) =>
            await (await plant.Enterprise.PutAsJsonAsync($"/api/v1/enterprises/{plant.Id}/activity/2025/2", body)).ShouldBeProblemAsync(HttpStatusCode.BadRequest);

        (await Refused(new { sources = new[] { new { sourceCode = "GRID", quantity = 10m, unit = "kWh" } } })).ShouldNameField("sources[0].unit", "unit_mismatch").ShouldContain("MWh");
        (await Refused(new { sources = new[] { new { sourceCode = "COAL", quantity = 10m, unit = "t" } } })).ShouldNameField("sources[0].ncvGjPerUnit", "measured_required");
        (await Refused(new { sources = new[] { new { sourceCode = "GRID", quantity = 10m, unit = "MWh", ncvGjPerUnit = 20m } } })).ShouldNameField("sources[0].ncvGjPerUnit", "default_in_plan");
        (await Refused(new { sources = new[] { new { sourceCode = "NOPE", quantity = 10m, unit = "t" } } })).ShouldNameField("sources[0].sourceCode", "source_not_in_plan");
        (await Refused(new { sources = new[] { new { sourceCode = "GRID", quantity = -1m, unit = "MWh" } } })).ShouldNameField("sources[0].quantity", "quantity_range");
        (await Refused(new { sources = new[] { new { sourceCode = "COAL", quantity = 1m, unit = "t", ncvGjPerUnit = 21000m, carbonContentTcPerGj = 26.2m } } }))
            .ShouldNameField("sources[0].ncvGjPerUnit", "ncv_range");
        (await Refused(new { sources = Array.Empty<object>(), outputs = new[] { new { product = "cement", quantity = 1m, unit = "t" } } }))
            .ShouldNameField("outputs[0].product", "product_not_in_plan");
        (await EventsOfAsync(plant.Id, 2025)).ShouldBe(0);
    }

    [Fact]
    public async Task a_month_that_has_not_begun_or_a_year_without_an_approved_plan_takes_no_data()
    {
        var plant = await PlannedEnterprises.CreateAsync(registry, year: 2026);
        var unapproved = await PlannedEnterprises.CreateAsync(registry, approve: false);

        var april = await plant.Enterprise.PutAsJsonAsync($"/api/v1/enterprises/{plant.Id}/activity/2026/4", PlannedEnterprises.Month());
        var thirteenth = await plant.Enterprise.PutAsJsonAsync($"/api/v1/enterprises/{plant.Id}/activity/2026/13", PlannedEnterprises.Month());
        var noPlan = await unapproved.Enterprise.PutAsJsonAsync($"/api/v1/enterprises/{unapproved.Id}/activity/2025/1", PlannedEnterprises.Month());

        (await april.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).ShouldNameField("month", "month");
        (await thirteenth.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).ShouldNameField("month", "month");
        (await noPlan.ShouldBeProblemAsync(HttpStatusCode.Conflict)).GetProperty("code").GetString().ShouldBe("activity.no_approved_plan");
    }

    [Fact]
    public async Task the_drc_enters_data_on_an_enterprises_behalf_only_with_a_reason()
    {
        var plant = await PlannedEnterprises.CreateAsync(registry);

        var without = await plant.Drc.PutAsJsonAsync($"/api/v1/enterprises/{plant.Id}/activity/2025/4", PlannedEnterprises.Month());
        var with = await plant.Drc.PutAsJsonAsync($"/api/v1/enterprises/{plant.Id}/activity/2025/4", PlannedEnterprises.Month(reason: "企业系统故障，依纸质台账代录"));

        (await without.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).ShouldNameField("reason", "required_on_behalf");
        with.StatusCode.ShouldBe(HttpStatusCode.OK);
        var revision = (await with.JsonAsync()).GetProperty("history")[0];
        revision.GetProperty("recordedBy").GetString().ShouldBe("drc");
        revision.GetProperty("reason").GetString().ShouldBe("企业系统故障，依纸质台账代录");
    }

    [Fact]
    public async Task corrections_replace_the_figures_and_keep_every_revision_in_the_history()
    {
        var plant = await PlannedEnterprises.CreateAsync(registry);
        await plant.RecordAsync(2025, 5);

        var corrected = await plant.Enterprise.PutAsJsonAsync($"/api/v1/enterprises/{plant.Id}/activity/2025/5", PlannedEnterprises.Month(coal: 10_500m));

        var month = await corrected.JsonAsync();
        month.GetProperty("sources")[0].GetProperty("quantity").GetDecimal().ShouldBe(10_500m);
        month.GetProperty("history").GetArrayLength().ShouldBe(2);
        month.GetProperty("history")[1].GetProperty("correction").GetBoolean().ShouldBeTrue();
    }

    [Fact]
    public async Task another_enterprises_or_leagues_data_does_not_exist_for_the_caller()
    {
        var demo = await registry.ClientAsync("enterprise-demo");
        var otherLeague = DemoEnterprises.All.First(d => d.LeagueCode == "150600");

        await (await demo.GetAsync($"/api/v1/enterprises/{DemoEnterprises.All[1].Id}/activity/2024")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await demo.PutAsJsonAsync($"/api/v1/enterprises/{DemoEnterprises.All[1].Id}/activity/2024/1", PlannedEnterprises.Month()))
            .ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await (await registry.ClientAsync("league-baotou")).GetAsync($"/api/v1/enterprises/{otherLeague.Id}/activity/2024"))
            .ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await (await registry.ClientAsync("league-baotou")).PutAsJsonAsync($"/api/v1/enterprises/{DemoData.DemoEnterpriseId}/activity/2024/1", PlannedEnterprises.Month()))
            .ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        var own = await (await demo.GetAsync($"/api/v1/enterprises/{DemoData.DemoEnterpriseId}/activity/2024")).JsonAsync();
        own.GetProperty("months").GetArrayLength().ShouldBe(12);
    }
}
