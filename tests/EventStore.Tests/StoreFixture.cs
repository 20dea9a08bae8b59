using Microsoft.Extensions.Logging.Abstractions;
using Mrv.EventStore.Schema;
using Mrv.Testing;
using Npgsql;

namespace Mrv.EventStore.Tests;

/// <summary>A database of the test class's own with the event store schema, and a store on it.</summary>
public sealed class StoreFixture : IAsyncLifetime
{
    public TestDatabase Database { get; private set; } = null!;
    public NpgsqlDataSource AppDataSource { get; private set; } = null!;
    public NpgsqlDataSource AdminDataSource { get; private set; } = null!;
    public ManualClock Clock { get; } = new();

    public static EventStoreOptions CreateOptions()
    {
        var options = new EventStoreOptions();
        options.Events
            .Register<LedgerOpened>("ledger_opened.v1")
            .Register<AmountBooked>("amount_booked.v1")
            .Register<LedgerClosed>("ledger_closed.v1");
        options.Documents
            .Register<LedgerSummary>("ledger_summary", filtered: true)
            .Register<AppliedEvent>("applied_events")
            .Register<LedgerBalance>("ledger_balances");
        options.InlineProjections.Add(new LedgerSummaryProjection());
        return options;
    }

    public static Task MigrateAsync(string adminConnectionString) =>
        new SchemaMigrator(adminConnectionString, NullLogger.Instance).MigrateAsync(
            MigrationScript.FromAssembly(typeof(EventLog).Assembly, "eventstore"),
            CreateOptions().Documents,
            TestDatabase.AppRole,
            TestDatabase.AppRolePassword);

    public EventLog Log { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Database = await TestDatabase.CreateAsync(MigrateAsync);
        AppDataSource = Database.CreateAppDataSource();
        AdminDataSource = Database.CreateAdminDataSource();
        Log = new EventLog(AppDataSource, CreateOptions(), Clock);
    }

    public async Task DisposeAsync()
    {
        await AppDataSource.DisposeAsync();
        await AdminDataSource.DisposeAsync();
        await Database.DisposeAsync();
    }

    /// <summary>A daemon for this database with its own projections, as one registry node would run it.</summary>
    public async Task<ProjectionDaemon> StartDaemonAsync(string node, params AsyncProjection[] projections)
    {
        var options = CreateOptions();
        options.AsyncProjections.AddRange(projections);
        var daemon = new ProjectionDaemon(AppDataSource, options, new DaemonOptions
        {
            BatchSize = 50,
            PollInterval = TimeSpan.FromMilliseconds(200),
            LeadershipRetryInterval = TimeSpan.FromMilliseconds(200),
            NodeName = node,
        }, TimeProvider.System, Microsoft.Extensions.Logging.Abstractions.NullLogger<ProjectionDaemon>.Instance);
        await daemon.StartAsync(CancellationToken.None);
        return daemon;
    }

    public ProjectionAdmin Admin(params AsyncProjection[] projections)
    {
        var options = CreateOptions();
        options.AsyncProjections.AddRange(projections);
        return new ProjectionAdmin(AppDataSource, options, TimeProvider.System, Microsoft.Extensions.Logging.Abstractions.NullLogger<ProjectionAdmin>.Instance);
    }

    public async Task<long> CountAsync(string sql)
    {
        await using var command = AdminDataSource.CreateCommand(sql);
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }
}
