namespace Mrv.EventStore.Tests;

public sealed class ConcurrentAppendTests(StoreFixture store) : IClassFixture<StoreFixture>
{
    [Fact]
    public async Task sixteen_appenders_racing_on_one_stream_get_exactly_one_winner_per_version()
    {
        const int writers = 16, rounds = 20;
        var ledger = "ledger-race";
        await store.Log.StartStreamAsync(ledger, "ledger", [new NewEvent(new LedgerOpened(ledger, "race"))]);
        var seqBefore = await store.CountAsync("select last_value from eventstore.event_seq");

        var winnersPerVersion = new Dictionary<long, int>();
        for (var round = 0; round < rounds; round++)
        {
            // Every writer read the same head, so all but one must lose.
            var head = (await store.Log.FetchHeadAsync(ledger))!;
            using var start = new ManualResetEventSlim(false);
            var attempts = Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
            {
                start.Wait();
                try
                {
                    var result = await store.Log.AppendAsync(head, "ledger", [new NewEvent(new AmountBooked(ledger, 1m, $"round {round} writer {w}"))]);
                    return (Won: true, Version: result.Version);
                }
                catch (ConcurrencyException conflict)
                {
                    conflict.ExpectedVersion.ShouldBe(head.Version);
                    return (Won: false, Version: -1L);
                }
            })).ToList();
            start.Set();
            var outcomes = await Task.WhenAll(attempts);

            outcomes.Count(o => o.Won).ShouldBe(1, $"round {round}");
            outcomes.Count(o => !o.Won).ShouldBe(writers - 1);
            var version = outcomes.Single(o => o.Won).Version;
            winnersPerVersion[version] = winnersPerVersion.GetValueOrDefault(version) + 1;
        }

        var events = await store.Log.ReadStreamAsync(ledger);
        events.Select(e => e.Version).ShouldBe(Enumerable.Range(1, rounds + 1).Select(v => (long)v));
        winnersPerVersion.Keys.Order().ShouldBe(Enumerable.Range(2, rounds).Select(v => (long)v));
        winnersPerVersion.Values.ShouldAllBe(count => count == 1);

        // Losers were refused before taking a sequence number: the sequence advanced only for winners.
        var seqAfter = await store.CountAsync("select last_value from eventstore.event_seq");
        (seqAfter - seqBefore).ShouldBe(rounds);
    }

    [Fact]
    public async Task sixteen_writers_retrying_on_conflict_leave_no_duplicate_or_missing_version()
    {
        const int writers = 16, perWriter = 15;
        var ledger = "ledger-retry";
        await store.Log.StartStreamAsync(ledger, "ledger", [new NewEvent(new LedgerOpened(ledger, "retry"))]);
        var conflicts = 0;

        await Task.WhenAll(Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
        {
            for (var i = 0; i < perWriter; i++)
            {
                while (true)
                {
                    var head = (await store.Log.FetchHeadAsync(ledger))!;
                    try
                    {
                        await store.Log.AppendAsync(head, "ledger", [new NewEvent(new AmountBooked(ledger, 1m, $"w{w}-{i}"))]);
                        break;
                    }
                    catch (ConcurrencyException)
                    {
                        Interlocked.Increment(ref conflicts);
                    }
                }
            }
        })));

        var events = await store.Log.ReadStreamAsync(ledger);
        events.Count.ShouldBe(1 + writers * perWriter);
        events.Select(e => e.Version).ShouldBe(Enumerable.Range(1, events.Count).Select(v => (long)v));
        events.Skip(1).Select(e => ((AmountBooked)e.Data).Note).Distinct().Count().ShouldBe(writers * perWriter);
        (await store.Log.FetchHeadAsync(ledger))!.Version.ShouldBe(events.Count);
        var summary = await store.Log.Documents.LoadAsync<LedgerSummary>(ledger);
        summary!.Data.Bookings.ShouldBe(writers * perWriter);
        conflicts.ShouldBeGreaterThan(0, "the writers never actually raced");
    }

    [Fact]
    public async Task starting_a_stream_that_exists_is_a_concurrency_error()
    {
        var ledger = "ledger-twice";
        await store.Log.StartStreamAsync(ledger, "ledger", [new NewEvent(new LedgerOpened(ledger, "first"))]);

        var error = await Should.ThrowAsync<ConcurrencyException>(() =>
            store.Log.StartStreamAsync(ledger, "ledger", [new NewEvent(new LedgerOpened(ledger, "second"))]));

        error.ActualVersion.ShouldBe(1);
        var events = await store.Log.ReadStreamAsync(ledger);
        ((LedgerOpened)events.Single().Data).Owner.ShouldBe("first");
    }

    [Fact]
    public async Task an_unregistered_event_type_cannot_be_appended()
    {
        var ledger = "ledger-unregistered";
        await Should.ThrowAsync<Serialization.UnknownEventTypeException>(() =>
            store.Log.StartStreamAsync(ledger, "ledger", [new NewEvent(new NotRegistered("x"))]));

        (await store.Log.FetchHeadAsync(ledger)).ShouldBeNull();
        (await store.CountAsync("select count(*) from eventstore.events where stream_id = 'ledger-unregistered'")).ShouldBe(0);
    }
}
