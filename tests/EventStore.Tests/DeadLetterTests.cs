namespace Mrv.EventStore.Tests;

public sealed class DeadLetterTests : IAsyncLifetime
{
    readonly StoreFixture store = new();

    public Task InitializeAsync() => store.InitializeAsync();
    public Task DisposeAsync() => store.DisposeAsync();

    async Task BookAsync(string ledger, decimal amount, string note)
    {
        var head = await store.Log.FetchHeadAsync(ledger);
        if (head is null)
        {
            await store.Log.StartStreamAsync(ledger, "ledger", [new NewEvent(new LedgerOpened(ledger, "owner"))]);
            head = await store.Log.FetchHeadAsync(ledger);
        }
        await store.Log.AppendAsync(head!, "ledger", [new NewEvent(new AmountBooked(ledger, amount, note))]);
    }

    [Fact]
    public async Task a_poison_event_goes_to_the_dead_letters_and_later_events_still_apply()
    {
        var projection = new LedgerBalanceProjection();
        var daemon = await store.StartDaemonAsync("node-a", projection);
        var admin = store.Admin(projection);

        await BookAsync("ledger-p", 10m, "fine");
        await BookAsync("ledger-p", 999m, "poison");
        await BookAsync("ledger-p", 5m, "fine again");
        await BookAsync("ledger-q", 7m, "other ledger");
        await daemon.WaitForNonStaleAsync(TimeSpan.FromSeconds(20));

        (await store.Log.Documents.LoadAsync<LedgerBalance>("ledger-p"))!.Data.BalanceTco2.ShouldBe(15m);
        (await store.Log.Documents.LoadAsync<LedgerBalance>("ledger-q"))!.Data.BalanceTco2.ShouldBe(7m);
        var letter = (await admin.DeadLettersAsync("ledger_balances")).Single();
        letter.Status.ShouldBe("open");
        letter.Type.ShouldBe("amount_booked.v1");
        letter.Error.ShouldContain("cannot book 999");
        (await admin.StatusAsync()).Single().OpenDeadLetters.ShouldBe(1);

        // Retrying before the fix fails again and stays open.
        (await admin.RetryAsync(letter.Id, "drc"))!.Status.ShouldBe("open");

        projection.Healed = true;
        var retried = await admin.RetryAsync(letter.Id, "drc");
        retried!.Status.ShouldBe("retried");
        retried.ResolvedBy.ShouldBe("drc");
        retried.Attempts.ShouldBe(3);
        (await store.Log.Documents.LoadAsync<LedgerBalance>("ledger-p"))!.Data.BalanceTco2.ShouldBe(1014m);
        (await admin.StatusAsync()).Single().OpenDeadLetters.ShouldBe(0);
        await daemon.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task a_dead_letter_can_be_skipped_on_the_record()
    {
        var projection = new LedgerBalanceProjection();
        var daemon = await store.StartDaemonAsync("node-a", projection);
        var admin = store.Admin(projection);
        await BookAsync("ledger-s", 1m, "poison");
        await daemon.WaitForNonStaleAsync(TimeSpan.FromSeconds(20));

        var letter = (await admin.DeadLettersAsync(status: "open")).Single();
        var skipped = await admin.SkipAsync(letter.Id, "drc-officer");

        skipped!.Status.ShouldBe("skipped");
        skipped.ResolvedBy.ShouldBe("drc-officer");
        (await admin.SkipAsync(letter.Id, "drc-officer")).ShouldBeNull();
        (await admin.RetryAsync(letter.Id, "drc-officer")).ShouldBeNull();
        await daemon.StopAsync(CancellationToken.None);
    }
}
