using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Mrv.Registry.Tests.Monitoring;

namespace Mrv.Registry.Tests.Activity;

public sealed class MonthlyImportTests(RegistryFixture registry) : IClassFixture<RegistryFixture>
{
    const string Header = "month,source_code,product,quantity,unit,ncv_gj_per_unit,carbon_content_tc_per_gj,meter_calibrated,meter_actual_accuracy";

    static MonthlyImportTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    static IEnumerable<string> MonthRows(int month, decimal coal = 10_000m, string calibrated = "") =>
    [
        $"{month},COAL,,{coal},t,21.1,0.0263,{calibrated},",
        $"{month},GRID,,2000,MWh,,,,",
        $"{month},CLINKER,,60000,t,,,,",
        $"{month},,clinker,60000,t,,,,",
    ];

    static string Csv(IEnumerable<string> rows) => string.Join("\r\n", [Header, .. rows]) + "\r\n";

    static async Task<HttpResponseMessage> UploadAsync(HttpClient client, Guid id, byte[] file, string query = "")
    {
        var content = new ByteArrayContent(file);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse("text/csv");
        return await client.PostAsync($"/api/v1/enterprises/{id}/activity/2025/import{query}", content);
    }

    static IEnumerable<(int Row, string Column, string Rule)> Errors(JsonElement problem) =>
        problem.GetProperty("rows").EnumerateArray()
            .Select(e => (e.GetProperty("row").GetInt32(), e.GetProperty("column").GetString()!, e.GetProperty("rule").GetString()!));

    Task<long> EventsOfAsync(Guid id) => registry.CountAsync($"select count(*) from eventstore.events where stream_id = 'activity-{id}-2025'");

    [Fact]
    public async Task a_years_file_records_every_month_in_one_append_and_again_records_nothing()
    {
        var plant = await PlannedEnterprises.CreateAsync(registry);
        var file = Encoding.UTF8.GetBytes(Csv(Enumerable.Range(1, 12).SelectMany(m => MonthRows(m))));

        var response = await UploadAsync(plant.Enterprise, plant.Id, file);
        var again = await UploadAsync(plant.Enterprise, plant.Id, file);

        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var result = await response.JsonAsync();
        result.GetProperty("rows").GetInt32().ShouldBe(48);
        result.GetProperty("recorded").GetInt32().ShouldBe(12);
        result.GetProperty("lateMonths").GetArrayLength().ShouldBe(12, "the test clock stands at 1 March 2026, after every 2025 due day");
        (await again.JsonAsync()).GetProperty("unchanged").GetInt32().ShouldBe(12);
        (await EventsOfAsync(plant.Id)).ShouldBe(12);
        (await registry.CountAsync($"select count(distinct recorded_at) from eventstore.events where stream_id = 'activity-{plant.Id}-2025'")).ShouldBe(1);
    }

    [Fact]
    public async Task a_gb18030_file_with_chinese_yes_and_no_is_read()
    {
        var plant = await PlannedEnterprises.CreateAsync(registry);
        var file = Encoding.GetEncoding("GB18030").GetBytes(Csv(MonthRows(1, calibrated: "否")));

        var response = await UploadAsync(plant.Enterprise, plant.Id, file);

        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var month = await (await plant.Enterprise.GetAsync($"/api/v1/enterprises/{plant.Id}/activity/2025/1")).JsonAsync();
        month.GetProperty("data").GetProperty("sources")[0].GetProperty("meterCalibrated").GetBoolean().ShouldBeFalse();
    }

