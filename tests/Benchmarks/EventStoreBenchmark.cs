using Stopwatch = System.Diagnostics.Stopwatch;
using Microsoft.Extensions.Logging.Abstractions;
using Mrv.EventStore;
using Mrv.EventStore.Schema;
using Npgsql;
using NpgsqlTypes;

namespace Mrv.Benchmarks;

public sealed record BenchBooked(string StreamId, int N, decimal AmountTco2, string Note);

public sealed record StreamCounter(string StreamId, long Events, decimal TotalTco2);

/// <summary>Reads every event and does nothing: the cost of the daemon itself.</summary>
public sealed class NoopProjection : AsyncProjection
{
    public override string Name => "bench_noop";
    public override IReadOnlyCollection<Type> EventTypes => [];
    public override IReadOnlyCollection<Type> DocumentTypes => [];
    public override Task ApplyAsync(DocumentSession session, IReadOnlyList<StoredEvent> events, CancellationToken ct) => Task.CompletedTask;
}

/// <summary>One document per stream, updated by every event of the stream.</summary>
public sealed class CounterProjection : DocumentPerKeyProjection<StreamCounter>
{
    public override string Name => "bench_documents";
    public override IReadOnlyCollection<Type> EventTypes => [typeof(BenchBooked)];
    protected override string? KeyFor(StoredEvent @event) => @event.StreamId;

    protected override StreamCounter? Apply(StreamCounter? current, StoredEvent @event)
    {
        var booked = (BenchBooked)@event.Data;
        var counter = current ?? new StreamCounter(@event.StreamId, 0, 0m);
        return counter with { Events = counter.Events + 1, TotalTco2 = counter.TotalTco2 + booked.AmountTco2 };
    }
}

/// <summary>
/// The event store against raw Npgsql on the same database, same table shape and same machine:
/// appends, batches, bulk import, daemon catch-up and aggregate loads.
/// </summary>
public static class EventStoreBenchmark
{
    const string Database = "mrv_bench";
    const string AppRole = "mrv_app";
    const int Writers = 8;

    public static async Task<int> RunAsync(bool quick)
    {
        var admin = Environment.GetEnvironmentVariable("ConnectionStrings__Admin")
            ?? throw new InvalidOperationException("ConnectionStrings__Admin is not set: run through ./mrv bench eventstore.");
        var appPassword = Environment.GetEnvironmentVariable("Mrv__AppRolePassword") ?? "mrv_app_local_only";
        var sizes = quick
            ? (Single: 16_000, Batch10: 32_000, Bulk: 200_000, LoadStreams: 200, Loads: 2_000)
            : (Single: 80_000, Batch10: 160_000, Bulk: 2_000_000, LoadStreams: 200, Loads: 5_000);

        var (adminDb, appDb, postgres) = await BenchDatabase.CreateAsync(admin, Database, AppRole, appPassword);
        var options = new EventStoreOptions();
        options.Events.Register<BenchBooked>("bench_booked.v1");
        options.Documents.Register<StreamCounter>("bench_counters");
        await new SchemaMigrator(adminDb, NullLogger.Instance).MigrateAsync(
            MigrationScript.FromAssembly(typeof(EventLog).Assembly, "eventstore"), options.Documents, AppRole, appPassword);
        await CreateRawTableAsync(adminDb);

        await using var dataSource = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(appDb)
        {
            MaxPoolSize = 64, MaxAutoPrepare = 64, AutoPrepareMinUsages = 2, Pooling = true, NoResetOnClose = true,
        }.ConnectionString);
        // As in the registry: every commit raises the notifier, which NOTIFYs other nodes.
        using var notifier = new AppendNotifier(dataSource, NullLogger<AppendNotifier>.Instance);
        await notifier.StartAsync(CancellationToken.None);
        var log = new EventLog(dataSource, options, TimeProvider.System, notifier);
        var payload = options.Events.Serialize(new BenchBooked("raw", 1, 12.5m, "benchmark payload of a typical size"));
        var scenarios = new List<Scenario>();
        Console.WriteLine($"Event store benchmark ({(quick ? "quick" : "full")}) on database {Database}");

        var (rawSingle, single) = await MeasurePair("raw.insert_single", "append.single", sizes.Single,
            (events, round) => RawSingleAsync(dataSource, payload, events, round), (events, round) => AppendSingleAsync(log, events, round));
        scenarios.Add(Throughput("append.single", single, "raw.insert_single", rawSingle, 0.7));

