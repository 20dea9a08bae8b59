using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Mrv.Registry.Tests.Accounting;

public sealed class CalculatorTests(RegistryFixture registry) : IClassFixture<RegistryFixture>
{
    /// <summary>The request of issue 5, byte for byte.</summary>
    const string IssueExample = """
        {"dataYear": 2023, "sources": [{"id": "boiler-1", "kind": "fuel", "fuel": "bituminous", "quantity": 1000, "unit": "t", "ncvGjPerUnit": null, "carbonContentTcPerGj": null, "meter": {"calibrated": true, "requiredAccuracy": 0.02, "actualAccuracy": null}}, {"id": "grid", "kind": "electricity", "quantityMwh": 500}, {"id": "steam", "kind": "heat", "quantityGj": 1000}, {"id": "kiln", "kind": "process", "material": "portland_clinker", "quantity": 1000, "unit": "t"}]}
        """;

    async Task<HttpResponseMessage> CalculateAsync(string json, string user = "enterprise-demo", string? language = null) =>
        await (await registry.ClientAsync(user, language)).PostAsync("/api/v1/accounting/calculate", new StringContent(json, Encoding.UTF8, "application/json"));

    static decimal Kg(decimal tonnes) => Math.Round(tonnes, 3, MidpointRounding.AwayFromZero);

    [Fact]
    public async Task the_issue_example_answers_totals_by_scope_and_an_explained_line_per_source()
    {
        var response = await CalculateAsync(IssueExample, language: "en");

        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var result = await response.JsonAsync();
        var boiler = Kg(1_000m * 19.57m * 0.0261m * 0.93m * 44m / 12m);
        var grid = 500m * 0.5703m;
        var steam = 1_000m * 0.11m;
        var kiln = 1_000m * 0.535m;
        result.GetProperty("factorTableVersion").GetInt32().ShouldBe(1);
        result.GetProperty("totalTco2").GetDecimal().ShouldBe(boiler + grid + steam + kiln);
        result.GetProperty("directTco2").GetDecimal().ShouldBe(boiler + kiln);
        result.GetProperty("indirectTco2").GetDecimal().ShouldBe(grid + steam);
        result.GetProperty("energyTce").GetDecimal().ShouldBe(Kg(1_000m * 19.57m / 29.3076m) + 500m * 0.1229m + 1_000m * 0.03412m);
        var lines = result.GetProperty("lines").EnumerateArray().ToList();
        lines.Select(l => l.GetProperty("sourceId").GetString()).ShouldBe(["boiler-1", "grid", "steam", "kiln"]);
        lines[0].GetProperty("tco2").GetDecimal().ShouldBe(1_741.750m);
        lines[0].GetProperty("unconfirmed").GetBoolean().ShouldBeFalse();
        lines[0].GetProperty("explanation").GetString()!.ShouldContain("fuels[bituminous].oxidation_rate (v1)");
        lines[1].GetProperty("explanation").GetString()!.ShouldContain("0.5703");
        lines[3].GetProperty("tce").GetDecimal().ShouldBe(0m);
    }

    [Fact]
    public async Task explanations_are_in_chinese_by_default()
    {
        var result = await (await CalculateAsync(IssueExample, user: "drc")).JsonAsync();

        result.GetProperty("lines")[0].GetProperty("explanation").GetString()!.ShouldContain("燃料燃烧（烟煤）");
    }

