namespace Mrv.EventStore.Tests;

public sealed class RebuildTests : IAsyncLifetime
{
    readonly StoreFixture store = new();

    public Task InitializeAsync() => store.InitializeAsync();
    public Task DisposeAsync() => store.DisposeAsync();

    async Task SeedAsync(int ledgers, int bookings)
    {
        for (var l = 0; l < ledgers; l++)
        {
            var ledger = $"ledger-rebuild-{l:D2}";
            await store.Log.StartStreamAsync(ledger, "ledger", [new NewEvent(new LedgerOpened(ledger, "owner"))]);
            for (var b = 0; b < bookings; b++)
            {
                await store.Log.AppendAsync((await store.Log.FetchHeadAsync(ledger))!, "ledger",
                    [new NewEvent(new AmountBooked(ledger, 10.5m * (b + 1), $"booking {b}"))]);
            }
        }
    }

    async Task<List<string>> SnapshotAsync()
    {
        var rows = new List<string>();
        await using var command = store.AdminDataSource.CreateCommand(
            "select id || '|' || data::text || '|' || version || '|' || updated_at::text from readmodels.ledger_balances order by id");
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) rows.Add(reader.GetString(0));
        return rows;
    }

    [Fact]
    public async Task a_rebuild_gives_byte_identical_documents()
    {
        var projection = new LedgerBalanceProjection();
        var daemon = await store.StartDaemonAsync("node-a", projection);
        await SeedAsync(ledgers: 12, bookings: 15);
        await daemon.WaitForNonStaleAsync(TimeSpan.FromSeconds(30));
        var before = await SnapshotAsync();

        var result = await store.Admin(projection).RebuildAsync("ledger_balances", batchSize: 37);

        result.Events.ShouldBe(12 * 15);
        var after = await SnapshotAsync();
        after.Count.ShouldBe(12);
        after.ShouldBe(before);
        await daemon.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task while_rebuilding_readers_see_the_old_documents_complete_and_the_state_says_rebuilding()
    {
        var projection = new LedgerBalanceProjection();
        var daemon = await store.StartDaemonAsync("node-a", projection);
        await SeedAsync(ledgers: 6, bookings: 10);
        await daemon.WaitForNonStaleAsync(TimeSpan.FromSeconds(30));
        var before = await SnapshotAsync();

        var slowReplay = new LedgerBalanceProjection { DelayPerBatch = TimeSpan.FromMilliseconds(300) };
        var admin = store.Admin(slowReplay);
        var rebuilding = admin.RebuildAsync("ledger_balances", batchSize: 10);

        await Task.Delay(700);
        rebuilding.IsCompleted.ShouldBeFalse();
        (await admin.StatusAsync()).Single().State.ShouldBe(ProjectionAdmin.Rebuilding);
        (await SnapshotAsync()).ShouldBe(before);

        await rebuilding;
        (await SnapshotAsync()).ShouldBe(before);
        (await admin.StatusAsync()).Single().State.ShouldBe(ProjectionAdmin.Running);

        // The runner carries on after the rebuild with new events.
        await store.Log.AppendAsync((await store.Log.FetchHeadAsync("ledger-rebuild-00"))!, "ledger",
            [new NewEvent(new AmountBooked("ledger-rebuild-00", 1m, "after rebuild"))]);
        await daemon.WaitForNonStaleAsync(TimeSpan.FromSeconds(10));
        (await store.Log.Documents.LoadAsync<LedgerBalance>("ledger-rebuild-00"))!.Data.Bookings.ShouldBe(11);
        await daemon.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task the_status_shows_progress_lag_and_a_stopped_projection()
    {
        var projection = new LedgerBalanceProjection();
        var admin = store.Admin(projection);
        await SeedAsync(ledgers: 2, bookings: 5);

        var stopped = (await admin.StatusAsync()).Single();
        stopped.State.ShouldBe(ProjectionAdmin.Stopped);
        stopped.LastSeqId.ShouldBe(0);
        stopped.LagEvents.ShouldBe(10);

        var daemon = await store.StartDaemonAsync("node-a", projection);
        await daemon.WaitForNonStaleAsync(TimeSpan.FromSeconds(30));
        var running = (await admin.StatusAsync()).Single();
        running.State.ShouldBe(ProjectionAdmin.Running);
        running.LagEvents.ShouldBe(0);
        running.LastSeqId.ShouldBe(await store.CountAsync("select max(seq_id) from eventstore.events"));
        await daemon.StopAsync(CancellationToken.None);
    }
}
