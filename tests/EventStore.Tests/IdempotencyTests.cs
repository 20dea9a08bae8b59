namespace Mrv.EventStore.Tests;

public sealed class IdempotencyTests(StoreFixture store) : IClassFixture<StoreFixture>
{
    [Fact]
    public async Task a_repeated_key_appends_once_and_returns_the_first_answer()
    {
        var ledger = "ledger-idem";
        var first = await store.Log.AppendOnceAsync("key-1", StreamHead.New(ledger), "ledger", [new NewEvent(new LedgerOpened(ledger, "first"))]);
        var again = await store.Log.AppendOnceAsync("key-1", StreamHead.New(ledger), "ledger", [new NewEvent(new LedgerOpened(ledger, "second"))]);

        again.Version.ShouldBe(first.Version);
        again.LastSeqId.ShouldBe(first.LastSeqId);
        again.Events.Single().Id.ShouldBe(first.Events.Single().Id);
        var events = await store.Log.ReadStreamAsync(ledger);
        ((LedgerOpened)events.Single().Data).Owner.ShouldBe("first");
    }

    [Fact]
    public async Task a_key_sent_concurrently_appends_once_and_everyone_gets_the_same_answer()
    {
        var ledger = "ledger-idem-race";
        await store.Log.StartStreamAsync(ledger, "ledger", [new NewEvent(new LedgerOpened(ledger, "owner"))]);
        var head = (await store.Log.FetchHeadAsync(ledger))!;
        using var start = new ManualResetEventSlim(false);

        var attempts = Enumerable.Range(0, 12).Select(_ => Task.Run(async () =>
        {
            start.Wait();
            return await store.Log.AppendOnceAsync("key-race", head, "ledger", [new NewEvent(new AmountBooked(ledger, 42m, "pay once"))]);
        })).ToList();
        start.Set();
        var results = await Task.WhenAll(attempts);

        results.Select(r => r.LastSeqId).Distinct().Count().ShouldBe(1);
        results.Select(r => r.Version).ShouldAllBe(v => v == 2);
        var events = await store.Log.ReadStreamAsync(ledger);
        events.Count.ShouldBe(2);
        (await store.Log.Documents.LoadAsync<LedgerSummary>(ledger))!.Data.BalanceTco2.ShouldBe(42m);
    }

    [Fact]
    public async Task the_stream_writer_replays_the_stored_answer_for_a_repeated_command()
    {
        var writer = new CommandWriter(store.Log);
        var ledger = "ledger-writer";
        var key = new IdempotencyRequest("writer-key", IdempotencyKeys.HashOf("book", "10"));
        IReadOnlyList<object> Open(LedgerState state) => state.Open ? [] : [new LedgerOpened(ledger, "writer")];
        IReadOnlyList<object> Book(LedgerState state) => [new AmountBooked(ledger, 10m, "once")];

        await writer.WriteAsync(LedgerState.Decider, ledger, Open, o => o.Head.Version, new WriteOptions());
        var first = await writer.WriteAsync(LedgerState.Decider, ledger, Book, o => $"balance {o.State.BalanceTco2} at v{o.Head.Version}", new WriteOptions { Idempotency = key });
        var second = await writer.WriteAsync(LedgerState.Decider, ledger, Book, o => $"balance {o.State.BalanceTco2} at v{o.Head.Version}", new WriteOptions { Idempotency = key });

        first.Replayed.ShouldBeFalse();
        second.Replayed.ShouldBeTrue();
        second.Result.ShouldBe("balance 10 at v2");
        (await store.Log.ReadStreamAsync(ledger)).Count.ShouldBe(2);
    }

    [Fact]
    public async Task a_key_reused_for_a_different_request_is_refused()
    {
        var writer = new CommandWriter(store.Log);
        var ledger = "ledger-reuse";
        await writer.WriteAsync(LedgerState.Decider, ledger, _ => [new LedgerOpened(ledger, "x")], o => o.Head.Version,
            new WriteOptions { Idempotency = new IdempotencyRequest("reused", IdempotencyKeys.HashOf("open", ledger)) });

        await Should.ThrowAsync<IdempotencyKeyReusedException>(() =>
            writer.WriteAsync(LedgerState.Decider, "ledger-other", _ => [new LedgerOpened("ledger-other", "y")], o => o.Head.Version,
                new WriteOptions { Idempotency = new IdempotencyRequest("reused", IdempotencyKeys.HashOf("open", "ledger-other")) }));

        (await store.Log.FetchHeadAsync("ledger-other")).ShouldBeNull();
    }
}
