using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Mrv.Registry.Enterprises;
using Xunit.Abstractions;

namespace Mrv.Registry.Tests.Enterprises;

public sealed class ImportTests(RegistryFixture registry, ITestOutputHelper output) : IClassFixture<RegistryFixture>
{
    const string Header = "credit_code,name_zh,name_en,league_code,county_code,industry,gbt4754_code,address,contact_name,contact_phone,covered_year,covered_basis";

    static ImportTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    static string Row(string code, string nameZh = "乌海导入测试电石化工有限公司", string league = "150300", string county = "150303",
        string coveredYear = "", string coveredBasis = "") =>
        $"{code},{nameZh},\"Wuhai Import Test Co., Ltd.\",{league},{county},chemical,2619,内蒙古自治区乌海市海南区测试路8号,王测试,0473-5551234,{coveredYear},{coveredBasis}";

    static string Csv(params string[] rows) => string.Join("\r\n", [Header, .. rows]) + "\r\n";

    async Task<HttpResponseMessage> ImportAsync(byte[] file, string contentType = "text/csv", string user = "drc")
    {
        var client = await registry.ClientAsync(user, "en");
        var content = new ByteArrayContent(file);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return await client.PostAsync("/api/v1/enterprises/import", content);
    }

    static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    static byte[] Gbk(string text) => Encoding.GetEncoding("GB18030").GetBytes(text);

    async Task<JsonElement> EnterpriseAsync(string code) =>
        await (await (await registry.ClientAsync("drc")).GetAsync($"/api/v1/enterprises/{CreditCode.EnterpriseIdFor(code)}")).JsonAsync();

    Task<long> EventsAsync() => registry.CountAsync("select count(*) from eventstore.events");

    static IEnumerable<(int Row, string Column, string Rule)> Errors(JsonElement problem) =>
        problem.GetProperty("rows").EnumerateArray()
            .Select(e => (e.GetProperty("row").GetInt32(), e.GetProperty("column").GetString()!, e.GetProperty("rule").GetString()!));

    [Fact]
    public async Task a_utf8_file_registers_every_row_and_its_covered_year_and_counts_them()
    {
        string[] codes = [TestEnterprises.NewCreditCode("150303"), TestEnterprises.NewCreditCode("150303"), TestEnterprises.NewCreditCode("150303")];

        var response = await ImportAsync(Utf8(Csv(Row(codes[0]), Row(codes[1], coveredYear: "2024", coveredBasis: "energy"), Row(codes[2]))));

        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var result = await response.JsonAsync();
        result.GetProperty("rows").GetInt32().ShouldBe(3);
        result.GetProperty("created").GetInt32().ShouldBe(3);
        result.GetProperty("unchanged").GetInt32().ShouldBe(0);
        result.GetProperty("coveredListEntries").GetInt32().ShouldBe(1);
        var covered = await EnterpriseAsync(codes[1]);
        covered.GetProperty("nameEn").GetString().ShouldBe("Wuhai Import Test Co., Ltd.");
        covered.GetProperty("coveredList")[0].GetProperty("basis").GetString().ShouldBe("energy");
    }

    [Fact]
    public async Task a_gbk_file_as_chinese_excel_saves_it_is_detected_and_imported()
    {
        var code = TestEnterprises.NewCreditCode("150303");

        var response = await ImportAsync(Gbk(Csv(Row(code, nameZh: "乌海市鑫磊电石有限责任公司"))));

        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        (await EnterpriseAsync(code)).GetProperty("nameZh").GetString().ShouldBe("乌海市鑫磊电石有限责任公司");
        (await EnterpriseAsync(code)).GetProperty("address").GetString().ShouldBe("内蒙古自治区乌海市海南区测试路8号");
    }

