using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Mrv.EventStore;
using Mrv.Faults.Tests.Drills;
using Mrv.Registry.Demo;
using Mrv.Registry.Hosting;
using Mrv.Testing;
using Npgsql;
using Xunit.Abstractions;

namespace Mrv.Faults.Tests;

/// <summary>
/// The restore drill: a province's demo registry backed up with ./mrv backup, restored with
/// ./mrv restore into a fresh cluster, holds the same events (still the province's) with intact hash
/// chains, and its read models rebuilt from those events are the originals, row for row.
/// </summary>
public sealed class BackupRestoreTests(ITestOutputHelper output)
{
    static readonly TimeSpan ScriptTimeout = TimeSpan.FromMinutes(4);

    /// <summary>Inner Mongolia (GB/T 2260): the tenant of every event in this province's database.</summary>
    const string Province = "150000";

    [Fact]
    public async Task a_backup_restored_into_a_fresh_cluster_has_every_event_and_rebuilds_the_same_read_models()
    {
        var clock = Stopwatch.StartNew();
        await using var database = await TestDatabase.CreateAsync(Drill.MigrateAsync);
        await using (var host = await DrillHost.StartAsync(database.AdminConnectionString, "backup-source", new Dictionary<string, string> { ["Mrv:Tenant"] = Province }))
        {
            await host.Services.GetRequiredService<DemoData>().SeedAsync(TextWriter.Null);
            await host.WaitForProjectionsAsync(TimeSpan.FromSeconds(120));
        }
        var seeded = clock.Elapsed;
        var original = await ReadModelsAsync(database.AdminConnectionString);
        var originalEvents = await EventCountAsync(database.AdminConnectionString);

        var folder = Programs.NewDrillFolder("restore");
        var port = FreePorts.Next();
        var fresh = new Dictionary<string, string> { ["MRV_DATA_DIR"] = folder, ["MRV_PG_PORT"] = port.ToString() };
        try
        {
            var dump = Path.Combine(folder, "registry.dump");
            (await MrvScript.RunAsync(["backup", dump], new Dictionary<string, string> { ["MRV_DB"] = database.AdminConnectionString }, ScriptTimeout))
                .Checked("./mrv backup");
            var backedUp = clock.Elapsed;
            var restore = (await MrvScript.RunAsync(["restore", dump], fresh, ScriptTimeout)).Checked("./mrv restore");
            var restored = clock.Elapsed;
            restore.Output.ShouldContain("hash chains intact");
            var again = await MrvScript.RunAsync(["restore", dump], fresh, ScriptTimeout);
            again.ExitCode.ShouldNotBe(0, "a restore never goes over a database that holds a registry without --replace");
            again.Output.ShouldContain("nothing was changed");

            var admin = $"Host=127.0.0.1;Port={port};Database=mrv;Username=postgres;Password={MrvScript.Secret(folder, port, "MRV_PG_SUPERPASS")}";
            (await EventCountAsync(admin)).ShouldBe(originalEvents);
            (await EventCountAsync(admin, $"tenant = '{Province}'")).ShouldBe(originalEvents, "the province's database keeps its tenant");
            await using (var dataSource = NpgsqlDataSource.Create(admin))
            {
                var chains = await HashChainVerifier.VerifyAsync(dataSource);
                chains.Intact.ShouldBeTrue(chains.FirstBreak?.ToString());
                chains.Events.ShouldBe(originalEvents);
                await RebuildEverythingAsync(dataSource);
            }
            var rebuilt = await ReadModelsAsync(admin);

            original.Sum(t => t.Value.Count).ShouldBeGreaterThan(100, "the demo fills the read models");
            rebuilt.Keys.ShouldBe(original.Keys, ignoreOrder: true);
            foreach (var (table, rows) in original) rebuilt[table].ShouldBe(rows, $"readmodels.{table} rebuilt from the restored log");
            output.WriteLine($"{originalEvents} events, {original.Sum(t => t.Value.Count)} documents in {original.Count} tables; demo seeded in {seeded.TotalSeconds:F1} s, " +
                             $"backup {(backedUp - seeded).TotalSeconds:F1} s ({new FileInfo(dump).Length / 1024} KiB), restore into a fresh cluster " +
                             $"(initdb, pg_restore, migrate, verify) {(restored - backedUp).TotalSeconds:F1} s; drill {clock.Elapsed.TotalSeconds:F1} s.");
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await MrvScript.RunAsync(["db", "stop"], fresh, ScriptTimeout);
            Programs.DeleteFolder(folder);
        }
    }