        var (rawBatch, batch) = await MeasurePair("raw.batch10", "append.batch10", sizes.Batch10,
            (events, round) => RawBatch10Async(dataSource, payload, events, round), (events, round) => AppendBatch10Async(log, events, round));
        scenarios.Add(Throughput("append.batch10", batch, "raw.batch10", rawBatch, 0.8));

        var (rawCopy, bulk) = await MeasurePair("raw.copy", "import.bulk", sizes.Bulk,
            (events, round) => RawCopyAsync(dataSource, payload, events, round), (events, round) => ImportAsync(log, events, $"bulk{round}"));
        scenarios.Add(Throughput("import.bulk", bulk, "raw.copy", rawCopy, 0.7));

        await ImportAsync(log, sizes.LoadStreams * 100, "load", eventsPerStream: 100);
        await Vacuum(adminDb);

        var total = await CountAsync(dataSource, "select count(*) from eventstore.events");
        var scan = await Measure("raw.scan", total, () => RawScanAsync(dataSource));
        var noop = await Measure("daemon.catchup_noop", total, () => CatchUpAsync(dataSource, options, new NoopProjection()));
        scenarios.Add(Throughput("daemon.catchup_noop", noop, "raw.scan", scan, 0.5));
        var documents = await Measure("daemon.catchup_documents", total, () => CatchUpAsync(dataSource, options, new CounterProjection()));
        if (Environment.GetEnvironmentVariable("MRV_BENCH_DIAG") == "1")
        {
            var diag = new EventStoreOptions();
            diag.Events.Register<BenchBooked>("bench_booked.v1");
            diag.AsyncProjections.Add(new NoopProjection());
            var projections = new ProjectionAdmin(dataSource, diag, TimeProvider.System, NullLogger<ProjectionAdmin>.Instance);
            await Measure("diag.rebuild_noop", total, () => projections.RebuildAsync("bench_noop"));
            await Measure("diag.serialize_hash", 100_000, () =>
            {
                var prev = EventHash.Genesis;
                for (var i = 0; i < 100_000; i++)
                {
                    var data = options.Events.Serialize(new BenchBooked("diag", i, 12.5m, "benchmark payload of a typical size"));
                    prev = EventHash.Compute(prev, "diag", i + 1, "bench_booked.v1", data, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow, "default", EventMetadata.None);
                }
                return Task.CompletedTask;
            });
            var sample = System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(new BenchBooked("diag", 1, 12.5m, "benchmark payload of a typical size"), Mrv.EventStore.Serialization.EventTypes.SerializerOptions);
            await Measure("diag.canonicalize_only", 100_000, () =>
            {
                for (var i = 0; i < 100_000; i++) Mrv.EventStore.Serialization.CanonicalJson.ToUtf8(sample);
                return Task.CompletedTask;
            });
            await Measure("diag.serialize_only", 100_000, () =>
            {
                for (var i = 0; i < 100_000; i++)
                {
                    System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(new BenchBooked("diag", i, 12.5m, "benchmark payload of a typical size"), Mrv.EventStore.Serialization.EventTypes.SerializerOptions);
                }
                return Task.CompletedTask;
            });
        }
        scenarios.Add(Throughput("daemon.catchup_documents", documents, "raw.scan", scan, 0.2));

        var (ourP99, rawP99) = await LoadLatencyAsync(log, dataSource, sizes.LoadStreams, sizes.Loads);
        scenarios.Add(new Scenario("aggregate.load_100", ourP99, "ms (p99)", "raw.stream_fetch_100", rawP99, ourP99 / rawP99, "≤ 2.0", ourP99 / rawP99 <= 2.0));

