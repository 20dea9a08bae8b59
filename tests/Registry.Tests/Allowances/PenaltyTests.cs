using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Mrv.Registry.Allowances;

namespace Mrv.Registry.Tests.Allowances;

public sealed class PenaltyTests(RegistryFixture registry) : IClassFixture<RegistryFixture>
{
    readonly AllowanceWorld world = new(registry);

    static object Surrender(long quantity) => new { complianceYear = 2025, allowances = new[] { new { vintage = 2025, quantity } } };

    [Fact]
    public async Task after_the_deadline_a_shortfall_becomes_a_penalty_case_fined_5_to_10_times_the_price_and_cut_from_next_years_allocation()
    {
        var shortHolder = await world.EnterpriseAsync(2025, determinedTco2: 10_000m);
        var compliantHolder = await world.EnterpriseAsync(2025, determinedTco2: 2_000m);
        var drcReader = await registry.ClientAsync("drc");
        await AllowanceWorld.Ok(drcReader.PostAsJsonAsync($"/api/v1/enterprises/{shortHolder.Id}/covered-list/2026", new { basis = "emissions" }));
        await world.IssueUploadedAsync(2025, "pre_allocation", (shortHolder, 7_500), (compliantHolder, 2_000));
        await AllowanceWorld.Created((await world.HolderAsync(shortHolder)).PostAsJsonAsync($"/api/v1/allowances/accounts/{shortHolder.Id}/surrenders", Surrender(7_000)));
        await AllowanceWorld.Created((await world.HolderAsync(compliantHolder)).PostAsJsonAsync($"/api/v1/allowances/accounts/{compliantHolder.Id}/surrenders", Surrender(2_000)));
        // The compliance board and the penalty job read the compliance projection: it has both surrenders first.
        await registry.WaitForProjectionsAsync();

        var tooEarly = await drcReader.PostAsync("/api/v1/compliance/2025/penalty-cases", null);
        var unpublished = await (await registry.Anonymous().GetAsync("/api/v1/public/compliance/2025")).JsonAsync();

        // The 2025 deadline is 31 December 2026 (China Standard Time); one second after it ends:
        registry.Clock.Set(new DateTimeOffset(2027, 1, 1, 0, 0, 1, TimeSpan.FromHours(8)));
        var late = await (await world.HolderAsync(shortHolder)).PostAsJsonAsync($"/api/v1/allowances/accounts/{shortHolder.Id}/surrenders", Surrender(500));
        await registry.Factory.Services.GetRequiredService<AllowanceJobs>().OpenDuePenaltyCasesAsync(CancellationToken.None);
        drcReader = await registry.ClientAsync("drc", "en");
        var openedAgain = await (await drcReader.PostAsync("/api/v1/compliance/2025/penalty-cases", null)).JsonAsync();
        var caseUrl = $"/api/v1/penalty-cases/{shortHolder.Id}/2025";
        var opened = await (await drcReader.GetAsync(caseUrl)).JsonAsync();
        var noCaseForCompliant = await drcReader.GetAsync($"/api/v1/penalty-cases/{compliantHolder.Id}/2025");
        var fineBeforePrice = await drcReader.PostAsJsonAsync($"{caseUrl}/fine", new { fineYuan = 1_800_000m });
        var priced = await (await drcReader.PostAsJsonAsync($"{caseUrl}/market-price", new { averagePriceYuan = 80m, source = "全国碳市场 2026 年 11 月成交均价（示例）" })).JsonAsync();
        var tooLow = await drcReader.PostAsJsonAsync($"{caseUrl}/fine", new { fineYuan = 1_000_000m });
        var fined = await drcReader.PostAsJsonAsync($"{caseUrl}/fine", new { fineYuan = 1_800_000m, reason = "首次违规，按中间档处罚" });
        var ownCase = await (await world.HolderAsync(shortHolder, secondFactor: false)).GetAsync(caseUrl);
        var othersCase = await (await world.HolderAsync(compliantHolder, secondFactor: false)).GetAsync(caseUrl);
        await registry.WaitForProjectionsAsync();
        var published = await (await registry.Anonymous().GetAsync("/api/v1/public/compliance/2025")).JsonAsync();

        var drc = await world.DrcAsync();
        var next = await (await drc.PostAsync("/api/v1/allowances/allocation-tables/upload?year=2026&phase=final",
            new StringContent($"credit_code,quantity\n{shortHolder.CreditCode},10000\n", Encoding.UTF8, "text/csv"))).JsonAsync();
        await world.ApproveAsync(next.GetProperty("id").GetGuid());
        await registry.WaitForProjectionsAsync();
        var board = await (await drcReader.GetAsync("/api/v1/compliance/2025")).JsonAsync();

        (await tooEarly.ShouldBeProblemAsync(HttpStatusCode.Conflict)).GetProperty("code").GetString().ShouldBe("penalty.deadline_not_passed");
        unpublished.GetProperty("published").GetBoolean().ShouldBeFalse();
        unpublished.GetProperty("items").GetArrayLength().ShouldBe(0);
        (await late.ShouldBeProblemAsync(HttpStatusCode.Conflict)).GetProperty("code").GetString().ShouldBe("surrender.deadline_passed");
        openedAgain.GetProperty("opened").GetInt32().ShouldBe(0, "the job opened the cases already");
        opened.GetProperty("shortfallTonnes").GetInt64().ShouldBe(3_000);
        opened.GetProperty("obligationTonnes").GetInt64().ShouldBe(10_000);
        await noCaseForCompliant.ShouldBeProblemAsync(HttpStatusCode.NotFound);
        (await fineBeforePrice.ShouldBeProblemAsync(HttpStatusCode.Conflict)).GetProperty("code").GetString().ShouldBe("penalty.price_missing");
        priced.GetProperty("priceMonth").GetString().ShouldBe("2026-11");
        priced.GetProperty("fineMinYuan").GetDecimal().ShouldBe(5m * 80m * 3_000m);
        priced.GetProperty("fineMaxYuan").GetDecimal().ShouldBe(10m * 80m * 3_000m);
        (await tooLow.ShouldBeProblemAsync(HttpStatusCode.Conflict)).GetProperty("code").GetString().ShouldBe("penalty.fine_out_of_range");
        fined.StatusCode.ShouldBe(HttpStatusCode.OK, await fined.Content.ReadAsStringAsync());
        (await fined.JsonAsync()).GetProperty("status").GetString().ShouldBe("fine_decided");
        ownCase.StatusCode.ShouldBe(HttpStatusCode.OK);
        await othersCase.ShouldBeProblemAsync(HttpStatusCode.NotFound);
        published.GetProperty("published").GetBoolean().ShouldBeTrue();
        var shortRow = published.GetProperty("items").EnumerateArray().Single(r => r.GetProperty("creditCode").GetString() == shortHolder.CreditCode);
        shortRow.GetProperty("status").GetString().ShouldBe("shortfall");
        shortRow.GetProperty("shortfallTonnes").GetInt64().ShouldBe(3_000);
        published.GetProperty("items").EnumerateArray().Single(r => r.GetProperty("creditCode").GetString() == compliantHolder.CreditCode)
            .GetProperty("status").GetString().ShouldBe("compliant");

        var entry = next.GetProperty("entries")[0];
        entry.GetProperty("penaltyDeduction").GetInt64().ShouldBe(3_000);
        entry.GetProperty("target").GetInt64().ShouldBe(7_000);
        entry.GetProperty("note").GetString()!.ShouldContain("penalty case 2025");
        AllowanceWorld.HeldOf(await world.AccountAsync(shortHolder.Id), 2026).ShouldBe(7_000);
        board.GetProperty("items").EnumerateArray().Single(r => r.GetProperty("enterpriseId").GetGuid() == shortHolder.Id)
            .GetProperty("penaltyCase").GetBoolean().ShouldBeTrue();
    }
}
