using System.Net;
using System.Net.Http.Json;
using Mrv.Registry.Demo;
using Mrv.Registry.Enterprises;

namespace Mrv.Registry.Tests.Enterprises;

public sealed class EnterpriseTests(RegistryFixture registry) : IClassFixture<RegistryFixture>
{
    [Fact]
    public async Task the_drc_registers_an_enterprise_and_reads_it_back()
    {
        var drc = await registry.ClientAsync("drc");
        var registration = TestEnterprises.Registration();

        var created = await drc.PostAsJsonAsync("/api/v1/enterprises", registration);

        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var id = CreditCode.EnterpriseIdFor((string)registration["creditCode"]!);
        created.Headers.Location!.ToString().ShouldBe($"/api/v1/enterprises/{id}");
        created.Headers.ETag!.Tag.ShouldBe("\"1\"");
        var fetched = await drc.GetAsync($"/api/v1/enterprises/{id}");
        fetched.Headers.ETag!.Tag.ShouldBe("\"1\"");
        var enterprise = await fetched.JsonAsync();
        enterprise.GetProperty("creditCode").GetString().ShouldBe((string)registration["creditCode"]!);
        enterprise.GetProperty("nameZh").GetString().ShouldBe("测试钢铁有限公司");
        enterprise.GetProperty("countyCode").GetString().ShouldBe("150203");
        enterprise.GetProperty("registeredBy").GetString().ShouldBe("drc");
        enterprise.GetProperty("facilities").GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task a_wrong_check_character_is_400_naming_creditCode()
    {
        var drc = await registry.ClientAsync("drc", "en");
        var valid = TestEnterprises.NewCreditCode();
        var wrong = valid[..17] + CreditCode.Charset[(CreditCode.Charset.IndexOf(valid[17]) + 1) % 31];

        var response = await drc.PostAsJsonAsync("/api/v1/enterprises", TestEnterprises.Registration(wrong));

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        problem.ShouldNameField("creditCode", "credit_code_check_digit").ShouldContain("GB 32100");
        (await registry.CountAsync($"select count(*) from eventstore.streams where id = 'enterprise-{CreditCode.EnterpriseIdFor(wrong)}'")).ShouldBe(0);
    }

    [Theory]
    [InlineData("creditCode", "91150203MA0ABCDE1", "credit_code_length")]
    [InlineData("creditCode", "91150203MA0ABCDEI2", "credit_code_charset")]
    [InlineData("leagueCode", "110000", "league_unknown")]
    [InlineData("countyCode", "150303", "county_not_in_league")]
    [InlineData("countyCode", "150200", "county_not_in_league")]
    [InlineData("industry", "mining", "industry_unknown")]
    [InlineData("gbt4754Code", "C31", "gbt4754_format")]
    [InlineData("contactPhone", "call me", "phone_format")]
    [InlineData("nameZh", "", "not_empty")]
    public async Task a_malformed_field_is_400_naming_it_in_chinese_by_default(string field, string value, string rule)
    {
        var drc = await registry.ClientAsync("drc");
        var registration = TestEnterprises.Registration();
        registration[field] = value;

        var problem = await (await drc.PostAsJsonAsync("/api/v1/enterprises", registration)).ShouldBeProblemAsync(HttpStatusCode.BadRequest);

        problem.GetProperty("title").GetString().ShouldBe("请求内容有误");
        problem.ShouldNameField(field, rule);
    }

    [Fact]
    public async Task a_second_enterprise_with_the_same_credit_code_is_409_and_appends_nothing()
    {
        var drc = await registry.ClientAsync("drc", "en");
        var code = TestEnterprises.NewCreditCode();
        await TestEnterprises.RegisterAsync(drc, TestEnterprises.Registration(code));
        var eventsBefore = await registry.CountAsync("select count(*) from eventstore.events");

        var response = await drc.PostAsJsonAsync("/api/v1/enterprises", TestEnterprises.Registration(code, nameZh: "另一家公司"));

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.Conflict);
        problem.GetProperty("code").GetString().ShouldBe("enterprise.credit_code_taken");
        (await registry.CountAsync("select count(*) from eventstore.events")).ShouldBe(eventsBefore);
    }

    [Fact]
    public async Task a_league_user_registers_enterprises_in_its_own_league_only()
    {
        var baotou = await registry.ClientAsync("league-baotou");

        (await baotou.PostAsJsonAsync("/api/v1/enterprises", TestEnterprises.Registration())).StatusCode.ShouldBe(HttpStatusCode.Created);
        var elsewhere = TestEnterprises.Registration(league: "150600", county: "150622");
        await (await baotou.PostAsJsonAsync("/api/v1/enterprises", elsewhere)).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        (await registry.CountAsync($"select count(*) from eventstore.streams where id = 'enterprise-{CreditCode.EnterpriseIdFor((string)elsewhere["creditCode"]!)}'"))
            .ShouldBe(0);
    }

