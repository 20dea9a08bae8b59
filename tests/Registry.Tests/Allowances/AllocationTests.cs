using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Mrv.Registry.Allowances.Accounts;
using Mrv.Registry.Tests.Enterprises;

namespace Mrv.Registry.Tests.Allowances;

public sealed class AllocationTests(RegistryFixture registry) : IClassFixture<RegistryFixture>
{
    readonly AllowanceWorld world = new(registry);

    static object PowerTable(int year, string phase, params object[] units) => new { year, phase, method = "power_benchmark", units };

    static async Task<JsonElement> ComputeAsync(HttpClient drc, object request)
    {
        var response = await drc.PostAsJsonAsync("/api/v1/allowances/allocation-tables", request);
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await response.JsonAsync();
    }

    static JsonElement EntryOf(JsonElement table, Guid enterpriseId) =>
        table.GetProperty("entries").EnumerateArray().Single(e => e.GetProperty("enterpriseId").GetGuid() == enterpriseId);

    [Fact]
    public async Task a_2022_unit_gets_the_supply_benchmark_times_supply_and_its_cooling_heat_and_load_corrections_plus_the_heat_benchmark_times_heat()
    {
        var plant = await world.PowerPlantAsync(new PlantYear(2022, GeneratedMwh: 1_200_000m, SuppliedMwh: 1_128_000m, HeatGj: 600_000m, EmissionsTco2: 1_050_000m));
        var drc = await world.DrcAsync();

        var table = await ComputeAsync(drc, PowerTable(2022, "final",
            new { enterpriseId = plant.Id, category = "coal_300mw_plus", cooling = "air", loadFactor = 0.49m, heatRatio = 0.2m }));
        var issued = await world.ApproveAsync(table.GetProperty("id").GetGuid());
        var account = await world.AccountAsync(plant.Id);

        // 2022, coal ≥ 300 MW (国环规气候〔2023〕1号): 0.8177 tCO2/MWh supplied, 0.1105 tCO2/GJ heat; air cooling 1.05;
        // heat 1 − 0.22 × 0.2 = 0.956; load 0.49 → 1.015^6.2 = 1.096704.
        var expected = 0.8177m * 1_128_000m * 1.05m * 0.956m * 1.096704m + 0.1105m * 600_000m;
        expected.ShouldBe(1_081_705.978745733120m);
        var entry = EntryOf(table, plant.Id);
        entry.GetProperty("computedTco2").GetDecimal().ShouldBe(expected);
        entry.GetProperty("target").GetInt64().ShouldBe(1_081_706);
        entry.GetProperty("capRule").GetString().ShouldBe("coal");
        entry.GetProperty("formula").GetString()!.ShouldContain("0.8177 × 1128000 × 1.05 × 0.956 × 1.096704 + 0.1105 × 600000");
        entry.GetProperty("lines").EnumerateArray().Single(l => l.GetProperty("name").GetString() == "B_supply")
            .GetProperty("origin").GetString()!.ShouldContain("allocation.benchmarks[2022/coal_300mw_plus]");
        table.GetProperty("factorTableVersion").GetInt32().ShouldBe(1);
        issued.GetProperty("status").GetString().ShouldBe("issued");
        AllowanceWorld.HeldOf(account, 2022).ShouldBe(1_081_706);
    }