    [Fact]
    public async Task a_utf8_file_with_a_bom_is_read()
    {
        var plant = await PlannedEnterprises.CreateAsync(registry);

        var response = await UploadAsync(plant.Enterprise, plant.Id, [.. Encoding.UTF8.Preamble, .. Encoding.UTF8.GetBytes(Csv(MonthRows(2)))]);

        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task any_bad_row_refuses_the_whole_file_listing_every_error_by_row_and_column()
    {
        var plant = await PlannedEnterprises.CreateAsync(registry);
        string[] rows =
        [
            .. MonthRows(1),
            "2,GRID,,2000,kWh,,,,",
            "3,COAL,,lots,t,21,0.026,,",
            "13,GRID,,1,MWh,,,,",
            "4,NOPE,,1,t,,,,",
            "1,GRID,,2000,MWh,,,,",
            "5,GRID,clinker,1,MWh,,,,",
            "6,COAL,,100,t,,,,",
        ];

        var response = await UploadAsync(plant.Enterprise, plant.Id, Encoding.UTF8.GetBytes(Csv(rows)));

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        var errors = Errors(problem).ToList();
        errors.ShouldContain((6, "unit", "unit_mismatch"));
        errors.ShouldContain((7, "quantity", "number"));
        errors.ShouldContain((8, "month", "month"));
        errors.ShouldContain((9, "source_code", "source_not_in_plan"));
        errors.ShouldContain((10, "source_code", "duplicate_in_file"));
        errors.ShouldContain((11, "product", "source_or_product"));
        errors.ShouldContain((12, "ncv_gj_per_unit", "measured_required"));
        errors.ShouldNotContain(e => e.Row >= 2 && e.Row <= 5);
        problem.GetProperty("rows")[0].GetProperty("message").GetString().ShouldNotBeNullOrWhiteSpace();
        (await EventsOfAsync(plant.Id)).ShouldBe(0);
    }

    [Fact]
    public async Task an_unknown_column_or_another_content_type_is_refused()
    {
        var plant = await PlannedEnterprises.CreateAsync(registry);

        var unknown = await UploadAsync(plant.Enterprise, plant.Id, Encoding.UTF8.GetBytes("month,source,quantity,unit\r\n1,COAL,1,t\r\n"));
        var json = await plant.Enterprise.PostAsync($"/api/v1/enterprises/{plant.Id}/activity/2025/import", new StringContent("{}", Encoding.UTF8, "application/json"));

        Errors(await unknown.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).ShouldContain((1, "source", "unknown_column"));
        await json.ShouldBeProblemAsync(HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task the_template_has_a_row_for_each_planned_source_and_product_and_imports_once_filled_in()
    {
        var plant = await PlannedEnterprises.CreateAsync(registry);

        var response = await plant.Enterprise.GetAsync($"/api/v1/enterprises/{plant.Id}/activity/2025/import/template");
        var bytes = await response.Content.ReadAsByteArrayAsync();
        var template = Encoding.UTF8.GetString(bytes[Encoding.UTF8.Preamble.Length..]);
        var filled = template
            .Replace("1,COAL,,,t,,,,", "1,COAL,,10000,t,21.1,0.0263,,")
            .Replace("1,GRID,,,MWh,,,,", "1,GRID,,2000,MWh,,,,")
            .Replace("1,CLINKER,,,t,,,,", "1,CLINKER,,60000,t,,,,")
            .Replace("1,,clinker,,t,,,,", "1,,clinker,60000,t,,,,");

        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
        bytes[..3].ShouldBe(Encoding.UTF8.Preamble.ToArray(), "Excel reads the file as UTF-8 by its BOM");
        template.ShouldBe(Csv(["1,COAL,,,t,,,,", "1,GRID,,,MWh,,,,", "1,CLINKER,,,t,,,,", "1,,clinker,,t,,,,"]));
        (await UploadAsync(plant.Enterprise, plant.Id, Encoding.UTF8.GetBytes(filled))).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task without_an_approved_plan_the_template_is_the_header_alone()
    {
        var plant = await PlannedEnterprises.CreateAsync(registry, approve: false);

        var template = await plant.Enterprise.GetStringAsync($"/api/v1/enterprises/{plant.Id}/activity/2025/import/template");

        template.TrimStart('\uFEFF').ShouldBe(Header + "\r\n");
    }
}