    [Fact]
    public async Task enterprise_and_verifier_users_cannot_register_and_anonymous_callers_must_sign_in()
    {
        foreach (var user in new[] { "enterprise-demo", "verifier-demo" })
        {
            var client = await registry.ClientAsync(user);
            await (await client.PostAsJsonAsync("/api/v1/enterprises", TestEnterprises.Registration())).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        }
        await (await registry.Anonymous().GetAsync("/api/v1/enterprises")).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task a_league_user_sees_only_its_own_league()
    {
        var baotou = await registry.ClientAsync("league-baotou");
        var ordos = DemoEnterprises.All.First(d => d.LeagueCode == "150600");

        var page = await (await baotou.GetAsync("/api/v1/enterprises?pageSize=500")).JsonAsync();

        page.Items().ShouldNotBeEmpty();
        page.Items().ShouldAllBe(e => e.GetProperty("leagueCode").GetString() == "150200");
        (await (await baotou.GetAsync("/api/v1/enterprises?league=150600")).JsonAsync()).GetProperty("total").GetInt64().ShouldBe(0);
        await (await baotou.GetAsync($"/api/v1/enterprises/{ordos.Id}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        (await baotou.GetAsync($"/api/v1/enterprises/{DemoData.DemoEnterpriseId}")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task the_enterprise_user_sees_its_own_enterprise_and_no_other()
    {
        var enterprise = await registry.ClientAsync("enterprise-demo");
        var neighbour = DemoEnterprises.All[1];

        var own = await (await enterprise.GetAsync($"/api/v1/enterprises/{DemoData.DemoEnterpriseId}")).JsonAsync();
        var page = await (await enterprise.GetAsync("/api/v1/enterprises")).JsonAsync();

        own.GetProperty("creditCode").GetString().ShouldBe(DemoEnterprises.All[0].CreditCode);
        page.GetProperty("total").GetInt64().ShouldBe(1);
        await (await enterprise.GetAsync($"/api/v1/enterprises/{neighbour.Id}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await (await registry.ClientAsync("verifier-demo")).GetAsync($"/api/v1/enterprises/{neighbour.Id}")).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task an_unknown_enterprise_is_404()
    {
        var drc = await registry.ClientAsync("drc");

        await (await drc.GetAsync($"/api/v1/enterprises/{Guid.NewGuid()}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task the_list_filters_by_league_industry_covered_year_and_text_and_pages()
    {
        var drc = await registry.ClientAsync("drc");
        var wuhaiChemicals = DemoEnterprises.All.Count(d => d.LeagueCode == "150300" && d.Kind.Industry == "chemical");
        var covered2023 = DemoEnterprises.All.Count(d => d.Kind.CoveredYears.Contains(2023));

        async Task<System.Text.Json.JsonElement> Page(string query) => await (await drc.GetAsync("/api/v1/enterprises?" + query)).JsonAsync();

        (await Page("league=150300&industry=chemical")).GetProperty("total").GetInt64().ShouldBe(wuhaiChemicals);
        (await Page("covered=2023&pageSize=500")).Items().Select(e => e.GetProperty("industry").GetString()).Distinct().ShouldBe(["power"]);
        (await Page("covered=2023")).GetProperty("total").GetInt64().ShouldBe(covered2023);
        (await Page("q=beichen")).Items().Single().GetProperty("id").GetGuid().ShouldBe(DemoData.DemoEnterpriseId);
        (await Page("q=北辰热电")).Items().Single().GetProperty("id").GetGuid().ShouldBe(DemoData.DemoEnterpriseId);
        (await Page($"q={DemoEnterprises.All[0].CreditCode[..12]}")).Items().Single().GetProperty("id").GetGuid().ShouldBe(DemoData.DemoEnterpriseId);
        (await Page("q=%25")).GetProperty("total").GetInt64().ShouldBe(0);

        var first = await Page("pageSize=10&page=1");
        var second = await Page("pageSize=10&page=2");
        first.Items().Count().ShouldBe(10);
        second.Items().Select(e => e.GetProperty("id").GetGuid()).ShouldNotContain(first.Items().First().GetProperty("id").GetGuid());
        first.GetProperty("total").GetInt64().ShouldBeGreaterThanOrEqualTo(DemoEnterprises.All.Count);
        await (await drc.GetAsync("/api/v1/enterprises?covered=soon")).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task users_are_tied_only_to_a_registered_enterprise_and_then_see_it()
    {
        var drc = await registry.ClientAsync("drc");
        var unknown = Guid.NewGuid();

        var refused = await drc.PostAsJsonAsync("/api/v1/users", new { username = "ent-ghost", password = "password-123", role = "enterprise", enterpriseId = unknown });
        var id = await TestEnterprises.RegisterAsync(drc, TestEnterprises.Registration());
        var created = await drc.PostAsJsonAsync("/api/v1/users", new { username = "ent-staff", password = "password-123", role = "enterprise", enterpriseId = id });

        (await refused.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).ShouldNameField("enterpriseId", "enterprise_unknown");
        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        var staff = await registry.ClientAsync("ent-staff", password: "password-123");
        (await (await staff.GetAsync($"/api/v1/enterprises/{id}")).JsonAsync()).GetProperty("id").GetGuid().ShouldBe(id);
    }
}