    [Fact]
    public async Task the_pre_allocation_is_70_percent_of_the_prior_years_verified_basis_and_the_true_up_tops_up_a_deficit_and_recovers_a_surplus()
    {
        var steady = await world.PowerPlantAsync(
            new PlantYear(2023, 1_000_000m, 940_000m, 100_000m, 900_000m, Determine: false),
            new PlantYear(2024, 1_000_000m, 940_000m, 100_000m, 900_000m));
        var shrinking = await world.PowerPlantAsync(
            new PlantYear(2023, 1_000_000m, 940_000m, 100_000m, 900_000m, Determine: false),
            new PlantYear(2024, 500_000m, 470_000m, 50_000m, 450_000m));
        var provinceBefore = await ProvinceHeldAsync(2024);
        var drc = await world.DrcAsync();
        object Unit(Holder plant) => new { enterpriseId = plant.Id, category = "coal_300mw_minus", loadFactor = 0.6m };

        var pre = await ComputeAsync(drc, PowerTable(2024, "pre_allocation", Unit(steady), Unit(shrinking)));
        await world.ApproveAsync(pre.GetProperty("id").GetGuid());
        var final = await ComputeAsync(drc, PowerTable(2024, "final", Unit(steady), Unit(shrinking)));
        await world.ApproveAsync(final.GetProperty("id").GetGuid());

        // 2024, coal ≤ 300 MW (国环规气候〔2024〕1号): 0.8049 tCO2/MWh generated, 0.1033 tCO2/GJ; load 0.6 → 1.015^4 = 1.061364.
        var basis2023 = 0.8049m * 1_000_000m * 1.061364m + 0.1033m * 100_000m;
        basis2023.ShouldBe(864_621.8836m);
        EntryOf(pre, steady.Id).GetProperty("computedTco2").GetDecimal().ShouldBe(basis2023);
        EntryOf(pre, steady.Id).GetProperty("share").GetDecimal().ShouldBe(0.7m);
        EntryOf(pre, steady.Id).GetProperty("target").GetInt64().ShouldBe(605_235); // 0.7 × 864,621.8836 = 605,235.32
        EntryOf(pre, steady.Id).GetProperty("lines").EnumerateArray().First(l => l.GetProperty("name").GetString() == "Q_gross_generation")
            .GetProperty("origin").GetString()!.ShouldContain("report 2023 (verified)");

        var shrunk2024 = 0.8049m * 500_000m * 1.061364m + 0.1033m * 50_000m;
        shrunk2024.ShouldBe(432_310.9418m);
        EntryOf(final, steady.Id).GetProperty("toIssue").GetInt64().ShouldBe(864_622 - 605_235);
        EntryOf(final, shrinking.Id).GetProperty("target").GetInt64().ShouldBe(432_311);
        EntryOf(final, shrinking.Id).GetProperty("toIssue").GetInt64().ShouldBe(432_311 - 605_235);

        AllowanceWorld.HeldOf(await world.AccountAsync(steady.Id), 2024).ShouldBe(864_622);
        var shrinkingAccount = await world.AccountAsync(shrinking.Id);
        AllowanceWorld.HeldOf(shrinkingAccount, 2024).ShouldBe(432_311);
        shrinkingAccount.GetProperty("allocations")[1].GetProperty("recovered")[0].GetProperty("quantity").GetInt64().ShouldBe(172_924);
        (await ProvinceHeldAsync(2024) - provinceBefore).ShouldBe(172_924, "recovered allowances go to the province's account");
    }

    [Fact]
    public async Task nobody_approves_their_own_allocation_table_and_nothing_is_issued_until_a_second_drc_user_does()
    {
        var holder = await world.EnterpriseAsync(2025);
        var drc = await world.DrcAsync();
        var csv = $"credit_code,quantity\n{holder.CreditCode},12000\n";
        var uploaded = await (await drc.PostAsync("/api/v1/allowances/allocation-tables/upload?year=2025&phase=pre_allocation",
            new StringContent(csv, Encoding.UTF8, "text/csv"))).JsonAsync();
        var id = uploaded.GetProperty("id").GetGuid();
        await AllowanceWorld.Ok(drc.PostAsync($"/api/v1/allowances/allocation-tables/{id}/submit", null));

        var own = await drc.PostAsync($"/api/v1/allowances/allocation-tables/{id}/approve", null);
        var reviewerWithoutCode = await registry.ClientAsync(AllowanceWorld.Reviewer, "en");
        var withoutSecondFactor = await reviewerWithoutCode.PostAsync($"/api/v1/allowances/allocation-tables/{id}/approve", null);
        var accountEvents = await registry.CountAsync($"select count(*) from eventstore.events where stream_id = '{AllowanceAccount.StreamId(holder.Id)}'");
        var approved = await (await world.ReviewerAsync()).PostAsync($"/api/v1/allowances/allocation-tables/{id}/approve", null);

        var problem = await own.ShouldBeProblemAsync(HttpStatusCode.Conflict);
        problem.GetProperty("code").GetString().ShouldBe("allocation.self_approval");
        problem.GetProperty("detail").GetString()!.ShouldContain("four eyes");
        (await withoutSecondFactor.ShouldBeProblemAsync(HttpStatusCode.Forbidden)).GetProperty("code").GetString().ShouldBe("auth.second_factor_required");
        accountEvents.ShouldBe(0);
        approved.StatusCode.ShouldBe(HttpStatusCode.OK, await approved.Content.ReadAsStringAsync());
        var account = await world.AccountAsync(holder.Id);
        AllowanceWorld.HeldOf(account, 2025).ShouldBe(12_000);
        account.GetProperty("status").GetString().ShouldBe("open");
    }

    [Fact]
    public async Task a_year_without_a_benchmark_in_the_factor_table_is_a_problem_named_as_such_never_a_made_up_figure()
    {
        var plant = await world.PowerPlantAsync(new PlantYear(2025, 1_000_000m, 940_000m, 0m, 900_000m));
        var drc = await world.DrcAsync();

        var table = await ComputeAsync(drc, PowerTable(2025, "final", new { enterpriseId = plant.Id, category = "coal_300mw_plus", loadFactor = 0.7m }));
        var submit = await drc.PostAsync($"/api/v1/allowances/allocation-tables/{table.GetProperty("id").GetGuid()}/submit", null);

        table.GetProperty("entries").GetArrayLength().ShouldBe(0);
        var problem = table.GetProperty("problems")[0];
        problem.GetProperty("code").GetString().ShouldBe("allocation.no_benchmark");
        problem.GetProperty("message").GetProperty("en").GetString()!.ShouldContain("no coal_300mw_plus benchmark for 2025");
        (await submit.ShouldBeProblemAsync(HttpStatusCode.Conflict)).GetProperty("code").GetString().ShouldBe("allocation.empty_table");
    }

