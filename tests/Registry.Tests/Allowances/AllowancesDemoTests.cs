using System.Net;
using Mrv.Registry.Allowances.Accounts;
using Mrv.Registry.Demo;

namespace Mrv.Registry.Tests.Allowances;

public sealed class AllowancesDemoTests(RegistryFixture registry) : IClassFixture<RegistryFixture>
{
    [Fact]
    public async Task the_demo_2023_has_compliant_and_short_enterprises_on_the_board_and_penalty_cases_for_the_short_ones()
    {
        await registry.WaitForProjectionsAsync();
        var drc = await registry.ClientAsync("drc", "en");

        var board = await (await drc.GetAsync("/api/v1/compliance/2023")).JsonAsync();
        var cases = await (await drc.GetAsync("/api/v1/penalty-cases?year=2023")).JsonAsync();
        var published = await (await registry.Anonymous().GetAsync("/api/v1/public/compliance/2023")).JsonAsync();

        var counts = board.GetProperty("counts");
        counts.GetProperty("compliant").GetInt32().ShouldBe(4);
        counts.GetProperty("shortfall").GetInt32().ShouldBe(2);
        counts.GetProperty("not_yet_determined").GetInt32().ShouldBe(DemoEnterprises.All.Count(d => d.Kind == DemoEnterprises.CoalPower) - 6);
        cases.GetProperty("total").GetInt64().ShouldBe(2);
        cases.GetProperty("items").EnumerateArray().ShouldContain(c => c.GetProperty("status").GetString() == "fine_decided");
        published.GetProperty("published").GetBoolean().ShouldBeTrue();
        published.GetProperty("items").EnumerateArray().Count(r => r.GetProperty("status").GetString() == "shortfall").ShouldBe(2);
        board.GetProperty("items").EnumerateArray().Where(r => r.GetProperty("status").GetString() == "shortfall")
            .ShouldAllBe(r => r.GetProperty("penaltyCase").GetBoolean());
    }

    [Fact]
    public async Task the_demo_login_sees_its_account_with_its_2023_allocation_a_sale_its_surrender_and_its_2024_pre_allocation()
    {
        var client = await registry.ClientAsync("enterprise-demo", "en");

        var account = await (await client.GetAsync($"/api/v1/allowances/accounts/{DemoData.DemoEnterpriseId}")).JsonAsync();
        var transfers = await (await client.GetAsync($"/api/v1/allowances/transfers?accountId={DemoData.DemoEnterpriseId}")).JsonAsync();
        var province = await client.GetAsync($"/api/v1/allowances/accounts/{AllowanceAccount.ProvinceId}");

        account.GetProperty("allocations").EnumerateArray().Select(a => (a.GetProperty("year").GetInt32(), a.GetProperty("phase").GetString()))
            .ShouldBe([(2023, "final"), (2024, "pre_allocation")]);
        account.GetProperty("surrenders").GetArrayLength().ShouldBe(1);
        AllowanceWorld.HeldOf(account, 2024).ShouldBeGreaterThan(0);
        var sale = transfers.GetProperty("items").EnumerateArray().Single();
        sale.GetProperty("status").GetString().ShouldBe("completed");
        sale.GetProperty("reference").GetString()!.ShouldStartWith("SEEE-");
        await province.ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task the_demo_allocations_were_computed_by_drc_and_approved_by_the_second_drc_login_with_the_shortfall_deducted_the_next_year()
    {
        var drc = await registry.ClientAsync("drc", "en");

        var tables = await (await drc.GetAsync("/api/v1/allowances/allocation-tables?status=issued")).JsonAsync();
        var all = await (await drc.GetAsync("/api/v1/allowances/transfers")).JsonAsync();
        var pre2024 = tables.GetProperty("items").EnumerateArray().Single(t => t.GetProperty("year").GetInt32() == 2024);
        var table = await (await drc.GetAsync($"/api/v1/allowances/allocation-tables/{pre2024.GetProperty("id").GetGuid()}")).JsonAsync();

        tables.GetProperty("total").GetInt64().ShouldBe(2);
        tables.GetProperty("items").EnumerateArray().ShouldAllBe(t => t.GetProperty("computedBy").GetString() == "drc" && t.GetProperty("approvedBy").GetString() == "drc-reviewer");
        all.GetProperty("items").EnumerateArray().Count(t => t.GetProperty("status").GetString() == "completed").ShouldBeGreaterThanOrEqualTo(2);
        all.GetProperty("items").EnumerateArray().Count(t => t.GetProperty("status").GetString() == "cancelled").ShouldBe(1);
        table.GetProperty("entries").EnumerateArray().Count(e => e.GetProperty("penaltyDeduction").GetInt64() > 0).ShouldBe(1);
        table.GetProperty("problems").EnumerateArray().Single().GetProperty("code").GetString().ShouldBe("allocation.not_covered");
    }
}