    [Fact]
    public async Task unknown_codes_and_units_are_400s_naming_the_field()
    {
        var unknownFuel = await CalculateAsync("""{"dataYear": 2023, "sources": [{"id": "a", "kind": "fuel", "fuel": "unobtainium", "quantity": 1, "unit": "t"}]}""", language: "en");
        var wrongUnit = await CalculateAsync("""{"dataYear": 2023, "sources": [{"id": "a", "kind": "fuel", "fuel": "natural_gas", "quantity": 1, "unit": "t"}]}""");
        var unknownMaterial = await CalculateAsync("""{"dataYear": 2023, "sources": [{"id": "a", "kind": "process", "material": "kryptonite", "quantity": 1, "unit": "t"}]}""");
        var unknownKind = await CalculateAsync("""{"dataYear": 2023, "sources": [{"id": "a", "kind": "nuclear", "quantity": 1}]}""");
        var negative = await CalculateAsync("""{"dataYear": 2023, "sources": [{"id": "a", "kind": "electricity", "quantityMwh": -5}]}""");
        var absurdNcv = await CalculateAsync("""{"dataYear": 2023, "sources": [{"id": "a", "kind": "fuel", "fuel": "bituminous", "quantity": 1, "unit": "t", "ncvGjPerUnit": 19570}]}""");
        var noTable = await CalculateAsync("""{"dataYear": 2015, "sources": [{"id": "a", "kind": "electricity", "quantityMwh": 5}]}""");

        (await unknownFuel.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).ShouldNameField("sources[0].fuel", "fuel_unknown").ShouldContain("unobtainium");
        (await wrongUnit.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).ShouldNameField("sources[0].unit", "unit_mismatch").ShouldContain("10^4 Nm3");
        (await unknownMaterial.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).ShouldNameField("sources[0].material", "material_unknown");
        (await unknownKind.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).ShouldNameField("sources[0].kind", "kind_unknown");
        (await negative.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).ShouldNameField("sources[0].quantityMwh", "quantity_range");
        (await absurdNcv.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).ShouldNameField("sources[0].ncvGjPerUnit", "ncv_range");
        (await noTable.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).ShouldNameField("dataYear", "no_factor_table");
    }

    [Fact]
    public async Task an_uncalibrated_meter_without_its_required_accuracy_is_refused_and_with_it_adjusted()
    {
        var refused = await CalculateAsync("""{"dataYear": 2024, "sources": [{"id": "a", "kind": "electricity", "quantityMwh": 100, "meter": {"calibrated": false}}]}""");
        var adjusted = await CalculateAsync("""{"dataYear": 2024, "sources": [{"id": "a", "kind": "electricity", "quantityMwh": 100, "meter": {"calibrated": false, "requiredAccuracy": 0.005}}]}""");

        (await refused.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).ShouldNameField("sources[0].meter.requiredAccuracy", "required_for_adjustment");
        var line = (await adjusted.JsonAsync()).GetProperty("lines")[0];
        line.GetProperty("quantityUsed").GetDecimal().ShouldBe(100.5m);
        line.GetProperty("tco2").GetDecimal().ShouldBe(Kg(100.5m * 0.5703m));
        line.GetProperty("adjustment").GetProperty("multiplier").GetDecimal().ShouldBe(1.005m);
    }

    [Fact]
    public async Task an_unconfirmed_factor_is_flagged_and_its_figure_left_out_never_invented()
    {
        var result = await (await CalculateAsync("""{"dataYear": 2023, "sources": [{"id": "raw", "kind": "fuel", "fuel": "raw_coal", "quantity": 1000, "unit": "t"}]}""")).JsonAsync();

        var line = result.GetProperty("lines")[0];
        line.GetProperty("unconfirmed").GetBoolean().ShouldBeTrue();
        line.GetProperty("tco2").ValueKind.ShouldBe(JsonValueKind.Null);
        line.GetProperty("missing").GetArrayLength().ShouldBe(2);
        result.GetProperty("unconfirmed").GetBoolean().ShouldBeTrue();
        result.GetProperty("totalTco2").GetDecimal().ShouldBe(0m);
    }

    [Fact]
    public async Task the_calculator_needs_a_signed_in_user()
    {
        var response = await registry.Anonymous().PostAsJsonAsync("/api/v1/accounting/calculate", JsonDocument.Parse(IssueExample).RootElement);

        await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
    }
}