    [Fact]
    public async Task a_declared_charset_is_honoured_a_utf8_bom_is_skipped_and_an_unknown_charset_is_415()
    {
        var declared = TestEnterprises.NewCreditCode("150303");
        var withBom = TestEnterprises.NewCreditCode("150303");

        var gbk = await ImportAsync(Gbk(Csv(Row(declared, nameZh: "乌海市声明字符集化工有限公司"))), "text/csv; charset=GBK");
        var bom = await ImportAsync([.. Encoding.UTF8.Preamble, .. Utf8(Csv(Row(withBom)))]);
        var unknown = await ImportAsync(Utf8(Csv(Row(TestEnterprises.NewCreditCode()))), "text/csv; charset=ebcdic");
        var notCsv = await ImportAsync(Utf8("{}"), "application/json");

        gbk.StatusCode.ShouldBe(HttpStatusCode.OK, await gbk.Content.ReadAsStringAsync());
        (await EnterpriseAsync(declared)).GetProperty("nameZh").GetString().ShouldBe("乌海市声明字符集化工有限公司");
        bom.StatusCode.ShouldBe(HttpStatusCode.OK, await bom.Content.ReadAsStringAsync());
        (await EnterpriseAsync(withBom)).GetProperty("creditCode").GetString().ShouldBe(withBom);
        await unknown.ShouldBeProblemAsync(HttpStatusCode.UnsupportedMediaType);
        await notCsv.ShouldBeProblemAsync(HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task one_bad_row_in_a_gbk_file_refuses_the_whole_file_listing_every_error_by_row_and_column()
    {
        var good = TestEnterprises.NewCreditCode("150303");
        var valid = TestEnterprises.NewCreditCode("150303");
        var wrongCheck = valid[..17] + CreditCode.Charset[(CreditCode.Charset.IndexOf(valid[17]) + 1) % 31];
        var eventsBefore = await EventsAsync();

        var response = await ImportAsync(Gbk(Csv(
            Row(good),
            Row(wrongCheck),
            Row(TestEnterprises.NewCreditCode("150303"), league: "110000"),
            Row(TestEnterprises.NewCreditCode("150303"), coveredYear: "2024"),
            Row(TestEnterprises.NewCreditCode("150303"), coveredYear: "2024", coveredBasis: "guesswork"))));

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        Errors(problem).ShouldBe(
        [
            (3, "credit_code", "credit_code_check_digit"),
            (4, "league_code", "league_unknown"),
            (5, "covered_basis", "required_with"),
            (6, "covered_basis", "basis_unknown"),
        ]);
        problem.GetProperty("rows")[0].GetProperty("message").GetString()!.ShouldContain("GB 32100");
        (await EventsAsync()).ShouldBe(eventsBefore);
        await (await (await registry.ClientAsync("drc")).GetAsync($"/api/v1/enterprises/{CreditCode.EnterpriseIdFor(good)}"))
            .ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task importing_the_same_file_again_changes_nothing()
    {
        var file = Utf8(Csv(
            Row(TestEnterprises.NewCreditCode("150303"), coveredYear: "2024", coveredBasis: "emissions"),
            Row(TestEnterprises.NewCreditCode("150303"))));
        (await ImportAsync(file)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var eventsBefore = await EventsAsync();

        var again = await (await ImportAsync(file)).JsonAsync();

        again.GetProperty("created").GetInt32().ShouldBe(0);
        again.GetProperty("unchanged").GetInt32().ShouldBe(2);
        again.GetProperty("coveredListEntries").GetInt32().ShouldBe(0);
        (await EventsAsync()).ShouldBe(eventsBefore);
    }

    [Fact]
    public async Task a_row_that_contradicts_a_registered_enterprise_is_409_and_nothing_is_imported()
    {
        var registered = TestEnterprises.NewCreditCode("150303");
        (await ImportAsync(Utf8(Csv(Row(registered))))).StatusCode.ShouldBe(HttpStatusCode.OK);
        var fresh = TestEnterprises.NewCreditCode("150303");
        var eventsBefore = await EventsAsync();

        var response = await ImportAsync(Utf8(Csv(Row(fresh), Row(registered, nameZh: "改了名字的公司"))));

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.Conflict);
        problem.GetProperty("code").GetString().ShouldBe("enterprise.import_conflicts");
        Errors(problem).ShouldBe([(3, "credit_code", "enterprise.credit_code_taken")]);
        (await EventsAsync()).ShouldBe(eventsBefore);
    }

    [Fact]
    public async Task a_missing_an_unknown_or_a_repeated_column_and_a_repeated_credit_code_are_reported()
    {
        var header = await (await ImportAsync(Utf8("credit_code,name_zh,phone\r\n91150303MA0000000X,某公司,123\r\n"))).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        var code = TestEnterprises.NewCreditCode("150303");
        var twice = await (await ImportAsync(Utf8(Csv(Row(code), Row(code))))).ShouldBeProblemAsync(HttpStatusCode.BadRequest);

        Errors(header).ShouldContain((1, "phone", "unknown_column"));
        Errors(header).ShouldContain((1, "contact_phone", "missing_column"));
        Errors(header).ShouldContain((1, "league_code", "missing_column"));
        Errors(header).ShouldNotContain(e => e.Column == "name_en");
        Errors(twice).ShouldBe([(3, "credit_code", "duplicate_in_file")]);
    }

    [Fact]
    public async Task only_the_drc_imports()
    {
        var response = await ImportAsync(Utf8(Csv(Row(TestEnterprises.NewCreditCode("150303")))), user: "league-baotou");

        await response.ShouldBeProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task five_thousand_rows_import_in_well_under_a_minute()
    {
        var counties = new[] { ("150300", "150302"), ("150600", "150622"), ("150200", "150207"), ("152900", "152921") };
        var rows = Enumerable.Range(0, 5_000).Select(i =>
        {
            var (league, county) = counties[i % counties.Length];
            return Row(TestEnterprises.NewCreditCode(county), nameZh: $"批量导入测试第{i}号有限公司", league: league, county: county,
                coveredYear: i % 5 == 0 ? "2025" : "", coveredBasis: i % 5 == 0 ? "emissions" : "");
        });
        var file = Gbk(Csv([.. rows]));

        var clock = Stopwatch.StartNew();
        var response = await ImportAsync(file);
        var first = clock.Elapsed;
        clock.Restart();
        var again = await ImportAsync(file);
        var second = clock.Elapsed;

        output.WriteLine($"5,000-row GB18030 import ({file.Length:N0} bytes): first {first.TotalSeconds:F2} s, re-import {second.TotalSeconds:F2} s");
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var result = await response.JsonAsync();
        result.GetProperty("created").GetInt32().ShouldBe(5_000);
        result.GetProperty("coveredListEntries").GetInt32().ShouldBe(1_000);
        (await again.JsonAsync()).GetProperty("unchanged").GetInt32().ShouldBe(5_000);
        first.ShouldBeLessThan(TimeSpan.FromSeconds(30));
        (await (await (await registry.ClientAsync("drc")).GetAsync("/api/v1/public/covered-list/2025")).JsonAsync()).GetProperty("total").GetInt32().ShouldBe(1_000);
    }
}
