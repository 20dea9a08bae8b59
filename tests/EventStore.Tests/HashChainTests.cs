using Mrv.Testing;
using Npgsql;

namespace Mrv.EventStore.Tests;

/// <summary>Each test tampers with a database of its own, so one test's damage never hides another's.</summary>
public sealed class HashChainTests : IAsyncLifetime
{
    readonly StoreFixture store = new();

    public Task InitializeAsync() => store.InitializeAsync();
    public Task DisposeAsync() => store.DisposeAsync();

    async Task SeedAsync()
    {
        foreach (var name in new[] { "ledger-a", "ledger-b", "ledger-c" })
        {
            await store.Log.StartStreamAsync(name, "ledger", [new NewEvent(new LedgerOpened(name, "owner of " + name))]);
            for (var i = 1; i <= 4; i++)
            {
                store.Clock.Advance(TimeSpan.FromMinutes(1));
                var head = (await store.Log.FetchHeadAsync(name))!;
                await store.Log.AppendAsync(head, "ledger", [new NewEvent(new AmountBooked(name, 100.125m * i, $"booking {i}"))],
                    new EventMetadata("alice", $"corr-{i}", null));
            }
        }
    }

    Task<ChainVerification> VerifyAsync() => HashChainVerifier.VerifyAsync(store.AdminDataSource);

    [Fact]
    public async Task an_untouched_store_verifies_and_counts_every_event()
    {
        await SeedAsync();

        var result = await VerifyAsync();

        result.Intact.ShouldBeTrue(result.FirstBreak?.ToString());
        result.Streams.ShouldBe(3);
        result.Events.ShouldBe(15);
    }

    [Fact]
    public async Task editing_an_event_row_breaks_the_chain_at_that_event()
    {
        await SeedAsync();

        await store.Database.ExecuteAsAdminAsync(
            "update eventstore.events set data = jsonb_set(data, '{amountTco2}', '1.000') where stream_id = 'ledger-b' and version = 3");

        var result = await VerifyAsync();
        result.Intact.ShouldBeFalse();
        result.FirstBreak!.StreamId.ShouldBe("ledger-b");
        result.FirstBreak.Version.ShouldBe(3);
        result.FirstBreak.Reason.ShouldContain("edited");
    }

    [Fact]
    public async Task editing_who_recorded_an_event_breaks_the_chain()
    {
        await SeedAsync();

        await store.Database.ExecuteAsAdminAsync("update eventstore.events set user_name = 'mallory' where stream_id = 'ledger-a' and version = 2");

        var result = await VerifyAsync();
        result.FirstBreak.ShouldNotBeNull();
        (result.FirstBreak.StreamId, result.FirstBreak.Version).ShouldBe(("ledger-a", 2L));
    }

    [Fact]
    public async Task deleting_an_event_row_breaks_the_chain_where_it_was()
    {
        await SeedAsync();

        await store.Database.ExecuteAsAdminAsync("delete from eventstore.events where stream_id = 'ledger-c' and version = 2");

        var result = await VerifyAsync();
        result.FirstBreak.ShouldNotBeNull();
        (result.FirstBreak.StreamId, result.FirstBreak.Version).ShouldBe(("ledger-c", 3L));
    }

    [Fact]
    public async Task deleting_the_last_event_of_a_stream_is_caught_by_its_head()
    {
        await SeedAsync();

        await store.Database.ExecuteAsAdminAsync("delete from eventstore.events where stream_id = 'ledger-a' and version = 5");

        var result = await VerifyAsync();
        result.FirstBreak.ShouldNotBeNull();
        (result.FirstBreak.StreamId, result.FirstBreak.Version).ShouldBe(("ledger-a", 5L));
    }

    [Fact]
    public async Task swapping_two_events_of_a_stream_breaks_the_chain()
    {
        await SeedAsync();

        await store.Database.ExecuteAsAdminAsync("""
            update eventstore.events set version = version + 1000 where stream_id = 'ledger-b' and version in (2, 3);
            update eventstore.events set version = case version when 1002 then 3 else 2 end where stream_id = 'ledger-b' and version in (1002, 1003);
            """);

        var result = await VerifyAsync();
        result.FirstBreak.ShouldNotBeNull();
        (result.FirstBreak.StreamId, result.FirstBreak.Version).ShouldBe(("ledger-b", 2L));
    }

    [Fact]
    public async Task swapping_the_contents_of_two_events_breaks_the_chain()
    {
        await SeedAsync();

        await store.Database.ExecuteAsAdminAsync("""
            with a as (select data from eventstore.events where stream_id = 'ledger-c' and version = 4),
                 b as (select data from eventstore.events where stream_id = 'ledger-c' and version = 5)
            update eventstore.events e set data = case e.version when 4 then (select data from b) else (select data from a) end
            where e.stream_id = 'ledger-c' and e.version in (4, 5);
            """);

        var result = await VerifyAsync();
        result.FirstBreak.ShouldNotBeNull();
        (result.FirstBreak.StreamId, result.FirstBreak.Version).ShouldBe(("ledger-c", 4L));
    }

    [Fact]
    public async Task the_application_role_cannot_update_or_delete_events()
    {
        await SeedAsync();

        var update = await Should.ThrowAsync<PostgresException>(async () =>
        {
            await using var command = store.AppDataSource.CreateCommand("update eventstore.events set type = 'x' where stream_id = 'ledger-a'");
            await command.ExecuteNonQueryAsync();
        });
        update.SqlState.ShouldBe(PostgresErrorCodes.InsufficientPrivilege);

        var delete = await Should.ThrowAsync<PostgresException>(async () =>
        {
            await using var command = store.AppDataSource.CreateCommand("delete from eventstore.events");
            await command.ExecuteNonQueryAsync();
        });
        delete.SqlState.ShouldBe(PostgresErrorCodes.InsufficientPrivilege);

        (await VerifyAsync()).Intact.ShouldBeTrue();
    }

    [Fact]
    public async Task the_chain_can_be_checked_with_sql_alone()
    {
        await SeedAsync();

        var mismatches = await store.CountAsync("""
            select count(*) from eventstore.events e
            where e.hash <> eventstore.event_hash(e.prev_hash, e.stream_id, e.version, e.type, e.data, e.occurred_at,
                                                  e.recorded_at, e.tenant, e.user_name, e.correlation_id, e.causation_id)
            """);
        mismatches.ShouldBe(0);
        (await store.CountAsync("select count(*) from eventstore.events")).ShouldBe(15);
    }
}
