namespace Mrv.EventStore.Tests;

public sealed class TransactionTests(StoreFixture store) : IClassFixture<StoreFixture>
{
    [Fact]
    public async Task a_rolled_back_append_changes_neither_events_nor_documents()
    {
        var ledger = "ledger-rollback";
        await store.Log.StartStreamAsync(ledger, "ledger", [new NewEvent(new LedgerOpened(ledger, "owner"))]);
        var head = (await store.Log.FetchHeadAsync(ledger))!;
        var eventsBefore = await store.CountAsync("select count(*) from eventstore.events");

        await using (var transaction = await store.Log.BeginAsync())
        {
            await transaction.AppendAsync(head, "ledger", [new NewEvent(new AmountBooked(ledger, 500m, "never committed"))]);
            (await transaction.Documents.LoadAsync<LedgerSummary>(ledger))!.Data.BalanceTco2.ShouldBe(500m);
            await transaction.RollbackAsync();
        }

        (await store.CountAsync("select count(*) from eventstore.events")).ShouldBe(eventsBefore);
        (await store.Log.FetchHeadAsync(ledger))!.Version.ShouldBe(1);
        var summary = await store.Log.Documents.LoadAsync<LedgerSummary>(ledger);
        summary!.Data.BalanceTco2.ShouldBe(0m);
        summary.Version.ShouldBe(1);
    }

    [Fact]
    public async Task a_failing_inline_projection_fails_the_append_and_writes_nothing()
    {
        var ledger = "ledger-projection-fails";
        await store.Log.StartStreamAsync(ledger, "ledger", [new NewEvent(new LedgerOpened(ledger, "owner"))]);
        var head = (await store.Log.FetchHeadAsync(ledger))!;

        await Should.ThrowAsync<InvalidOperationException>(() =>
            store.Log.AppendAsync(head, "ledger", [new NewEvent(new AmountBooked(ledger, 7m, "fine")), new NewEvent(new AmountBooked(ledger, 1m, "explode"))]));

        (await store.Log.ReadStreamAsync(ledger)).Count.ShouldBe(1);
        (await store.Log.Documents.LoadAsync<LedgerSummary>(ledger))!.Data.Bookings.ShouldBe(0);
    }

    [Fact]
    public async Task a_new_stream_whose_append_is_rolled_back_does_not_exist()
    {
        var ledger = "ledger-never";
        await using (var transaction = await store.Log.BeginAsync())
        {
            await transaction.AppendAsync(StreamHead.New(ledger), "ledger", [new NewEvent(new LedgerOpened(ledger, "ghost"))]);
        }

        (await store.Log.FetchHeadAsync(ledger)).ShouldBeNull();
        (await store.Log.Documents.LoadAsync<LedgerSummary>(ledger)).ShouldBeNull();
    }

    [Fact]
    public async Task documents_can_be_queried_by_containment_with_paging()
    {
        for (var i = 0; i < 5; i++)
        {
            var id = $"ledger-query-{i}";
            await store.Log.StartStreamAsync(id, "ledger", [new NewEvent(new LedgerOpened(id, i % 2 == 0 ? "even-owner" : "odd-owner"))]);
        }

        var page = await store.Log.Documents.QueryAsync<LedgerSummary>(new DocumentQuery
        {
            Contains = new { owner = "even-owner" },
            OrderBy = "ledgerId",
            Descending = true,
            Limit = 2,
        });

        page.Total.ShouldBe(3);
        page.Items.Select(d => d.Id).ShouldBe(["ledger-query-4", "ledger-query-2"]);
    }
}
