using System.Net;
using System.Net.Http.Json;
using Mrv.Registry.Demo;

namespace Mrv.Registry.Tests.Enterprises;

public sealed class FacilityTests(RegistryFixture registry) : IClassFixture<RegistryFixture>
{
    static object Coal(string code, string facility = "F1") => new
    {
        code, facilityCode = facility, type = "fuel_combustion", materialCode = "bituminous", unit = "t", nameZh = "烟煤", meter = "皮带秤 B-1",
    };

    async Task<(HttpClient Drc, Guid Id)> EnterpriseWithFacilityAsync()
    {
        var drc = await registry.ClientAsync("drc", "en");
        var id = await TestEnterprises.RegisterAsync(drc, TestEnterprises.Registration());
        (await drc.PostAsJsonAsync($"/api/v1/enterprises/{id}/facilities", new { code = "F1", nameZh = "1号高炉" })).StatusCode.ShouldBe(HttpStatusCode.Created);
        return (drc, id);
    }

    async Task<string[]> EventTypesAsync(Guid id)
    {
        await using var connection = new Npgsql.NpgsqlConnection(registry.Database.AdminConnectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand($"select type from eventstore.events where stream_id = 'enterprise-{id}' order by version", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var types = new List<string>();
        while (await reader.ReadAsync()) types.Add(reader.GetString(0));
        return [.. types];
    }

    [Fact]
    public async Task facilities_and_sources_are_added_renamed_and_closed_as_events_never_edits()
    {
        var (drc, id) = await EnterpriseWithFacilityAsync();

        var source = await drc.PostAsJsonAsync($"/api/v1/enterprises/{id}/sources", Coal("S1"));
        var renamed = await drc.PostAsJsonAsync($"/api/v1/enterprises/{id}/facilities/F1/rename", new { nameZh = "1号高炉（大修后）", nameEn = "Blast furnace 1" });
        var closed = await drc.PostAsJsonAsync($"/api/v1/enterprises/{id}/sources/S1/close", new { closedOn = "2025-12-31", reason = "改用天然气" });

        source.StatusCode.ShouldBe(HttpStatusCode.Created, await source.Content.ReadAsStringAsync());
        source.Headers.Location!.ToString().ShouldBe($"/api/v1/enterprises/{id}/sources/S1");
        renamed.StatusCode.ShouldBe(HttpStatusCode.OK);
        closed.StatusCode.ShouldBe(HttpStatusCode.OK);
        var fetched = await (await drc.GetAsync($"/api/v1/enterprises/{id}/sources/S1")).JsonAsync();
        fetched.GetProperty("closedOn").GetString().ShouldBe("2025-12-31");
        fetched.GetProperty("materialCode").GetString().ShouldBe("bituminous");
        (await (await drc.GetAsync($"/api/v1/enterprises/{id}/facilities/F1")).JsonAsync()).GetProperty("nameZh").GetString().ShouldBe("1号高炉（大修后）");
        (await EventTypesAsync(id)).ShouldBe(["enterprise_registered.v1", "facility_added.v1", "emission_source_added.v1", "facility_renamed.v1", "emission_source_closed.v1"]);
    }

    [Fact]
    public async Task closing_a_facility_closes_its_open_sources_and_a_repeat_changes_nothing()
    {
        var (drc, id) = await EnterpriseWithFacilityAsync();
        await drc.PostAsJsonAsync($"/api/v1/enterprises/{id}/sources", Coal("S1"));
        await drc.PostAsJsonAsync($"/api/v1/enterprises/{id}/sources", Coal("S2"));

        var first = await drc.PostAsJsonAsync($"/api/v1/enterprises/{id}/facilities/F1/close", new { closedOn = "2025-06-30", reason = "淘汰落后产能" });
        var again = await drc.PostAsJsonAsync($"/api/v1/enterprises/{id}/facilities/F1/close", new { closedOn = "2025-06-30", reason = "淘汰落后产能" });

        first.StatusCode.ShouldBe(HttpStatusCode.OK);
        again.Headers.ETag!.Tag.ShouldBe(first.Headers.ETag!.Tag);
        var enterprise = await (await drc.GetAsync($"/api/v1/enterprises/{id}")).JsonAsync();
        enterprise.GetProperty("sources").EnumerateArray().ShouldAllBe(s => s.GetProperty("closedOn").GetString() == "2025-06-30");
        (await EventTypesAsync(id)).Count(t => t == "emission_source_closed.v1").ShouldBe(2);
    }

    [Fact]
    public async Task a_closed_facility_cannot_be_renamed_or_take_new_sources()
    {
        var (drc, id) = await EnterpriseWithFacilityAsync();
        await drc.PostAsJsonAsync($"/api/v1/enterprises/{id}/facilities/F1/close", new { closedOn = "2025-06-30", reason = "关停" });

        var rename = await drc.PostAsJsonAsync($"/api/v1/enterprises/{id}/facilities/F1/rename", new { nameZh = "新名称" });
        var source = await drc.PostAsJsonAsync($"/api/v1/enterprises/{id}/sources", Coal("S9"));

        (await rename.ShouldBeProblemAsync(HttpStatusCode.Conflict)).GetProperty("code").GetString().ShouldBe("enterprise.facility_closed");
        (await source.ShouldBeProblemAsync(HttpStatusCode.Conflict)).GetProperty("code").GetString().ShouldBe("enterprise.facility_closed");
    }

    [Fact]
    public async Task a_taken_facility_or_source_code_is_409()
    {
        var (drc, id) = await EnterpriseWithFacilityAsync();
        await drc.PostAsJsonAsync($"/api/v1/enterprises/{id}/sources", Coal("S1"));

        var facility = await drc.PostAsJsonAsync($"/api/v1/enterprises/{id}/facilities", new { code = "F1", nameZh = "重复" });
        var source = await drc.PostAsJsonAsync($"/api/v1/enterprises/{id}/sources", Coal("S1"));

        (await facility.ShouldBeProblemAsync(HttpStatusCode.Conflict)).GetProperty("code").GetString().ShouldBe("enterprise.facility_code_taken");
        (await source.ShouldBeProblemAsync(HttpStatusCode.Conflict)).GetProperty("code").GetString().ShouldBe("enterprise.source_code_taken");
    }

    [Fact]
    public async Task a_source_names_a_material_of_the_factor_table_in_the_tables_unit()
    {
        var (drc, id) = await EnterpriseWithFacilityAsync();
        async Task<System.Text.Json.JsonElement> Refused(object body) =>
            await (await drc.PostAsJsonAsync($"/api/v1/enterprises/{id}/sources", body)).ShouldBeProblemAsync(HttpStatusCode.BadRequest);

        (await Refused(new { code = "S1", facilityCode = "F1", type = "fuel_combustion", materialCode = "unobtainium", unit = "t", nameZh = "x", meter = "m" }))
            .ShouldNameField("materialCode", "material_unknown");
        (await Refused(new { code = "S1", facilityCode = "F1", type = "fuel_combustion", materialCode = "natural_gas", unit = "t", nameZh = "x", meter = "m" }))
            .ShouldNameField("unit", "unit_mismatch").ShouldContain("10^4 Nm3");
        (await Refused(new { code = "S1", facilityCode = "F1", type = "process", unit = "t", nameZh = "x", meter = "m" }))
            .ShouldNameField("materialCode", "required_for_type");
        (await Refused(new { code = "S1", facilityCode = "F1", type = "purchased_electricity", materialCode = "bituminous", unit = "MWh", nameZh = "x", meter = "m" }))
            .ShouldNameField("materialCode", "not_for_type");
        (await Refused(new { code = "S1", facilityCode = "F9", type = "purchased_heat", unit = "GJ", nameZh = "x", meter = "m" }))
            .ShouldNameField("facilityCode", "facility_unknown");
        (await drc.PostAsJsonAsync($"/api/v1/enterprises/{id}/sources",
            new { code = "CLINKER", facilityCode = "F1", type = "process", materialCode = "portland_clinker", unit = "t", nameZh = "熟料", meter = "产量计量" }))
            .StatusCode.ShouldBe(HttpStatusCode.Created);
    }

    [Fact]
    public async Task a_league_cannot_touch_another_leagues_enterprise_and_unknown_parts_are_404()
    {
        var baotou = await registry.ClientAsync("league-baotou");
        var ordos = DemoEnterprises.All.First(d => d.LeagueCode == "150600");

        await (await baotou.PostAsJsonAsync($"/api/v1/enterprises/{ordos.Id}/facilities", new { code = "X1", nameZh = "越界" }))
            .ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await baotou.PostAsJsonAsync($"/api/v1/enterprises/{DemoData.DemoEnterpriseId}/facilities/NOPE/rename", new { nameZh = "无" }))
            .ShouldBeProblemAsync(HttpStatusCode.NotFound);
        (await baotou.PostAsJsonAsync($"/api/v1/enterprises/{DemoData.DemoEnterpriseId}/facilities/G1/rename", new { nameZh = "1号机组（660MW）" }))
            .StatusCode.ShouldBe(HttpStatusCode.OK);
        await (await (await registry.ClientAsync("enterprise-demo")).PostAsJsonAsync($"/api/v1/enterprises/{DemoData.DemoEnterpriseId}/facilities",
            new { code = "X2", nameZh = "自建" })).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
    }
}
