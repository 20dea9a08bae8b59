using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Mrv.Registry.Tests.Allowances;

public sealed class SurrenderTests(RegistryFixture registry) : IClassFixture<RegistryFixture>
{
    readonly AllowanceWorld world = new(registry);

    static object Surrender(int year, (int Vintage, long Quantity)[]? allowances = null, (string Project, long Quantity)[]? offsets = null) => new
    {
        complianceYear = year,
        allowances = (allowances ?? []).Select(a => new { vintage = a.Vintage, quantity = a.Quantity }),
        offsets = (offsets ?? []).Select(o => new { projectReference = o.Project, quantity = o.Quantity }),
    };

    static async Task<string?> CodeOf(HttpResponseMessage response) => (await response.ShouldBeProblemAsync(HttpStatusCode.Conflict)).GetProperty("code").GetString();

    async Task<JsonElement> BoardRowAsync(HttpClient client, Holder holder, int year = 2025)
    {
        await registry.WaitForProjectionsAsync();
        var board = await (await client.GetAsync($"/api/v1/compliance/{year}")).JsonAsync();
        return board.GetProperty("items").EnumerateArray().Single(r => r.GetProperty("enterpriseId").GetGuid() == holder.Id);
    }

    [Fact]
    public async Task offsets_cover_at_most_5_percent_of_the_obligation_and_never_come_from_the_enterprises_own_boundary()
    {
        var holder = await world.EnterpriseAsync(2025, determinedTco2: 10_000m);
        await world.IssueUploadedAsync(2025, "pre_allocation", (holder, 9_000));
        var drc = await world.DrcAsync();
        await AllowanceWorld.Created(drc.PostAsJsonAsync($"/api/v1/allowances/accounts/{holder.Id}/offsets",
            new { projectReference = "CCER-150000-2024-001", quantity = 800L }));
        await AllowanceWorld.Created(drc.PostAsJsonAsync($"/api/v1/allowances/accounts/{holder.Id}/offsets",
            new { projectReference = "CCER-OWN-PV-01", projectEnterpriseId = holder.Id, quantity = 200L }));
        var client = await world.HolderAsync(holder);
        var url = $"/api/v1/allowances/accounts/{holder.Id}/surrenders";

        var overLimit = await client.PostAsJsonAsync(url, Surrender(2025, offsets: [("CCER-150000-2024-001", 501)]));
        var ownBoundary = await client.PostAsJsonAsync(url, Surrender(2025, offsets: [("CCER-OWN-PV-01", 100)]));
        var withinLimit = await client.PostAsJsonAsync(url, Surrender(2025, [(2025, 9_000)], [("CCER-150000-2024-001", 500)]));
        var oneMore = await client.PostAsJsonAsync(url, Surrender(2025, offsets: [("CCER-150000-2024-001", 1)]));

        // The obligation is the determined 10,000 t: 5% is 500 offsets.
        (await CodeOf(overLimit)).ShouldBe("surrender.offset_limit");
        (await CodeOf(ownBoundary)).ShouldBe("surrender.offset_own_boundary");
        withinLimit.StatusCode.ShouldBe(HttpStatusCode.Created, await withinLimit.Content.ReadAsStringAsync());
        (await withinLimit.JsonAsync()).GetProperty("obligationTonnes").GetInt64().ShouldBe(10_000);
        (await CodeOf(oneMore)).ShouldBe("surrender.offset_limit");
        var row = await BoardRowAsync(await registry.ClientAsync("drc"), holder);
        row.GetProperty("surrenderedTonnes").GetInt64().ShouldBe(9_000);
        row.GetProperty("offsetTonnes").GetInt64().ShouldBe(500);
        row.GetProperty("shortfallTonnes").GetInt64().ShouldBe(500);
    }

    [Fact]
    public async Task a_year_is_surrendered_from_vintages_up_to_the_next_one_never_borrowing_later_ones_and_never_more_than_owed()
    {
        var holder = await world.EnterpriseAsync(2025, determinedTco2: 1_500.4m);
        var undetermined = await world.EnterpriseAsync(2025);
        await AllowanceWorld.Ok((await registry.ClientAsync("drc")).PostAsJsonAsync($"/api/v1/enterprises/{holder.Id}/covered-list/2026", new { basis = "emissions" }));
        await world.IssueUploadedAsync(2025, "pre_allocation", (holder, 1_000), (undetermined, 1_000));
        await world.IssueUploadedAsync(2026, "pre_allocation", (holder, 1_000));
        var client = await world.HolderAsync(holder);
        var url = $"/api/v1/allowances/accounts/{holder.Id}/surrenders";

        var borrowing = await client.PostAsJsonAsync(url, Surrender(2025, [(2027, 1)]));
        var tooMuch = await client.PostAsJsonAsync(url, Surrender(2025, [(2025, 1_000), (2026, 502)]));
        var exact = await client.PostAsJsonAsync(url, Surrender(2025, [(2025, 1_000), (2026, 501)]));
        var notDetermined = await (await world.HolderAsync(undetermined)).PostAsJsonAsync($"/api/v1/allowances/accounts/{undetermined.Id}/surrenders",
            Surrender(2025, [(2025, 1)]));
        var empty = await client.PostAsJsonAsync(url, Surrender(2025));

        (await CodeOf(borrowing)).ShouldBe("surrender.future_vintage");
        // 1,500.4 t determined: a started tonne counts, so 1,501 allowances are owed.
        (await CodeOf(tooMuch)).ShouldBe("surrender.exceeds_obligation");
        exact.StatusCode.ShouldBe(HttpStatusCode.Created, await exact.Content.ReadAsStringAsync());
        (await CodeOf(notDetermined)).ShouldBe("surrender.not_determined");
        (await empty.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).ShouldNameField("allowances", "empty_surrender");
        var account = await world.AccountAsync(holder.Id);
        AllowanceWorld.HeldOf(account, 2026).ShouldBe(499);
        (await BoardRowAsync(await registry.ClientAsync("drc"), holder)).GetProperty("status").GetString().ShouldBe("compliant");
    }