    [Fact]
    public async Task other_sectors_get_the_drcs_intensity_benchmark_times_their_output_and_enterprises_without_a_determination_are_listed()
    {
        var cement = await world.EnterpriseAsync(2025, determinedTco2: 100_000m);
        var undetermined = await world.EnterpriseAsync(2025);
        var drc = await world.DrcAsync();

        var benchmark = await drc.PutAsJsonAsync("/api/v1/allowances/benchmarks/2025/clinker", new { tco2PerTonne = 0.85m, source = "测试分配方案（示例）" });
        var unknownProduct = await drc.PutAsJsonAsync("/api/v1/allowances/benchmarks/2025/heat_supplied", new { tco2PerTonne = 0.1m, source = "x" });
        var table = await ComputeAsync(drc, new { year = 2025, phase = "final", method = "intensity", enterpriseIds = new[] { cement.Id, undetermined.Id } });

        benchmark.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await unknownProduct.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).ShouldNameField("product", "product_unknown");
        // One month recorded of 60,000 t clinker: 0.85 × 60,000.
        var entry = EntryOf(table, cement.Id);
        entry.GetProperty("computedTco2").GetDecimal().ShouldBe(51_000m);
        entry.GetProperty("target").GetInt64().ShouldBe(51_000);
        entry.GetProperty("capRule").ValueKind.ShouldBe(JsonValueKind.Null);
        table.GetProperty("problems").EnumerateArray().Single().GetProperty("code").GetString().ShouldBe("allocation.not_determined");
    }

    [Fact]
    public async Task an_uploaded_table_is_all_or_nothing_with_every_error_listed_by_row_and_column()
    {
        var holder = await world.EnterpriseAsync(2025);
        var drc = await world.DrcAsync();
        var uncovered = await TestEnterprises.RegisterAsync(await registry.ClientAsync("drc"), TestEnterprises.Registration());
        var uncoveredCode = (await (await drc.GetAsync($"/api/v1/enterprises/{uncovered}")).JsonAsync()).GetProperty("creditCode").GetString();
        var tablesBefore = await registry.CountAsync("select count(*) from eventstore.streams where type = 'allocation_table'");
        var bad = $"credit_code,quantity,cap_rule\n{holder.CreditCode},1000,\n91150203MA0000000X,10,\n{holder.CreditCode},-5,oil\n{uncoveredCode},10,\n";

        var refused = await drc.PostAsync("/api/v1/allowances/allocation-tables/upload?year=2025&phase=final", new StringContent(bad, Encoding.UTF8, "text/csv"));
        var tablesAfter = await registry.CountAsync("select count(*) from eventstore.streams where type = 'allocation_table'");
        var noPhase = await drc.PostAsync("/api/v1/allowances/allocation-tables/upload?year=2025", new StringContent(bad, Encoding.UTF8, "text/csv"));

        var problem = await refused.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        var rows = problem.GetProperty("rows").EnumerateArray().Select(r => (r.GetProperty("row").GetInt32(), r.GetProperty("column").GetString(), r.GetProperty("rule").GetString())).ToList();
        rows.ShouldContain((3, "credit_code", "credit_code_check_digit"));
        rows.ShouldContain((4, "credit_code", "duplicate_in_file"));
        rows.ShouldContain((4, "quantity", "whole_allowances"));
        rows.ShouldContain((4, "cap_rule", "cap_rule_unknown"));
        tablesAfter.ShouldBe(tablesBefore);
        (await noPhase.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).ShouldNameField("phase", "phase_unknown");

        var notCovered = await drc.PostAsync("/api/v1/allowances/allocation-tables/upload?year=2025&phase=final",
            new StringContent($"credit_code,quantity\n{holder.CreditCode},1000\n{uncoveredCode},10\n", Encoding.UTF8, "text/csv"));
        (await notCovered.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).GetProperty("rows")[0].GetProperty("rule").GetString().ShouldBe("allocation.not_covered");
    }

    async Task<long> ProvinceHeldAsync(int vintage)
    {
        var drc = await registry.ClientAsync("drc", "en");
        var response = await drc.GetAsync($"/api/v1/allowances/accounts/{AllowanceAccount.ProvinceId}");
        return response.StatusCode == HttpStatusCode.NotFound ? 0 : AllowanceWorld.HeldOf(await response.JsonAsync(), vintage);
    }
}
