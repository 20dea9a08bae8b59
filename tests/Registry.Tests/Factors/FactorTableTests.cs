using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Mrv.Registry.Factors;

namespace Mrv.Registry.Tests.Factors;

public sealed class FactorTableTests(RegistryFixture registry) : IClassFixture<RegistryFixture>
{
    static readonly FactorTable Seed = FactorTable.Parse(FactorTable.SeedJson());

    [Fact]
    public void the_embedded_factor_table_equals_the_shared_reference_file() =>
        ReferenceFiles.ShouldEqualShared(FactorTable.SeedResource, "emission-factors.json",
            "9c118c37e06c152cffa102776ff5ed830df2552263af58ba0186a5d5619b3cc0");

    [Fact]
    public void the_model_keeps_every_value_of_the_reference_file()
    {
        var original = JsonNode.Parse(FactorTable.SeedJson());
        var written = JsonNode.Parse(Seed.ToFileFormat());

        JsonNode.DeepEquals(written, original).ShouldBeTrue();
        Seed.Values().Count().ShouldBe(19 * 4 + 3 + 15 + 1 + 20 * 2 + 1 + 4);
    }

    [Fact]
    public void unconfirmed_values_stay_marked_and_carry_no_number()
    {
        var rawCoal = Seed.Fuels.Single(f => f.Code == "raw_coal");

        rawCoal.CarbonContentTcPerGj.ShouldBe(new FactorValue(null, Unconfirmed: true));
        rawCoal.NcvGjPerUnit.ShouldBe(FactorValue.Of(20.908m));
        Seed.EnergyConversion.ElectricityEqualValueKgcePerKwh.Unconfirmed.ShouldBeTrue();
        Seed.EnergyConversion.ElectricityEqualValueKgcePerKwh.Note.ShouldBe("set each year from thermal-power supply coal consumption");
        Seed.Values().Where(v => v.Value.Unconfirmed).ShouldAllBe(v => v.Value.Value == null);
        Seed.Values().Count(v => v.Value.Unconfirmed).ShouldBe(9);
    }

    [Fact]
    public void the_seed_table_passes_the_checks_every_published_table_must_pass() =>
        new FactorTableValidator().Validate(Seed).Errors.ShouldBeEmpty();

