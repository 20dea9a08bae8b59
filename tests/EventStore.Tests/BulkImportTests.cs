namespace Mrv.EventStore.Tests;

public sealed class BulkImportTests : IAsyncLifetime
{
    readonly StoreFixture store = new();

    public Task InitializeAsync() => store.InitializeAsync();
    public Task DisposeAsync() => store.DisposeAsync();

    static StreamImport Ledger(int n, int bookings) => new($"ledger-import-{n:D4}", "ledger",
    [
        new NewEvent(new LedgerOpened($"ledger-import-{n:D4}", $"owner {n}")),
        .. Enumerable.Range(1, bookings).Select(b => new NewEvent(new AmountBooked($"ledger-import-{n:D4}", b * 1.5m, $"history {b}"))),
    ]);

    [Fact]
    public async Task an_import_appends_every_stream_with_intact_chains_and_inline_documents()
    {
        var imported = await store.Log.ImportAsync(Enumerable.Range(0, 300).Select(n => Ledger(n, 9)).ToList(), new EventMetadata("importer", "import-1", null));

        imported.ShouldBe(3000);
        var chains = await HashChainVerifier.VerifyAsync(store.AdminDataSource);
        chains.Intact.ShouldBeTrue(chains.FirstBreak?.ToString());
        chains.Events.ShouldBe(3000);
        var ledger = await store.Log.AggregateAsync("ledger-import-0042", LedgerState.Empty, LedgerState.Evolve);
        ledger.Version.ShouldBe(10);
        ledger.State.BalanceTco2.ShouldBe(Enumerable.Range(1, 9).Sum(b => b * 1.5m));
        (await store.Log.Documents.LoadAsync<LedgerSummary>("ledger-import-0042"))!.Data.Bookings.ShouldBe(9);
        // Later appends continue the imported chain.
        await store.Log.AppendAsync(ledger.Head, "ledger", [new NewEvent(new AmountBooked("ledger-import-0042", 1m, "after import"))]);
        (await HashChainVerifier.VerifyAsync(store.AdminDataSource)).Intact.ShouldBeTrue();
    }

    [Fact]
    public async Task an_import_touching_an_existing_stream_imports_nothing()
    {
        await store.Log.StartStreamAsync("ledger-import-0002", "ledger", [new NewEvent(new LedgerOpened("ledger-import-0002", "already here"))]);
        var eventsBefore = await store.CountAsync("select count(*) from eventstore.events");

        await Should.ThrowAsync<ConcurrencyException>(() => store.Log.ImportAsync(Enumerable.Range(0, 5).Select(n => Ledger(n, 3)).ToList()));

        (await store.CountAsync("select count(*) from eventstore.events")).ShouldBe(eventsBefore);
        (await store.CountAsync("select count(*) from eventstore.streams")).ShouldBe(1);
    }

    [Fact]
    public async Task async_projections_pick_up_imported_events()
    {
        var daemon = await store.StartDaemonAsync("node-a", new LedgerBalanceProjection());
        await store.Log.ImportAsync(Enumerable.Range(0, 50).Select(n => Ledger(n, 4)).ToList());

        await daemon.WaitForNonStaleAsync(TimeSpan.FromSeconds(30));
        await daemon.StopAsync(CancellationToken.None);

        (await store.Log.Documents.LoadAsync<LedgerBalance>("ledger-import-0049"))!.Data.Bookings.ShouldBe(4);
        (await store.CountAsync("select count(*) from readmodels.ledger_balances")).ShouldBe(50);
    }
}
