using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Mrv.Registry.Demo;

namespace Mrv.Registry.Tests.Enterprises;

public sealed class CoveredListTests(RegistryFixture registry) : IClassFixture<RegistryFixture>
{
    [Fact]
    public async Task the_drc_includes_an_enterprise_and_removes_it_with_a_reason()
    {
        var drc = await registry.ClientAsync("drc");
        var registration = TestEnterprises.Registration(nameZh: "纳入测试钢铁有限公司");
        var id = await TestEnterprises.RegisterAsync(drc, registration);

        var included = await drc.PostAsJsonAsync($"/api/v1/enterprises/{id}/covered-list/2030", new { basis = "emissions", annualEmissionsTco2 = 31_250.5m });
        var listed = await (await registry.Anonymous().GetAsync("/api/v1/public/covered-list/2030")).JsonAsync();
        var removed = await drc.PostAsJsonAsync($"/api/v1/enterprises/{id}/covered-list/2030/remove", new { reason = "below_threshold_two_years" });
        var afterwards = await (await registry.Anonymous().GetAsync("/api/v1/public/covered-list/2030")).JsonAsync();

        included.StatusCode.ShouldBe(HttpStatusCode.OK, await included.Content.ReadAsStringAsync());
        (await included.JsonAsync()).GetProperty("annualEmissionsTco2").GetDecimal().ShouldBe(31_250.5m);
        var row = listed.Items().Single();
        row.GetProperty("creditCode").GetString().ShouldBe((string)registration["creditCode"]!);
        row.GetProperty("nameZh").GetString().ShouldBe("纳入测试钢铁有限公司");
        row.GetProperty("leagueNameZh").GetString().ShouldBe("包头市");
        row.GetProperty("basis").GetString().ShouldBe("emissions");
        removed.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await removed.JsonAsync()).GetProperty("removalReason").GetString().ShouldBe("below_threshold_two_years");
        afterwards.GetProperty("total").GetInt32().ShouldBe(0);
        var entry = (await (await drc.GetAsync($"/api/v1/enterprises/{id}")).JsonAsync()).GetProperty("coveredList").EnumerateArray().Single();
        entry.GetProperty("status").GetString().ShouldBe("removed");
    }

    [Theory]
    [InlineData("emissions", "annualEmissionsTco2", 25_999.9)]
    [InlineData("energy", "energyConsumptionTce", 9_999)]
    public async Task an_inclusion_on_a_figure_below_its_threshold_is_400(string basis, string field, double figure)
    {
        var drc = await registry.ClientAsync("drc", "en");
        var body = new Dictionary<string, object> { ["basis"] = basis, [field] = (decimal)figure };

        var response = await drc.PostAsJsonAsync($"/api/v1/enterprises/{DemoData.DemoEnterpriseId}/covered-list/2031", body);

        (await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).ShouldNameField(field, "below_threshold");
    }

    [Fact]
    public async Task including_again_on_the_same_basis_changes_nothing_and_on_another_basis_is_409()
    {
        var drc = await registry.ClientAsync("drc", "en");
        var id = await TestEnterprises.RegisterAsync(drc, TestEnterprises.Registration());

        var first = await drc.PostAsJsonAsync($"/api/v1/enterprises/{id}/covered-list/2032", new { basis = "energy" });
        var repeat = await drc.PostAsJsonAsync($"/api/v1/enterprises/{id}/covered-list/2032", new { basis = "energy" });
        var other = await drc.PostAsJsonAsync($"/api/v1/enterprises/{id}/covered-list/2032", new { basis = "emissions" });

        repeat.Headers.ETag!.Tag.ShouldBe(first.Headers.ETag!.Tag);
        (await other.ShouldBeProblemAsync(HttpStatusCode.Conflict)).GetProperty("code").GetString().ShouldBe("covered_list.already_included");
        (await registry.CountAsync($"select count(*) from eventstore.events where stream_id = 'enterprise-{id}' and type = 'covered_list_included.v1'")).ShouldBe(1);
    }

    [Fact]
    public async Task removing_an_enterprise_that_is_not_on_the_list_is_409_and_a_bad_reason_is_400()
    {
        var drc = await registry.ClientAsync("drc");

        var notListed = await drc.PostAsJsonAsync($"/api/v1/enterprises/{DemoData.DemoEnterpriseId}/covered-list/2019/remove", new { reason = "closed" });
        var noNote = await drc.PostAsJsonAsync($"/api/v1/enterprises/{DemoData.DemoEnterpriseId}/covered-list/2024/remove", new { reason = "other" });
        var badYear = await drc.PostAsJsonAsync($"/api/v1/enterprises/{DemoData.DemoEnterpriseId}/covered-list/1999", new { basis = "emissions" });

        (await notListed.ShouldBeProblemAsync(HttpStatusCode.Conflict)).GetProperty("code").GetString().ShouldBe("covered_list.not_included");
        (await noNote.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).ShouldNameField("note", "required_for_reason");
        (await badYear.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).ShouldNameField("year", "year");
    }

    [Fact]
    public async Task only_the_drc_keeps_the_covered_list()
    {
        var baotou = await registry.ClientAsync("league-baotou");

        var response = await baotou.PostAsJsonAsync($"/api/v1/enterprises/{DemoData.DemoEnterpriseId}/covered-list/2033", new { basis = "emissions" });

        await response.ShouldBeProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task the_public_list_of_a_year_is_anonymous_json_with_the_demo_power_plants()
    {
        var anonymous = registry.Anonymous();
        var powerPlants = DemoEnterprises.All.Where(d => d.Kind == DemoEnterprises.CoalPower).ToList();

        var list2023 = await (await anonymous.GetAsync("/api/v1/public/covered-list/2023")).JsonAsync();
        var list2024 = await (await anonymous.GetAsync("/api/v1/public/covered-list/2024")).JsonAsync();

        list2023.Items().Select(r => r.GetProperty("creditCode").GetString()).ShouldBe(powerPlants.Select(p => p.CreditCode), ignoreOrder: true);
        list2024.Items().Select(r => r.GetProperty("creditCode").GetString()).ShouldNotContain(DemoEnterprises.ClosedPlant.CreditCode);
        list2024.Items().Select(r => r.GetProperty("industry").GetString()).Distinct().Order().ShouldBe(["building_materials", "nonferrous", "power", "steel"]);
    }

    [Fact]
    public async Task the_public_list_is_csv_for_accept_text_csv_and_opens_as_utf8()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/public/covered-list/2023");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/csv"));

        var response = await registry.Anonymous().SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
        var bytes = await response.Content.ReadAsByteArrayAsync();
        bytes.Take(3).ShouldBe(new byte[] { 0xEF, 0xBB, 0xBF });
        var lines = Encoding.UTF8.GetString(bytes.AsSpan(3)).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        lines[0].ShouldBe("credit_code,name_zh,name_en,league_code,league_name_zh,industry,basis");
        lines.Length.ShouldBe(1 + DemoEnterprises.All.Count(d => d.Kind == DemoEnterprises.CoalPower));
        var demo = DemoEnterprises.All[0];
        lines.ShouldContain($"{demo.CreditCode},{demo.Registration(0).NameZh},\"{demo.Registration(0).NameEn}\",150200,包头市,power,emissions");
    }

    [Fact]
    public async Task a_league_sets_the_wanjia_tier_of_its_own_enterprises_but_never_the_qianjia_tier()
    {
        var baotou = await registry.ClientAsync("league-baotou");
        var drc = await registry.ClientAsync("drc");
        var id = await TestEnterprises.RegisterAsync(drc, TestEnterprises.Registration());

        var wanjia = await baotou.PostAsJsonAsync($"/api/v1/enterprises/{id}/key-energy-unit", new { tier = "wanjia", fromYear = 2025 });
        var qianjia = await baotou.PostAsJsonAsync($"/api/v1/enterprises/{id}/key-energy-unit", new { tier = "qianjia", fromYear = 2025 });
        var byDrc = await drc.PostAsJsonAsync($"/api/v1/enterprises/{id}/key-energy-unit", new { tier = "qianjia", fromYear = 2026 });
        var takeAway = await baotou.PostAsJsonAsync($"/api/v1/enterprises/{id}/key-energy-unit", new { tier = "none", fromYear = 2027 });

        wanjia.StatusCode.ShouldBe(HttpStatusCode.OK);
        await qianjia.ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        (await byDrc.JsonAsync()).GetProperty("keyEnergyUnit").GetProperty("tier").GetString().ShouldBe("qianjia");
        await takeAway.ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        (await (await drc.GetAsync($"/api/v1/enterprises/{id}")).JsonAsync()).GetProperty("keyEnergyUnit").GetProperty("fromYear").GetInt32().ShouldBe(2026);
    }
}