    [Fact]
    public async Task version_1_is_the_seed_published_at_start_up_for_every_signed_in_user()
    {
        var enterprise = await registry.ClientAsync("enterprise-demo");

        var response = await enterprise.GetAsync("/api/v1/factors?version=1");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var body = await response.JsonAsync();
        body.GetProperty("version").GetInt32().ShouldBe(1);
        body.GetProperty("effectiveFromDataYear").GetInt32().ShouldBe(FactorTableVersions.SeedEffectiveFromDataYear);
        body.GetProperty("table").GetProperty("fuels").GetArrayLength().ShouldBe(19);
        var rawCoal = body.GetProperty("table").GetProperty("fuels")[0];
        rawCoal.GetProperty("oxidationRate").GetProperty("unconfirmed").GetBoolean().ShouldBeTrue();
        rawCoal.GetProperty("oxidationRate").GetProperty("value").ValueKind.ShouldBe(JsonValueKind.Null);
        body.GetProperty("unconfirmed").EnumerateArray().Select(p => p.GetString()).ShouldContain("fuels[raw_coal].oxidation_rate");
        await (await registry.Anonymous().GetAsync("/api/v1/factors")).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task a_data_year_gets_only_the_rows_that_apply_to_it_and_the_version_they_come_from()
    {
        var drc = await registry.ClientAsync("drc");

        var body = await (await drc.GetAsync("/api/v1/factors?dataYear=2023")).JsonAsync();

        body.GetProperty("version").GetInt32().ShouldBe(1);
        body.GetProperty("dataYear").GetInt32().ShouldBe(2023);
        body.GetProperty("appliesToDataYear").GetBoolean().ShouldBeTrue();
        var table = body.GetProperty("table");
        var grid = table.GetProperty("gridFactors").EnumerateArray()
            .Select(g => (g.GetProperty("dataYear").GetString(), g.GetProperty("series").GetString(), g.GetProperty("region").GetString(),
                g.GetProperty("tco2PerMwh").GetProperty("value").GetDecimal()))
            .ToList();
        grid.ShouldContain(("2022+", "ets_reporting", "national", 0.5703m));
        grid.ShouldContain(("2023", "average_power", "inner_mongolia", 0.6479m));
        grid.Count.ShouldBe(5);
        table.GetProperty("allocation").GetProperty("benchmarks").EnumerateArray().ShouldAllBe(b => b.GetProperty("period").GetString() == "2023");
        table.GetProperty("allocation").GetProperty("formula").EnumerateObject().Select(f => f.Name)
            .ShouldBe(["2023-2024", "pre_allocation", "shortfall_cap"], ignoreOrder: true);
        table.GetProperty("allocation").GetProperty("loadCorrection").GetArrayLength().ShouldBe(2);
        table.GetProperty("heatFactor").GetProperty("tco2PerGj").GetProperty("value").GetDecimal().ShouldBe(0.11m);
    }

    [Fact]
    public async Task a_data_year_before_any_version_is_404_and_malformed_parameters_are_400()
    {
        var drc = await registry.ClientAsync("drc", "en");

        var problem = await (await drc.GetAsync("/api/v1/factors?dataYear=2015")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await drc.GetAsync("/api/v1/factors?version=99")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        (await (await drc.GetAsync("/api/v1/factors?version=one")).ShouldBeProblemAsync(HttpStatusCode.BadRequest)).ShouldNameField("version", "version_format");
        (await (await drc.GetAsync("/api/v1/factors?dataYear=20x3")).ShouldBeProblemAsync(HttpStatusCode.BadRequest)).ShouldNameField("dataYear", "year");

        problem.GetProperty("detail").GetString()!.ShouldContain("2019");
    }

    [Fact]
    public async Task the_drc_publishes_a_version_from_a_data_year_and_earlier_versions_stay_readable()
    {
        var drc = await registry.ClientAsync("drc");
        var table = JsonNode.Parse(FactorTable.SeedJson())!;
        table["grid_factors"]!.AsArray().Add(JsonNode.Parse("""
            {"data_year": "2040", "series": "average_power", "region": "inner_mongolia", "tco2_per_mwh": 0.5, "source": "test publication"}
            """));

        var published = await drc.PostAsJsonAsync("/api/v1/factors", new { effectiveFromDataYear = 2040, note = "测试版本", table });
        var again = await drc.PostAsJsonAsync("/api/v1/factors", new { effectiveFromDataYear = 2040, note = "测试版本", table });

        published.StatusCode.ShouldBe(HttpStatusCode.Created, await published.Content.ReadAsStringAsync());
        published.Headers.Location!.ToString().ShouldBe("/api/v1/factors?version=2");
        again.Headers.ETag!.Tag.ShouldBe(published.Headers.ETag!.Tag);
        var for2039 = await (await drc.GetAsync("/api/v1/factors?dataYear=2039")).JsonAsync();
        var for2040 = await (await drc.GetAsync("/api/v1/factors?dataYear=2040")).JsonAsync();
        var version1For2040 = await (await drc.GetAsync("/api/v1/factors?version=1&dataYear=2040")).JsonAsync();
        for2039.GetProperty("version").GetInt32().ShouldBe(1);
        for2040.GetProperty("version").GetInt32().ShouldBe(2);
        for2040.GetProperty("table").GetProperty("gridFactors").EnumerateArray()
            .ShouldContain(g => g.GetProperty("source").GetString() == "test publication");
        version1For2040.GetProperty("appliesToDataYear").GetBoolean().ShouldBeFalse();
        version1For2040.GetProperty("table").GetProperty("gridFactors").EnumerateArray()
            .ShouldNotContain(g => g.GetProperty("source").GetString() == "test publication");
        var versions = await (await drc.GetAsync("/api/v1/factors/versions")).JsonAsync();
        versions.GetProperty("items").EnumerateArray().Select(v => v.GetProperty("version").GetInt32()).ShouldBe([1, 2]);
        (await registry.CountAsync("select count(*) from eventstore.events where stream_id = 'factor-table'")).ShouldBe(2);
    }

    [Fact]
    public async Task a_table_that_fails_a_check_is_400_naming_the_field_in_the_files_terms()
    {
        var drc = await registry.ClientAsync("drc", "en");
        async Task<JsonElement> Refused(Action<JsonNode> change)
        {
            var table = JsonNode.Parse(FactorTable.SeedJson())!;
            change(table);
            return await (await drc.PostAsJsonAsync("/api/v1/factors", new { effectiveFromDataYear = 2041, table })).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        }

        (await Refused(t => t["fuels"]![1]!["ncv_gj_per_unit"] = -1)).ShouldNameField("table.fuels[anthracite].ncv_gj_per_unit", "negative");
        (await Refused(t => t["fuels"]![1]!["oxidation_rate"] = "about one")).ShouldNameField("table.fuels[1].oxidation_rate", "format");
        (await Refused(t => t["fuels"]![1]!["colour"] = "black")).ShouldNameField("table.fuels[1].colour", "format");
        (await Refused(t => t["fuels"]![1]!["source"] = "")).ShouldNameField("table.fuels[1].source", "not_empty");
        (await Refused(t => t["grid_factors"]![0]!["data_year"] = "2019-2021")).ShouldNameField("table.grid_factors", "overlap");
        (await Refused(t => t["allocation"]!["benchmarks"]![0]!["period"] = "twenty")).ShouldNameField("table.allocation.benchmarks[0].period", "year_range");
        (await Refused(t => t.AsObject().Remove("heat_factor"))).ShouldNameField("table", "format");
        (await registry.CountAsync("select count(*) from eventstore.events where stream_id = 'factor-table'")).ShouldBeLessThanOrEqualTo(2);
    }

    [Fact]
    public async Task only_the_drc_publishes_factor_tables()
    {
        var baotou = await registry.ClientAsync("league-baotou");

        var response = await baotou.PostAsJsonAsync("/api/v1/factors", new { effectiveFromDataYear = 2042, table = JsonNode.Parse(FactorTable.SeedJson()) });

        await response.ShouldBeProblemAsync(HttpStatusCode.Forbidden);
    }
}
