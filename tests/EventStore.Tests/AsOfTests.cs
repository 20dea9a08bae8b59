namespace Mrv.EventStore.Tests;

public sealed class AsOfTests(StoreFixture store) : IClassFixture<StoreFixture>
{
    [Fact]
    public async Task an_as_of_read_returns_the_state_the_registry_knew_at_that_time()
    {
        var ledger = "ledger-asof";
        var monday = new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.FromHours(8));
        store.Clock.Set(monday);
        await store.Log.StartStreamAsync(ledger, "ledger", [new NewEvent(new LedgerOpened(ledger, "owner"))]);
        store.Clock.Set(monday.AddDays(1));
        await store.Log.AppendAsync(ledger, 1, "ledger", [new NewEvent(new AmountBooked(ledger, 1000m, "tuesday"))]);
        store.Clock.Set(monday.AddDays(2));
        await store.Log.AppendAsync(ledger, 2, "ledger", [new NewEvent(new AmountBooked(ledger, 250m, "wednesday"))]);

        var now = await store.Log.AggregateAsync(ledger, LedgerState.Empty, LedgerState.Evolve);
        var tuesdayEvening = await store.Log.AggregateAsync(ledger, LedgerState.Empty, LedgerState.Evolve, asOf: monday.AddDays(1).AddHours(10));
        var beforeOpening = await store.Log.AggregateAsync(ledger, LedgerState.Empty, LedgerState.Evolve, asOf: monday.AddMinutes(-1));

        now.State.BalanceTco2.ShouldBe(1250m);
        tuesdayEvening.State.BalanceTco2.ShouldBe(1000m);
        tuesdayEvening.Version.ShouldBe(2);
        beforeOpening.Exists.ShouldBeFalse();
    }

    [Fact]
    public async Task business_time_and_recording_time_are_kept_apart()
    {
        var ledger = "ledger-times";
        var recorded = new DateTimeOffset(2026, 4, 10, 10, 0, 0, TimeSpan.Zero);
        var happened = new DateTimeOffset(2026, 3, 31, 23, 59, 0, TimeSpan.Zero);
        store.Clock.Set(recorded);

        await store.Log.StartStreamAsync(ledger, "ledger", [new NewEvent(new LedgerOpened(ledger, "late filer"), OccurredAt: happened)]);

        var stored = (await store.Log.ReadStreamAsync(ledger)).Single();
        stored.OccurredAt.ShouldBe(happened);
        stored.RecordedAt.ShouldBe(recorded);
    }

    [Fact]
    public async Task several_streams_read_at_once_fold_to_the_same_states_as_one_by_one_as_of_any_time()
    {
        var monday = new DateTimeOffset(2026, 5, 4, 9, 0, 0, TimeSpan.FromHours(8));
        string first = "ledger-many-1", second = "ledger-many-2", never = "ledger-many-none";
        store.Clock.Set(monday);
        await store.Log.StartStreamAsync(first, "ledger", [new NewEvent(new LedgerOpened(first, "a")), new NewEvent(new AmountBooked(first, 10m, "one"))]);
        store.Clock.Set(monday.AddDays(1));
        await store.Log.StartStreamAsync(second, "ledger", [new NewEvent(new LedgerOpened(second, "b"))]);
        await store.Log.AppendAsync(first, 2, "ledger", [new NewEvent(new AmountBooked(first, 5m, "two"))]);

        foreach (DateTimeOffset? asOf in new DateTimeOffset?[] { null, monday.AddHours(1), monday.AddMinutes(-1) })
        {
            var streams = await store.Log.ReadStreamsAsync([first, second, never], asOf);
            foreach (var id in new[] { first, second, never })
            {
                var together = EventLog.Fold(id, streams.GetValueOrDefault(id), LedgerState.Empty, LedgerState.Evolve);
                var alone = await store.Log.AggregateAsync(id, LedgerState.Empty, LedgerState.Evolve, asOf);
                together.State.ShouldBe(alone.State, $"{id} as of {asOf}");
                together.Version.ShouldBe(alone.Version, $"{id} as of {asOf}");
                together.Head.HeadHash.ShouldBe(alone.Head.HeadHash);
            }
            streams.ContainsKey(never).ShouldBeFalse();
        }
        (await store.Log.ReadStreamsAsync([first])).Single().Value.Select(e => e.Version).ShouldBe([1L, 2L, 3L]);
        (await store.Log.ReadStreamsAsync([first], monday.AddHours(1))).Single().Value.Count.ShouldBe(2);
    }
}
