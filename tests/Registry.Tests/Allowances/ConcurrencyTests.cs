using System.Net;
using System.Net.Http.Json;
using Mrv.Registry.Allowances.Accounts;

namespace Mrv.Registry.Tests.Allowances;

public sealed class ConcurrencyTests(RegistryFixture registry) : IClassFixture<RegistryFixture>
{
    readonly AllowanceWorld world = new(registry);

    const int Racers = 12;
    const long Balance = 5;

    [Fact]
    public async Task surrenders_racing_on_one_account_succeed_exactly_as_far_as_the_balance_allows()
    {
        var holder = await world.EnterpriseAsync(2025, determinedTco2: 100_000m);
        await world.IssueUploadedAsync(2025, "pre_allocation", (holder, Balance));
        var client = await world.HolderAsync(holder);

        var responses = await Task.WhenAll(Enumerable.Range(0, Racers).Select(_ =>
            client.PostAsJsonAsync($"/api/v1/allowances/accounts/{holder.Id}/surrenders",
                new { complianceYear = 2025, allowances = new[] { new { vintage = 2025, quantity = 1L } } })));

        var statuses = responses.Select(r => r.StatusCode).ToList();
        statuses.Count(s => s == HttpStatusCode.Created).ShouldBe((int)Balance, string.Join(", ", statuses));
        statuses.Count(s => s == HttpStatusCode.Conflict).ShouldBe(Racers - (int)Balance);
        foreach (var refused in responses.Where(r => r.StatusCode == HttpStatusCode.Conflict))
        {
            (await refused.JsonAsync()).GetProperty("code").GetString().ShouldBe("account.insufficient_holdings");
        }
        var account = await world.AccountAsync(holder.Id);
        AllowanceWorld.HeldOf(account, 2025).ShouldBe(0);
        account.GetProperty("surrenders").GetArrayLength().ShouldBe((int)Balance);
        (await registry.CountAsync($"select count(*) from eventstore.events where stream_id = '{AllowanceAccount.StreamId(holder.Id)}' and type = 'allowances_surrendered.v1'"))
            .ShouldBe(Balance);
    }

    [Fact]
    public async Task transfers_racing_out_of_one_account_never_spend_an_allowance_twice()
    {
        var seller = await world.EnterpriseAsync(2025);
        var buyer = await world.EnterpriseAsync(2025);
        await world.IssueUploadedAsync(2025, "pre_allocation", (seller, Balance), (buyer, 0));
        await AllowanceWorld.Ok((await world.HolderAsync(seller)).PostAsJsonAsync($"/api/v1/allowances/accounts/{seller.Id}/trusted", new { accountId = buyer.Id }));
        registry.Clock.Advance(TimeSpan.FromHours(26));
        var client = await world.HolderAsync(seller);

        var responses = await Task.WhenAll(Enumerable.Range(0, Racers).Select(i =>
            client.PostAsJsonAsync("/api/v1/allowances/transfers",
                new { kind = "trade", fromAccountId = seller.Id, toAccountId = buyer.Id, vintage = 2025, quantity = 1L, reference = $"RACE-{i}" })));

        responses.Count(r => r.StatusCode == HttpStatusCode.Created).ShouldBe((int)Balance, string.Join(", ", responses.Select(r => r.StatusCode)));
        responses.Count(r => r.StatusCode == HttpStatusCode.Conflict).ShouldBe(Racers - (int)Balance);
        AllowanceWorld.HeldOf(await world.AccountAsync(seller.Id), 2025).ShouldBe(0);
        AllowanceWorld.HeldOf(await world.AccountAsync(buyer.Id), 2025).ShouldBe(Balance);
    }
}
