using System.Diagnostics;

namespace Mrv.EventStore.Tests;

public sealed class DaemonLeadershipTests : IAsyncLifetime
{
    readonly StoreFixture store = new();

    public Task InitializeAsync() => store.InitializeAsync();
    public Task DisposeAsync() => store.DisposeAsync();

    async Task BookAsync(string ledger, int count, string note)
    {
        for (var i = 0; i < count; i++)
        {
            var head = await store.Log.FetchHeadAsync(ledger) ?? StreamHead.New(ledger);
            object @event = head.IsNew ? new LedgerOpened(ledger, "two nodes") : new AmountBooked(ledger, 1m, $"{note} {i}");
            await store.Log.AppendAsync(head, "ledger", [new NewEvent(@event)]);
        }
    }

    [Fact]
    public async Task two_nodes_on_one_database_apply_each_projection_exactly_once_and_the_survivor_takes_over()
    {
        var nodeA = await store.StartDaemonAsync("node-a", new AppliedEventsProjection("node-a"));
        var nodeB = await store.StartDaemonAsync("node-b", new AppliedEventsProjection("node-b"));

        await BookAsync("ledger-nodes", 120, "before");
        await nodeA.WaitForNonStaleAsync(TimeSpan.FromSeconds(30));

        var before = (await store.Log.Documents.QueryAsync<AppliedEvent>(new DocumentQuery { Limit = 1000 })).Items;
        before.Count.ShouldBe(119);
        before.ShouldAllBe(d => d.Data.Applications == 1);
        var leaderName = before.SelectMany(d => d.Data.AppliedBy).Distinct().Single();
        var (leader, survivor, survivorName) = leaderName == "node-a" ? (nodeA, nodeB, "node-b") : (nodeB, nodeA, "node-a");
        leader.Leading.ShouldBe(["applied_events"]);
        survivor.Leading.ShouldBeEmpty();

        // The leader goes away; the other node must carry on within 10 seconds.
        await leader.StopAsync(CancellationToken.None);
        leader.Dispose();
        var clock = Stopwatch.StartNew();
        await BookAsync("ledger-nodes", 30, "after");
        await survivor.WaitForNonStaleAsync(TimeSpan.FromSeconds(10));
        clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(10));
        await survivor.StopAsync(CancellationToken.None);

        var after = (await store.Log.Documents.QueryAsync<AppliedEvent>(new DocumentQuery { Limit = 1000 })).Items;
        after.Count.ShouldBe(149);
        after.ShouldAllBe(d => d.Data.Applications == 1);
        after.Where(d => d.Data.SeqId > before.Max(b => b.Data.SeqId)).ShouldAllBe(d => d.Data.AppliedBy.Single() == survivorName);
    }
}
