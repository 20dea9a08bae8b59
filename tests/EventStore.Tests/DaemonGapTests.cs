namespace Mrv.EventStore.Tests;

/// <summary>The daemon must never skip a committed event, whatever order transactions commit in.</summary>
public sealed class DaemonGapTests : IAsyncLifetime
{
    readonly StoreFixture store = new();

    public Task InitializeAsync() => store.InitializeAsync();
    public Task DisposeAsync() => store.DisposeAsync();

    [Fact]
    public async Task rolled_back_and_long_held_appends_never_make_a_projection_skip_or_repeat_an_event()
    {
        const int writers = 8, appendsPerWriter = 60;
        var daemon = await store.StartDaemonAsync("node-a", new AppliedEventsProjection("node-a"));
        var committed = new System.Collections.Concurrent.ConcurrentBag<Guid>();
        var rolledBack = 0;
        var heldOpen = 0;

        await Task.WhenAll(Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
        {
            var random = new Random(1000 + w);
            var ledger = $"ledger-gap-{w}";
            await store.Log.StartStreamAsync(ledger, "ledger", [new NewEvent(new LedgerOpened(ledger, $"writer {w}"))]);
            for (var i = 0; i < appendsPerWriter; i++)
            {
                var roll = random.NextDouble();
                await using var transaction = await store.Log.BeginAsync();
                var head = (await store.Log.FetchHeadAsync(ledger))!;
                var result = await transaction.AppendAsync(head, "ledger", [new NewEvent(new AmountBooked(ledger, i, $"w{w}-{i}"))]);
                if (roll < 0.05)
                {
                    // The sequence number is taken and never committed: a permanent gap.
                    await transaction.RollbackAsync();
                    Interlocked.Increment(ref rolledBack);
                    continue;
                }
                if (roll < 0.10)
                {
                    // Held open while the other writers commit later sequence numbers.
                    Interlocked.Increment(ref heldOpen);
                    await Task.Delay(random.Next(500, 2500));
                }
                await transaction.CommitAsync();
                committed.Add(result.Events[0].Id);
            }
        })));

        await daemon.WaitForNonStaleAsync(TimeSpan.FromSeconds(60));
        await daemon.StopAsync(CancellationToken.None);

        rolledBack.ShouldBeGreaterThan(0, "the test must actually roll some appends back");
        heldOpen.ShouldBeGreaterThan(0, "the test must actually hold some transactions open");
        var applied = await store.Log.Documents.QueryAsync<AppliedEvent>(new DocumentQuery { Limit = 10_000 });
        applied.Items.Select(d => Guid.Parse(d.Id)).ToHashSet().SetEquals(committed).ShouldBeTrue(
            $"applied {applied.Total} documents for {committed.Count} committed events");
        applied.Items.ShouldAllBe(d => d.Data.Applications == 1);
        (await store.CountAsync("select count(*) from eventstore.events where type = 'amount_booked.v1'")).ShouldBe(committed.Count);
    }

    [Fact]
    public async Task a_transaction_held_open_stops_the_high_water_mark_before_its_event_until_it_commits()
    {
        var daemon = await store.StartDaemonAsync("node-a", new AppliedEventsProjection("node-a"));
        var ledger = "ledger-slow";
        await store.Log.StartStreamAsync(ledger, "ledger", [new NewEvent(new LedgerOpened(ledger, "slow"))]);
        await store.Log.StartStreamAsync("ledger-fast", "ledger", [new NewEvent(new LedgerOpened("ledger-fast", "fast"))]);

        await using var slow = await store.Log.BeginAsync();
        var held = await slow.AppendAsync((await store.Log.FetchHeadAsync(ledger))!, "ledger", [new NewEvent(new AmountBooked(ledger, 1m, "slow"))]);
        var later = new List<AppendResult>();
        for (var i = 0; i < 5; i++)
        {
            var head = (await store.Log.FetchHeadAsync("ledger-fast"))!;
            later.Add(await store.Log.AppendAsync(head, "ledger", [new NewEvent(new AmountBooked("ledger-fast", 1m, $"fast {i}"))]));
        }
        later[0].LastSeqId.ShouldBeGreaterThan(held.LastSeqId);

        // Give the daemon every chance to move on: it must not pass the open transaction's number.
        await Task.Delay(1500);
        daemon.HighWaterMark.ShouldBeLessThan(held.LastSeqId);
        (await store.CountAsync("select count(*) from readmodels.applied_events")).ShouldBe(0);

        await slow.CommitAsync();
        await daemon.WaitForNonStaleAsync(TimeSpan.FromSeconds(10));
        await daemon.StopAsync(CancellationToken.None);

        (await store.Log.Documents.LoadAsync<AppliedEvent>(held.Events[0].Id.ToString())).ShouldNotBeNull();
        (await store.CountAsync("select count(*) from readmodels.applied_events")).ShouldBe(6);
    }
}
