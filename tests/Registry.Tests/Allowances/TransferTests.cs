using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Mrv.EventStore;
using Mrv.Registry.Allowances;
using Mrv.Registry.Allowances.Accounts;
using Mrv.Registry.Allowances.Transfers;

namespace Mrv.Registry.Tests.Allowances;

public sealed class TransferTests(RegistryFixture registry) : IClassFixture<RegistryFixture>
{
    readonly AllowanceWorld world = new(registry);

    /// <summary>Two covered enterprises with open accounts; the seller holds 10,000 allowances of 2025.</summary>
    async Task<(Holder Seller, Holder Buyer)> TradersAsync()
    {
        var seller = await world.EnterpriseAsync(2025);
        var buyer = await world.EnterpriseAsync(2025);
        await world.IssueUploadedAsync(2025, "pre_allocation", (seller, 10_000));
        var opened = await (await world.DrcAsync()).PostAsJsonAsync("/api/v1/allowances/accounts/open", new { year = 2025 });
        opened.StatusCode.ShouldBe(HttpStatusCode.OK, await opened.Content.ReadAsStringAsync());
        return (seller, buyer);
    }

    static object Trade(Holder from, Holder to, long quantity, int vintage = 2025) =>
        new { kind = "trade", fromAccountId = from.Id, toAccountId = to.Id, vintage, quantity, reference = "SEEE-2026-" + Guid.NewGuid().ToString("N")[..8] };

    static async Task<JsonElement> StartAsync(HttpClient client, object transfer)
    {
        var response = await client.PostAsJsonAsync("/api/v1/allowances/transfers", transfer);
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await response.JsonAsync();
    }

    [Fact]
    public async Task a_trade_to_an_account_off_the_trusted_list_waits_26_hours_and_the_sender_can_cancel_it_meanwhile()
    {
        var (seller, buyer) = await TradersAsync();
        var started = registry.Clock.GetUtcNow();

        var transfer = await StartAsync(await world.HolderAsync(seller), Trade(seller, buyer, 3_000));
        var sellerDuring = await world.AccountAsync(seller.Id);
        var buyerDuring = await world.AccountAsync(buyer.Id);
        registry.Clock.Advance(TimeSpan.FromHours(25));
        var cancel = await (await world.HolderAsync(seller)).PostAsJsonAsync($"/api/v1/allowances/transfers/{transfer.GetProperty("id").GetGuid()}/cancel",
            new { reason = "发现收款账户有误" });

        transfer.GetProperty("status").GetString().ShouldBe("delayed");
        transfer.GetProperty("completesAt").GetDateTimeOffset().ShouldBe(started + TimeSpan.FromHours(26), TimeSpan.FromMinutes(1));
        AllowanceWorld.HeldOf(sellerDuring, 2025).ShouldBe(7_000);
        sellerDuring.GetProperty("pendingOut")[0].GetProperty("quantity").GetInt64().ShouldBe(3_000);
        AllowanceWorld.HeldOf(buyerDuring, 2025).ShouldBe(0);
        cancel.StatusCode.ShouldBe(HttpStatusCode.OK, await cancel.Content.ReadAsStringAsync());
        (await cancel.JsonAsync()).GetProperty("status").GetString().ShouldBe("cancelled");
        var sellerAfter = await world.AccountAsync(seller.Id);
        AllowanceWorld.HeldOf(sellerAfter, 2025).ShouldBe(10_000);
        sellerAfter.GetProperty("pendingOut").GetArrayLength().ShouldBe(0);
        AllowanceWorld.HeldOf(await world.AccountAsync(buyer.Id), 2025).ShouldBe(0);
    }