        BenchReport.Write(Path.Combine("artifacts", "bench", "eventstore.json"), BenchReport.Machine(), postgres, quick, scenarios);
        return 0;
    }

    static Scenario Throughput(string name, double value, string baseline, double baselineValue, double goal) =>
        new(name, value, "events/s", baseline, baselineValue, value / baselineValue, $"≥ {goal:0.0}", value / baselineValue >= goal);

    /// <summary>
    /// A scenario and its baseline in alternating rounds (baseline first in odd rounds, ours first
    /// in even ones), so that whatever else the machine is doing weighs on both alike.
    /// </summary>
    static async Task<(double Baseline, double Ours)> MeasurePair(
        string baselineName, string oursName, int events, Func<int, int, Task> baseline, Func<int, int, Task> ours, int rounds = 4)
    {
        var perRound = events / rounds;
        TimeSpan baselineTime = TimeSpan.Zero, oursTime = TimeSpan.Zero;
        for (var round = 0; round < rounds; round++)
        {
            foreach (var first in round % 2 == 0 ? new[] { true, false } : [false, true])
            {
                var clock = Stopwatch.StartNew();
                await (first ? baseline(perRound, round) : ours(perRound, round));
                if (first) baselineTime += clock.Elapsed; else oursTime += clock.Elapsed;
            }
        }
        var total = (double)perRound * rounds;
        Console.WriteLine($"  {baselineName,-26} {total,10:N0} events in {baselineTime.TotalSeconds,7:0.00} s = {total / baselineTime.TotalSeconds,10:N0} events/s");
        Console.WriteLine($"  {oursName,-26} {total,10:N0} events in {oursTime.TotalSeconds,7:0.00} s = {total / oursTime.TotalSeconds,10:N0} events/s");
        return (total / baselineTime.TotalSeconds, total / oursTime.TotalSeconds);
    }

    /// <summary>Events per second of one scenario run.</summary>
    static async Task<double> Measure(string name, long events, Func<Task> run)
    {
        var clock = Stopwatch.StartNew();
        await run();
        var rate = events / clock.Elapsed.TotalSeconds;
        Console.WriteLine($"  {name,-26} {events,10:N0} events in {clock.Elapsed.TotalSeconds,7:0.00} s = {rate,10:N0} events/s");
        return rate;
    }

    /// <summary>The baselines write to a table of exactly the event store's shape (columns, keys, indexes).</summary>
    static async Task CreateRawTableAsync(string adminDb)
    {
        await using var connection = new NpgsqlConnection(adminDb);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"""
            create schema bench_raw;
            create sequence bench_raw.event_seq;
            create table bench_raw.events (like eventstore.events including all);
            grant usage on schema bench_raw to {AppRole};
            grant select, insert on bench_raw.events to {AppRole};
            grant usage on sequence bench_raw.event_seq to {AppRole};
            """, connection);
        await command.ExecuteNonQueryAsync();
    }

    static Task RunWriters(int writers, Func<int, Task> writer) => Task.WhenAll(Enumerable.Range(0, writers).Select(w => Task.Run(() => writer(w))));

    static readonly byte[] Hash = new byte[32];

    static NpgsqlParameter[] RawRow(string stream, long version, string payload) =>
    [
        new() { Value = Guid.CreateVersion7() },
        new() { Value = stream },
        new() { Value = version },
        new() { Value = "bench_booked.v1" },
        new() { Value = payload, NpgsqlDbType = NpgsqlDbType.Jsonb },
        new() { Value = DateTimeOffset.UtcNow },
        new() { Value = "default" },
        new() { Value = "bench" },
        new() { Value = Hash },
    ];

    const string RawInsert = """
        insert into bench_raw.events (seq_id, id, stream_id, version, type, data, occurred_at, recorded_at, tenant, user_name, prev_hash, hash)
        values (nextval('bench_raw.event_seq'), $1, $2, $3, $4, $5, $6, $6, $7, $8, $9, $9)
        """;

    static Task RawSingleAsync(NpgsqlDataSource dataSource, string payload, int events, int round) => RunWriters(Writers, async w =>
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        for (var i = 0; i < events / Writers; i++)
        {
            await using var command = new NpgsqlCommand(RawInsert, connection);
            command.Parameters.AddRange(RawRow($"raw-single-{round}-{w}-{i / 100}", i % 100 + 1, payload));
            await command.ExecuteNonQueryAsync();
        }
    });

    static Task AppendSingleAsync(EventLog log, int events, int round) => RunWriters(Writers, async w =>
    {
        StreamHead? head = null;
        for (var i = 0; i < events / Writers; i++)
        {
            if (i % 100 == 0) head = StreamHead.New($"single-{round}-{w}-{i / 100}");
            var result = await log.AppendAsync(head!, "bench", [new NewEvent(new BenchBooked(head!.StreamId, i, 12.5m, "benchmark payload of a typical size"))]);
            head = result.Head;
        }
    });

    static Task RawBatch10Async(NpgsqlDataSource dataSource, string payload, int events, int round) => RunWriters(Writers, async w =>
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        for (var i = 0; i < events / Writers / 10; i++)
        {
            // A batch without an explicit transaction runs as one implicit transaction: one round trip.
            await using var batch = new NpgsqlBatch(connection);
            for (var v = 1; v <= 10; v++)
            {
                var command = new NpgsqlBatchCommand(RawInsert);
                foreach (var parameter in RawRow($"raw-batch-{round}-{w}-{i}", v, payload)) command.Parameters.Add(parameter);
                batch.BatchCommands.Add(command);
            }
            await batch.ExecuteNonQueryAsync();
        }
    });

    static Task AppendBatch10Async(EventLog log, int events, int round) => RunWriters(Writers, async w =>
    {
        for (var i = 0; i < events / Writers / 10; i++)
        {
            var stream = $"batch-{round}-{w}-{i}";
            await log.StartStreamAsync(stream, "bench",
                Enumerable.Range(1, 10).Select(n => new NewEvent(new BenchBooked(stream, n, 12.5m, "benchmark payload of a typical size"))).ToList());
        }
    });

    static Task RawCopyAsync(NpgsqlDataSource dataSource, string payload, int events, int round) => RunWriters(2, async w =>
    {
        const int chunk = 50_000;
        await using var connection = await dataSource.OpenConnectionAsync();
        for (var done = 0; done < events / 2; done += chunk)
        {
            var rows = Math.Min(chunk, events / 2 - done);
            var seqs = new List<long>(rows);
            await using (var numbers = new NpgsqlCommand("select nextval('bench_raw.event_seq') from generate_series(1, $1)", connection))
            {
                numbers.Parameters.Add(new() { Value = rows });
                await using var reader = await numbers.ExecuteReaderAsync();
                while (await reader.ReadAsync()) seqs.Add(reader.GetInt64(0));
            }
            await using var copy = await connection.BeginBinaryImportAsync(
                "copy bench_raw.events (seq_id, id, stream_id, version, type, data, occurred_at, recorded_at, tenant, user_name, prev_hash, hash) from stdin (format binary)");
            var now = DateTimeOffset.UtcNow;
            for (var i = 0; i < rows; i++)
            {
                await copy.StartRowAsync();
                await copy.WriteAsync(seqs[i], NpgsqlDbType.Bigint);
                await copy.WriteAsync(Guid.CreateVersion7(), NpgsqlDbType.Uuid);
                await copy.WriteAsync($"raw-copy-{round}-{w}-{(done + i) / 10}", NpgsqlDbType.Text);
                await copy.WriteAsync((long)((done + i) % 10 + 1), NpgsqlDbType.Bigint);
                await copy.WriteAsync("bench_booked.v1", NpgsqlDbType.Text);
                await copy.WriteAsync(payload, NpgsqlDbType.Jsonb);
                await copy.WriteAsync(now, NpgsqlDbType.TimestampTz);
                await copy.WriteAsync(now, NpgsqlDbType.TimestampTz);
                await copy.WriteAsync("default", NpgsqlDbType.Text);
                await copy.WriteAsync("bench", NpgsqlDbType.Text);
                await copy.WriteAsync(Hash, NpgsqlDbType.Bytea);
                await copy.WriteAsync(Hash, NpgsqlDbType.Bytea);
            }
            await copy.CompleteAsync();
        }
    });

    /// <summary>History of 10-event streams through the bulk path, two importers side by side.</summary>
    static Task ImportAsync(EventLog log, int events, string prefix, int eventsPerStream = 10) => RunWriters(2, async w =>
    {
        const int eventsPerImport = 50_000;
        var streamsPerImport = eventsPerImport / eventsPerStream;
        var streams = events / 2 / eventsPerStream;
        for (var first = 0; first < streams; first += streamsPerImport)
        {
            var batch = Enumerable.Range(first, Math.Min(streamsPerImport, streams - first)).Select(s =>
            {
                var stream = $"{prefix}-{w}-{s}";
                return new StreamImport(stream, "bench", Enumerable.Range(1, eventsPerStream)
                    .Select(n => new NewEvent(new BenchBooked(stream, n, 12.5m, "benchmark payload of a typical size"))).ToList());
            }).ToList();
            await log.ImportAsync(batch, new EventMetadata("bench"));
        }
    });

    static async Task RawScanAsync(NpgsqlDataSource dataSource)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var command = new NpgsqlCommand(
            "select seq_id, id, stream_id, version, type, data, occurred_at, recorded_at, tenant, user_name, correlation_id, causation_id, prev_hash, hash " +
            "from eventstore.events order by seq_id", connection);
        await using var reader = await command.ExecuteReaderAsync();
        long rows = 0;
        while (await reader.ReadAsync())
        {
            _ = reader.GetInt64(0);
            _ = reader.GetGuid(1);
            _ = reader.GetString(2);
            _ = reader.GetInt64(3);
            _ = reader.GetString(4);
            _ = reader.GetString(5);
            _ = reader.GetFieldValue<DateTimeOffset>(6);
            _ = reader.GetFieldValue<DateTimeOffset>(7);
            _ = reader.GetString(8);
            _ = reader.IsDBNull(9) ? null : reader.GetString(9);
            _ = reader.GetFieldValue<byte[]>(12);
            _ = reader.GetFieldValue<byte[]>(13);
            rows++;
        }
    }

    static async Task CatchUpAsync(NpgsqlDataSource dataSource, EventStoreOptions baseOptions, AsyncProjection projection)
    {
        var options = new EventStoreOptions();
        options.Events.Register<BenchBooked>("bench_booked.v1");
        options.Documents.Register<StreamCounter>("bench_counters");
        options.AsyncProjections.Add(projection);
        using var daemon = new ProjectionDaemon(dataSource, options, new DaemonOptions { BatchSize = 5000 }, TimeProvider.System,
            NullLogger<ProjectionDaemon>.Instance);
        await daemon.StartAsync(CancellationToken.None);
        await daemon.WaitForNonStaleAsync(TimeSpan.FromMinutes(30));
        await daemon.StopAsync(CancellationToken.None);
    }

    static async Task<(double Ours, double Raw)> LoadLatencyAsync(EventLog log, NpgsqlDataSource dataSource, int streams, int loads)
    {
        var random = new Random(7);
        var ours = new List<double>(loads);
        var raw = new List<double>(loads);
        await using var connection = await dataSource.OpenConnectionAsync();
        for (var i = 0; i < loads + 200; i++)
        {
            var stream = $"load-{random.Next(2)}-{random.Next(streams / 2)}";
            var clock = Stopwatch.StartNew();
            var aggregate = await log.AggregateAsync(stream, new StreamCounter(stream, 0, 0m),
                (state, e) => state with { Events = state.Events + 1, TotalTco2 = state.TotalTco2 + ((BenchBooked)e).AmountTco2 });
            var ourMs = clock.Elapsed.TotalMilliseconds;
            if (aggregate.State.Events != 100) throw new InvalidOperationException($"{stream} folded {aggregate.State.Events} events, not 100.");

            clock.Restart();
            await using (var command = new NpgsqlCommand(
                "select seq_id, id, stream_id, version, type, data, occurred_at, recorded_at, tenant, user_name, correlation_id, causation_id, prev_hash, hash " +
                "from eventstore.events where stream_id = $1 order by version", connection))
            {
                command.Parameters.Add(new() { Value = stream });
                await using var reader = await command.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                {
                    for (var c = 0; c < reader.FieldCount; c++) _ = reader.GetValue(c);
                }
            }
            var rawMs = clock.Elapsed.TotalMilliseconds;
            if (i < 200) continue; // warm-up
            ours.Add(ourMs);
            raw.Add(rawMs);
        }
        double P99(List<double> values) => values.Order().ElementAt((int)Math.Ceiling(values.Count * 0.99) - 1);
        Console.WriteLine($"  aggregate.load_100 p50 {ours.Order().ElementAt(ours.Count / 2):0.000} ms, raw p50 {raw.Order().ElementAt(raw.Count / 2):0.000} ms");
        return (P99(ours), P99(raw));
    }

    static async Task Vacuum(string adminDb)
    {
        await using var connection = new NpgsqlConnection(adminDb);
        await connection.OpenAsync();
        foreach (var table in new[] { "eventstore.events", "bench_raw.events" })
        {
            await using var command = new NpgsqlCommand($"vacuum analyze {table}", connection) { CommandTimeout = 0 };
            await command.ExecuteNonQueryAsync();
        }
    }

    static async Task<long> CountAsync(NpgsqlDataSource dataSource, string sql)
    {
        await using var command = dataSource.CreateCommand(sql);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