    /// <summary>
    /// Every read model from the log alone: the async projections through their rebuild, the inline
    /// ones (written with their events at append time) by emptying their tables and folding every
    /// stream through them again, in one transaction.
    /// </summary>
    static async Task RebuildEverythingAsync(NpgsqlDataSource dataSource)
    {
        var store = RegistryApp.StoreOptions();
        var admin = new ProjectionAdmin(dataSource, store, TimeProvider.System, NullLogger<ProjectionAdmin>.Instance);
        foreach (var projection in store.AsyncProjections) await admin.RebuildAsync(projection.Name);

        var log = new Mrv.EventStore.EventLog(dataSource, store, TimeProvider.System);
        var asyncTables = store.AsyncProjections.SelectMany(p => p.DocumentTypes).Select(t => store.Documents.For(t).QualifiedTable).ToHashSet();
        await using var transaction = await log.BeginAsync();
        foreach (var table in store.Documents.All.Select(d => d.QualifiedTable).Where(t => !asyncTables.Contains(t)))
        {
            await using var empty = new NpgsqlCommand($"delete from {table}", transaction.Connection, transaction.Transaction);
            await empty.ExecuteNonQueryAsync();
        }
        var streams = new List<string>();
        await using (var list = new NpgsqlCommand("select id from eventstore.streams order by id", transaction.Connection, transaction.Transaction))
        await using (var reader = await list.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync()) streams.Add(reader.GetString(0));
        }
        // In the log's own order, one run of a stream's events at a time, as they were appended: a
        // read model fed by many streams (an agency's workload lists engagements in the order they
        // were assigned) comes back identical, not reordered by stream id.
        var all = (await log.ReadStreamsAsync(streams)).Values.SelectMany(e => e).OrderBy(e => e.SeqId).ToList();
        var documents = new DocumentSession(transaction.Connection, transaction.Transaction, store.Documents);
        for (var start = 0; start < all.Count;)
        {
            var end = start;
            while (end < all.Count && all[end].StreamId == all[start].StreamId) end++;
            var run = all.GetRange(start, end - start);
            foreach (var projection in store.InlineProjections)
            {
                var relevant = run.Where(e => projection.EventTypes.Contains(e.Data.GetType())).ToList();
                if (relevant.Count > 0) await projection.ApplyAsync(documents, relevant, CancellationToken.None);
            }
            start = end;
        }
        await documents.FlushAsync();
        await transaction.CommitAsync();
    }

    /// <summary>Every read-model table's rows, as text (id, data, version, updated time), in id order.</summary>
    static async Task<Dictionary<string, List<string>>> ReadModelsAsync(string connectionString)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        var tables = new List<string>();
        await using (var list = dataSource.CreateCommand("select table_name from information_schema.tables where table_schema = 'readmodels' order by 1"))
        await using (var reader = await list.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync()) tables.Add(reader.GetString(0));
        }
        var models = new Dictionary<string, List<string>>();
        foreach (var table in tables)
        {
            var rows = new List<string>();
            await using var command = dataSource.CreateCommand(
                $"select id || ' ' || data::text || ' ' || version || ' ' || (extract(epoch from updated_at) * 1000000)::bigint from readmodels.{table} order by id");
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync()) rows.Add(reader.GetString(0));
            models[table] = rows;
        }
        return models;
    }

    static async Task<long> EventCountAsync(string connectionString, string where = "true")
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"select count(*) from eventstore.events where {where}", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