    [Fact]
    public async Task after_26_hours_a_transfer_completes_for_whoever_looks_and_the_job_completes_those_nobody_looks_at()
    {
        var (seller, buyer) = await TradersAsync();
        var first = await StartAsync(await world.HolderAsync(seller), Trade(seller, buyer, 1_000));
        var second = await StartAsync(await world.HolderAsync(seller), Trade(seller, buyer, 2_000));
        var secondId = second.GetProperty("id").GetGuid();

        registry.Clock.Advance(TimeSpan.FromHours(26) + TimeSpan.FromMinutes(2));
        var log = registry.Factory.Services.GetRequiredService<EventLog>();
        var unreadBefore = (await log.Documents.LoadAsync<Transfer>(Transfer.StreamId(secondId)))!.Data.Status;
        var completedByJob = await registry.Factory.Services.GetRequiredService<AllowanceJobs>().CompleteDueTransfersAsync(CancellationToken.None);
        var unreadAfter = (await log.Documents.LoadAsync<Transfer>(Transfer.StreamId(secondId)))!.Data.Status;
        var firstNow = await (await registry.ClientAsync("drc", "en")).GetAsync($"/api/v1/allowances/transfers/{first.GetProperty("id").GetGuid()}");
        var lateCancel = await (await world.HolderAsync(seller)).PostAsJsonAsync($"/api/v1/allowances/transfers/{secondId}/cancel", new { reason = "太晚了" });

        unreadBefore.ShouldBe(TransferStatuses.Delayed);
        completedByJob.ShouldBeGreaterThanOrEqualTo(2);
        unreadAfter.ShouldBe(TransferStatuses.Completed);
        (await firstNow.JsonAsync()).GetProperty("status").GetString().ShouldBe("completed");
        (await lateCancel.ShouldBeProblemAsync(HttpStatusCode.Conflict)).GetProperty("code").GetString().ShouldBe("transfer.already_completed");
        AllowanceWorld.HeldOf(await world.AccountAsync(buyer.Id), 2025).ShouldBe(3_000);
        var sellerAccount = await world.AccountAsync(seller.Id);
        AllowanceWorld.HeldOf(sellerAccount, 2025).ShouldBe(7_000);
        sellerAccount.GetProperty("pendingOut").GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task a_transfer_completes_lazily_when_the_recipient_reads_its_account_after_26_hours()
    {
        var (seller, buyer) = await TradersAsync();
        await StartAsync(await world.HolderAsync(seller), Trade(seller, buyer, 500));

        registry.Clock.Advance(TimeSpan.FromHours(26));
        var buyerView = await (await world.HolderAsync(buyer, secondFactor: false)).GetAsync($"/api/v1/allowances/accounts/{buyer.Id}");

        AllowanceWorld.HeldOf(await buyerView.JsonAsync(), 2025).ShouldBe(500);
    }

    [Fact]
    public async Task a_trade_to_a_trusted_account_settles_at_once_when_the_listing_is_26_hours_old_and_more_than_is_held_is_refused_appending_nothing()
    {
        var (seller, buyer) = await TradersAsync();

        var trusted = await (await world.HolderAsync(seller)).PostAsJsonAsync($"/api/v1/allowances/accounts/{seller.Id}/trusted", new { accountId = buyer.Id });
        var tooSoon = await StartAsync(await world.HolderAsync(seller), Trade(seller, buyer, 1_000));
        registry.Clock.Advance(TimeSpan.FromHours(26));
        var client = await world.HolderAsync(seller);
        var transfer = await StartAsync(client, Trade(seller, buyer, 4_000));
        var eventsBefore = await registry.CountAsync("select count(*) from eventstore.events");
        var tooMuch = await client.PostAsJsonAsync("/api/v1/allowances/transfers", Trade(seller, buyer, 5_001));
        var borrowedVintage = await client.PostAsJsonAsync("/api/v1/allowances/transfers", Trade(seller, buyer, 1, vintage: 2026));
        var eventsAfter = await registry.CountAsync("select count(*) from eventstore.events");

        trusted.StatusCode.ShouldBe(HttpStatusCode.OK, await trusted.Content.ReadAsStringAsync());
        tooSoon.GetProperty("status").GetString().ShouldBe("delayed", "a new listing protects nothing for its first 26 hours");
        transfer.GetProperty("status").GetString().ShouldBe("completed");
        transfer.GetProperty("completesAt").ValueKind.ShouldBe(JsonValueKind.Null);
        (await tooMuch.ShouldBeProblemAsync(HttpStatusCode.Conflict)).GetProperty("code").GetString().ShouldBe("account.insufficient_holdings");
        (await borrowedVintage.ShouldBeProblemAsync(HttpStatusCode.Conflict)).GetProperty("code").GetString().ShouldBe("account.insufficient_holdings");
        eventsAfter.ShouldBe(eventsBefore);
        AllowanceWorld.HeldOf(await world.AccountAsync(buyer.Id), 2025).ShouldBe(5_000);
    }

    [Fact]
    public async Task a_retried_transfer_with_the_same_idempotency_key_moves_once_and_answers_the_first_answer()
    {
        var (seller, buyer) = await TradersAsync();
        var client = await world.HolderAsync(seller);
        var trade = Trade(seller, buyer, 700);
        HttpRequestMessage Request() => new(HttpMethod.Post, "/api/v1/allowances/transfers")
        {
            Content = JsonContent.Create(trade),
            Headers = { { "Idempotency-Key", "retry-" + seller.Id } },
        };

        var first = await client.SendAsync(Request());
        var retried = await client.SendAsync(Request());

        first.StatusCode.ShouldBe(HttpStatusCode.Created, await first.Content.ReadAsStringAsync());
        retried.StatusCode.ShouldBe(HttpStatusCode.Created);
        retried.Headers.GetValues("Idempotency-Replayed").ShouldBe(["true"]);
        (await retried.JsonAsync()).GetProperty("id").GetGuid().ShouldBe((await first.JsonAsync()).GetProperty("id").GetGuid());
        AllowanceWorld.HeldOf(await world.AccountAsync(seller.Id), 2025).ShouldBe(9_300);
    }

    [Fact]
    public async Task an_administrative_transfer_moves_only_when_a_second_drc_user_approves_it()
    {
        var (seller, buyer) = await TradersAsync();
        var drc = await world.DrcAsync();
        var request = new { kind = "administrative", fromAccountId = seller.Id, toAccountId = buyer.Id, vintage = 2025, quantity = 2_500L, reference = "内发改环资字〔2026〕1号" };

        var byEnterprise = await (await world.HolderAsync(seller)).PostAsJsonAsync("/api/v1/allowances/transfers", request);
        var requested = await StartAsync(drc, request);
        var id = requested.GetProperty("id").GetGuid();
        var sellerWhileRequested = await world.AccountAsync(seller.Id);
        var own = await drc.PostAsync($"/api/v1/allowances/transfers/{id}/approve", null);
        var approved = await (await world.ReviewerAsync()).PostAsync($"/api/v1/allowances/transfers/{id}/approve", null);

        await byEnterprise.ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        requested.GetProperty("status").GetString().ShouldBe("pending_approval");
        AllowanceWorld.HeldOf(sellerWhileRequested, 2025).ShouldBe(10_000);
        (await own.ShouldBeProblemAsync(HttpStatusCode.Conflict)).GetProperty("code").GetString().ShouldBe("transfer.self_approval");
        approved.StatusCode.ShouldBe(HttpStatusCode.OK, await approved.Content.ReadAsStringAsync());
        var transfer = await approved.JsonAsync();
        transfer.GetProperty("status").GetString().ShouldBe("delayed");
        transfer.GetProperty("approvedBy").GetString().ShouldBe(AllowanceWorld.Reviewer);
        AllowanceWorld.HeldOf(await world.AccountAsync(seller.Id), 2025).ShouldBe(7_500);
    }

    [Fact]
    public async Task a_movement_needs_a_second_factor_and_a_sign_in_of_the_last_15_minutes_and_only_the_holder_moves_its_account()
    {
        var (seller, buyer) = await TradersAsync();
        var passwordOnly = await world.HolderAsync(seller, secondFactor: false);
        var zh = await registry.ClientAsync(seller.Username, Tests.Monitoring.PlannedEnterprises.Password, null, secondFactor: false);

        var noSecondFactor = await passwordOnly.PostAsJsonAsync("/api/v1/allowances/transfers", Trade(seller, buyer, 1));
        var inChinese = await zh.PostAsJsonAsync("/api/v1/allowances/transfers", Trade(seller, buyer, 1));
        var buyerClient = await world.HolderAsync(buyer);
        var othersAccount = await buyerClient.PostAsJsonAsync("/api/v1/allowances/transfers", Trade(seller, buyer, 1));
        var stale = await world.HolderAsync(seller);
        registry.Clock.Advance(TimeSpan.FromMinutes(16));
        var tooOld = await stale.PostAsJsonAsync("/api/v1/allowances/transfers", Trade(seller, buyer, 1));
        var league = await (await registry.ClientAsync("league-baotou")).PostAsJsonAsync("/api/v1/allowances/transfers", Trade(seller, buyer, 1));

        var refused = await noSecondFactor.ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        refused.GetProperty("code").GetString().ShouldBe("auth.second_factor_required");
        refused.GetProperty("detail").GetString()!.ShouldContain("second factor");
        (await inChinese.ShouldBeProblemAsync(HttpStatusCode.Forbidden)).GetProperty("detail").GetString()!.ShouldContain("第二重身份验证");
        await othersAccount.ShouldBeProblemAsync(HttpStatusCode.NotFound);
        (await tooOld.ShouldBeProblemAsync(HttpStatusCode.Forbidden)).GetProperty("code").GetString().ShouldBe("auth.recent_login_required");
        await league.ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        AllowanceWorld.HeldOf(await world.AccountAsync(seller.Id), 2025).ShouldBe(10_000);
    }

    [Fact]
    public async Task a_frozen_account_still_receives_but_nothing_leaves_it_until_the_freeze_is_lifted()
    {
        var (seller, buyer) = await TradersAsync();
        await world.IssueUploadedAsync(2025, "final", (buyer, 800));
        var drc = await world.DrcAsync();

        var frozen = await drc.PostAsJsonAsync($"/api/v1/allowances/accounts/{seller.Id}/freeze", new { reason = "（2026）蒙0203执保17号" });
        var outgoing = await (await world.HolderAsync(seller)).PostAsJsonAsync("/api/v1/allowances/transfers", Trade(seller, buyer, 100));
        var incoming = await StartAsync(await world.HolderAsync(buyer), Trade(buyer, seller, 300));
        registry.Clock.Advance(TimeSpan.FromHours(26));
        var whileFrozen = await world.AccountAsync(seller.Id);
        var unfrozen = await (await world.DrcAsync()).PostAsJsonAsync($"/api/v1/allowances/accounts/{seller.Id}/unfreeze", new { reason = "解除保全" });
        var afterwards = await StartAsync(await world.HolderAsync(seller), Trade(seller, buyer, 100));

        frozen.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await frozen.JsonAsync()).GetProperty("status").GetString().ShouldBe(AccountStatuses.Frozen);
        (await outgoing.ShouldBeProblemAsync(HttpStatusCode.Conflict)).GetProperty("code").GetString().ShouldBe("account.frozen");
        incoming.GetProperty("status").GetString().ShouldBe("delayed");
        whileFrozen.GetProperty("status").GetString().ShouldBe(AccountStatuses.Frozen);
        AllowanceWorld.HeldOf(whileFrozen, 2025).ShouldBe(10_300);
        unfrozen.StatusCode.ShouldBe(HttpStatusCode.OK);
        afterwards.GetProperty("status").GetString().ShouldBe("delayed");
        AllowanceWorld.HeldOf(await world.AccountAsync(seller.Id), 2025).ShouldBe(10_200);
    }
}
