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
}