    [Fact]
    public async Task the_status_is_recomputed_on_determination_surrender_reversal_and_exclusion_and_a_reversal_is_possible_for_14_days()
    {
        var holder = await world.EnterpriseAsync(2025);
        await world.IssueUploadedAsync(2025, "pre_allocation", (holder, 5_000));
        var drcReader = await registry.ClientAsync("drc");
        var url = $"/api/v1/allowances/accounts/{holder.Id}/surrenders";

        var undetermined = await BoardRowAsync(drcReader, holder);
        await world.DetermineAsync(holder, 2025, 4_000m);
        var determined = await BoardRowAsync(drcReader, holder);
        var surrendered = await (await world.HolderAsync(holder)).PostAsJsonAsync(url, Surrender(2025, [(2025, 4_000)]));
        var surrenderId = (await surrendered.JsonAsync()).GetProperty("surrenderId").GetGuid();
        var compliant = await BoardRowAsync(drcReader, holder);
        var byEnterprise = await (await world.HolderAsync(holder)).PostAsJsonAsync($"{url}/{surrenderId}/reverse", new { reason = "自行撤销" });
        var noReason = await (await world.DrcAsync()).PostAsJsonAsync($"{url}/{surrenderId}/reverse", new { reason = "" });
        var reversed = await (await world.DrcAsync()).PostAsJsonAsync($"{url}/{surrenderId}/reverse", new { reason = "误用了关联企业的配额，依申请撤销" });
        var afterReversal = await BoardRowAsync(drcReader, holder);
        var heldAfterReversal = AllowanceWorld.HeldOf(await world.AccountAsync(holder.Id), 2025);

        var again = await (await world.HolderAsync(holder)).PostAsJsonAsync(url, Surrender(2025, [(2025, 4_000)]));
        var againId = (await again.JsonAsync()).GetProperty("surrenderId").GetGuid();
        registry.Clock.Advance(TimeSpan.FromDays(14) + TimeSpan.FromMinutes(1));
        var tooLate = await (await world.DrcAsync()).PostAsJsonAsync($"{url}/{againId}/reverse", new { reason = "超过期限" });
        var removed = await (await registry.ClientAsync("drc")).PostAsJsonAsync($"/api/v1/enterprises/{holder.Id}/covered-list/2025/remove", new { reason = "closed" });
        var excluded = await BoardRowAsync(await registry.ClientAsync("drc"), holder);
        var league = await BoardRowAsync(await registry.ClientAsync("league-baotou"), holder);
        var enterpriseBoard = await (await world.HolderAsync(holder, secondFactor: false)).GetAsync("/api/v1/compliance/2025");

        undetermined.GetProperty("status").GetString().ShouldBe("not_yet_determined");
        determined.GetProperty("status").GetString().ShouldBe("shortfall");
        determined.GetProperty("obligationTonnes").GetInt64().ShouldBe(4_000);
        determined.GetProperty("shortfallTonnes").GetInt64().ShouldBe(4_000);
        surrendered.StatusCode.ShouldBe(HttpStatusCode.Created);
        compliant.GetProperty("status").GetString().ShouldBe("compliant");
        compliant.GetProperty("shortfallTonnes").GetInt64().ShouldBe(0);
        await byEnterprise.ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        (await noReason.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).ShouldNameField("reason", "not_empty");
        reversed.StatusCode.ShouldBe(HttpStatusCode.OK, await reversed.Content.ReadAsStringAsync());
        (await reversed.JsonAsync()).GetProperty("reversalReason").GetString().ShouldBe("误用了关联企业的配额，依申请撤销");
        afterReversal.GetProperty("status").GetString().ShouldBe("shortfall");
        afterReversal.GetProperty("surrenderedTonnes").GetInt64().ShouldBe(0);
        heldAfterReversal.ShouldBe(5_000);
        (await CodeOf(tooLate)).ShouldBe("surrender.reversal_window_closed");
        removed.StatusCode.ShouldBe(HttpStatusCode.OK);
        excluded.GetProperty("status").GetString().ShouldBe("excluded");
        league.GetProperty("leagueCode").GetString().ShouldBe("150200");
        await enterpriseBoard.ShouldBeProblemAsync(HttpStatusCode.Forbidden);
    }
}
