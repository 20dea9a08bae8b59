using System.Data;
using System.Text.Json;
using Npgsql;
using NpgsqlTypes;

namespace Mrv.EventStore;

/// <summary>A stream folded into its state, with the head it was folded up to.</summary>
public sealed record Aggregate<TState>(TState State, StreamHead Head, DateTimeOffset? LastRecordedAt)
{
    public string StreamId => Head.StreamId;
    public long Version => Head.Version;
    public bool Exists => Head.Version > 0;
}

/// <summary>
/// The event log on PostgreSQL: start and append streams with an expected version, read and fold
/// them (also as they stood at an earlier recording time), with inline projections and idempotency
/// keys in the append's transaction.
/// </summary>
public sealed partial class EventLog(
    NpgsqlDataSource dataSource, EventStoreOptions options, TimeProvider time, AppendNotifier? notifier = null, ReadSource? reads = null)
{
    internal const string EventColumns =
        "seq_id, id, stream_id, version, type, data, occurred_at, recorded_at, tenant, user_name, correlation_id, causation_id, prev_hash, hash";

    public EventStoreOptions Options => options;
    public NpgsqlDataSource DataSource => dataSource;
    public TimeProvider Time => time;

    /// <summary>Tells the projection daemons (here and on other nodes) that events were committed.</summary>
    internal void Committed() => notifier?.Notify();

    public async Task<StreamHead?> FetchHeadAsync(string streamId, CancellationToken ct = default)
    {
        await using var command = dataSource.CreateCommand("select version, head_hash from eventstore.streams where id = $1");
        command.Parameters.Add(new() { Value = streamId });
        await using var reader = await command.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? new StreamHead(streamId, reader.GetInt64(0), reader.GetFieldValue<byte[]>(1)) : null;
    }

    /// <summary>A stream's events in version order; with <paramref name="asOf"/>, only those recorded by then.</summary>
    public async Task<IReadOnlyList<StoredEvent>> ReadStreamAsync(string streamId, DateTimeOffset? asOf = null, long fromVersion = 1, CancellationToken ct = default)
    {
        var sql = $"select {EventColumns} from eventstore.events where stream_id = $1 and version >= $2" +
                  (asOf is null ? "" : " and recorded_at <= $3") + " order by version";
        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.Add(new() { Value = streamId });
        command.Parameters.Add(new() { Value = fromVersion });
        if (asOf is not null) command.Parameters.Add(new() { Value = asOf.Value.ToUniversalTime() });
        await using var reader = await command.ExecuteReaderAsync(ct);
        var events = new List<StoredEvent>();
        while (await reader.ReadAsync(ct)) events.Add(ReadEvent(reader));
        return events;
    }

    /// <summary>
    /// Several streams' events in one round trip, each stream's in version order; a stream with no
    /// events (by <paramref name="asOf"/>) is absent. For reads that need many small streams at once.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, IReadOnlyList<StoredEvent>>> ReadStreamsAsync(
        IReadOnlyCollection<string> streamIds, DateTimeOffset? asOf = null, CancellationToken ct = default)
    {
        var sql = $"select {EventColumns} from eventstore.events where stream_id = any($1)" +
                  (asOf is null ? "" : " and recorded_at <= $2") + " order by stream_id, version";
        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.Add(new() { Value = streamIds.ToArray() });
        if (asOf is not null) command.Parameters.Add(new() { Value = asOf.Value.ToUniversalTime() });
        await using var reader = await command.ExecuteReaderAsync(ct);
        var streams = new Dictionary<string, IReadOnlyList<StoredEvent>>(StringComparer.Ordinal);
        while (await reader.ReadAsync(ct))
        {
            var @event = ReadEvent(reader);
            if (!streams.TryGetValue(@event.StreamId, out var events)) streams[@event.StreamId] = events = new List<StoredEvent>();
            ((List<StoredEvent>)events).Add(@event);
        }
        return streams;
    }

    public async Task<Aggregate<TState>> AggregateAsync<TState>(
        string streamId, TState initial, Func<TState, object, TState> evolve, DateTimeOffset? asOf = null, CancellationToken ct = default) =>
        Fold(streamId, await ReadStreamAsync(streamId, asOf, ct: ct), initial, evolve);

    /// <summary>A stream's state from its events (as read by <see cref="ReadStreamsAsync"/>; none for a new stream).</summary>
    public static Aggregate<TState> Fold<TState>(string streamId, IReadOnlyList<StoredEvent>? events, TState initial, Func<TState, object, TState> evolve)
    {
        events ??= [];
        var state = initial;
        foreach (var @event in events) state = evolve(state, @event.Data);
        var head = events.Count == 0 ? StreamHead.New(streamId) : new StreamHead(streamId, events[^1].Version, events[^1].Hash);
        return new Aggregate<TState>(state, head, events.Count == 0 ? null : events[^1].RecordedAt);
    }

    /// <summary>Appends after the given head (version 0 starts the stream).</summary>
    /// <exception cref="ConcurrencyException">The stream is no longer at <paramref name="expected"/>.</exception>
    public async Task<AppendResult> AppendAsync(
        StreamHead expected, string streamType, IReadOnlyList<NewEvent> events, EventMetadata? metadata = null, CancellationToken ct = default)
    {
        if (!NeedsTransaction(events))
        {
            // One statement is atomic on its own: the common case costs one round trip.
            await using var connection = await dataSource.OpenConnectionAsync(ct);
            var appended = await AppendOnConnectionAsync(connection, null, expected, streamType, events, metadata ?? EventMetadata.None, ct);
            Committed();
            return appended;
        }
        await using var transaction = await BeginAsync(ct);
        var result = await transaction.AppendAsync(expected, streamType, events, metadata, ct);
        await transaction.CommitAsync(ct);
        return result;
    }

    /// <summary>Appends after <paramref name="expectedVersion"/>, reading the head hash first.</summary>
    public async Task<AppendResult> AppendAsync(
        string streamId, long expectedVersion, string streamType, IReadOnlyList<NewEvent> events, EventMetadata? metadata = null, CancellationToken ct = default)
    {
        var head = expectedVersion == 0 ? StreamHead.New(streamId) : await FetchHeadAsync(streamId, ct);
        if (head is null || head.Version != expectedVersion) throw new ConcurrencyException(streamId, expectedVersion, head?.Version);
        return await AppendAsync(head, streamType, events, metadata, ct);
    }

    public Task<AppendResult> StartStreamAsync(string streamId, string streamType, IReadOnlyList<NewEvent> events, EventMetadata? metadata = null, CancellationToken ct = default) =>
        AppendAsync(StreamHead.New(streamId), streamType, events, metadata, ct);

    /// <summary>
    /// Appends once per idempotency key: a repeat, also a concurrent one, appends nothing and returns
    /// the first append's result.
    /// </summary>
    public async Task<AppendResult> AppendOnceAsync(
        string idempotencyKey, StreamHead expected, string streamType, IReadOnlyList<NewEvent> events, EventMetadata? metadata = null, CancellationToken ct = default)
    {
        var requestHash = IdempotencyKeys.HashOf(expected.StreamId, streamType);
        await using var transaction = await BeginAsync(ct);
        var earlier = await transaction.ClaimIdempotencyKeyAsync(idempotencyKey, requestHash, ct);
        if (earlier is not null)
        {
            await transaction.RollbackAsync(ct);
            var summary = JsonSerializer.Deserialize<AppendSummary>(earlier)!;
            var appended = await ReadStreamAsync(summary.StreamId, fromVersion: summary.FirstVersion, ct: ct);
            return new AppendResult(summary.StreamId, summary.Version, summary.LastSeqId, summary.HeadHash,
                appended.Where(e => e.Version <= summary.Version).ToList());
        }
        var result = await transaction.AppendAsync(expected, streamType, events, metadata, ct);
        await transaction.CompleteIdempotencyKeyAsync(idempotencyKey, JsonSerializer.Serialize(
            new AppendSummary(result.StreamId, result.Events[0].Version, result.Version, result.LastSeqId, result.HeadHash)), ct);
        await transaction.CommitAsync(ct);
        return result;
    }

    sealed record AppendSummary(string StreamId, long FirstVersion, long Version, long LastSeqId, byte[] HeadHash);

    /// <summary>A transaction for appends, inline projections, documents and idempotency keys together.</summary>
    public async Task<EventTransaction> BeginAsync(CancellationToken ct = default)
    {
        var connection = await dataSource.OpenConnectionAsync(ct);
        try
        {
            var transaction = await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, ct);
            return new EventTransaction(this, connection, transaction);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>Read models outside any transaction: from the replica when the request was routed there (<see cref="ReadSource"/>), else the primary.</summary>
    public DocumentReader Documents => new(reads?.Current ?? dataSource, options.Documents);

    bool NeedsTransaction(IReadOnlyList<NewEvent> events) =>
        options.InlineProjections.Any(p => events.Any(e => p.EventTypes.Contains(e.Data.GetType())));

    internal async Task<AppendResult> AppendOnConnectionAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, StreamHead expected, string streamType,
        IReadOnlyList<NewEvent> events, EventMetadata metadata, CancellationToken ct)
    {
        if (events.Count == 0) throw new ArgumentException("An append needs at least one event.", nameof(events));

        var recordedAt = EventHash.ToStoredPrecision(time.GetUtcNow());
        var count = events.Count;
        var ids = new Guid[count];
        var versions = new long[count];
        var types = new string[count];
        var data = new string[count];
        var occurred = new DateTimeOffset[count];
        var prevHashes = new byte[count][];
        var hashes = new byte[count][];
        var prev = expected.HeadHash;
        for (var i = 0; i < count; i++)
        {
            var @event = events[i];
            // Serialising throws for an unregistered type before anything reaches the database.
            types[i] = options.Events.AliasFor(@event.Data.GetType());
            var canonical = options.Events.SerializeCanonical(@event.Data);
            data[i] = System.Text.Encoding.UTF8.GetString(canonical);
            ids[i] = @event.Id ?? Guid.CreateVersion7(recordedAt);
            versions[i] = expected.Version + i + 1;
            occurred[i] = EventHash.ToStoredPrecision(@event.OccurredAt ?? recordedAt);
            prevHashes[i] = prev;
            hashes[i] = EventHash.Compute(prev, expected.StreamId, versions[i], types[i], canonical, occurred[i], recordedAt, options.Tenant, metadata);
            prev = hashes[i];
        }
        var newVersion = expected.Version + count;

        // The stream row is claimed first, in the same statement: when the version does not match,
        // the UPDATE (or the INSERT of a new stream) returns no row, the events' SELECT yields
        // nothing, and nextval() is never called, so a refused append takes no sequence number.
        // Writing the stream row also gives the transaction its xid before any nextval(), which
        // the projection daemon's high-water mark relies on.
        var claimStream = expected.IsNew
            ? """
              insert into eventstore.streams (id, type, version, head_hash, tenant, created_at, updated_at)
              values ($1, $2, $3, $4, $5, $6, $6)
              on conflict (id) do nothing
              returning id
              """
            : """
              update eventstore.streams set version = $3, head_hash = $4, updated_at = $6
              where id = $1 and version = $7 and head_hash = $8
              returning id
              """;
        var sql = $"""
            with claimed as ({claimStream})
            insert into eventstore.events ({EventColumns})
            select nextval('eventstore.event_seq'), e.id, $1, e.version, e.type, e.data, e.occurred_at, $6, $5, $9, $10, $11, e.prev_hash, e.hash
            from unnest($12::uuid[], $13::bigint[], $14::text[], $15::jsonb[], $16::timestamptz[], $17::bytea[], $18::bytea[])
                 as e(id, version, type, data, occurred_at, prev_hash, hash)
            where exists (select 1 from claimed)
            order by e.version
            returning seq_id
            """;

        await using var command = new NpgsqlCommand(sql, connection, transaction);
        var p = command.Parameters;
        p.Add(new() { Value = expected.StreamId });                                     // $1
        p.Add(new() { Value = streamType });                                            // $2
        p.Add(new() { Value = newVersion });                                            // $3
        p.Add(new() { Value = prev });                                                  // $4
        p.Add(new() { Value = options.Tenant });                                        // $5
        p.Add(new() { Value = recordedAt });                                            // $6
        p.Add(new() { Value = expected.Version });                                      // $7
        p.Add(new() { Value = expected.HeadHash });                                     // $8
        p.Add(new() { Value = (object?)metadata.UserName ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });      // $9
        p.Add(new() { Value = (object?)metadata.CorrelationId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text }); // $10
        p.Add(new() { Value = (object?)metadata.CausationId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });   // $11
        p.Add(new() { Value = ids });                                                   // $12
        p.Add(new() { Value = versions });                                              // $13
        p.Add(new() { Value = types });                                                 // $14
        p.Add(new() { Value = data, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Jsonb }); // $15
        p.Add(new() { Value = occurred });                                              // $16
        p.Add(new() { Value = prevHashes });                                            // $17
        p.Add(new() { Value = hashes });                                                // $18

        var seqIds = new List<long>(count);
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct)) seqIds.Add(reader.GetInt64(0));
        }

        if (seqIds.Count == 0)
        {
            var actual = await ActualVersionAsync(connection, transaction, expected.StreamId, ct);
            throw new ConcurrencyException(expected.StreamId, expected.Version, actual);
        }

        var stored = new StoredEvent[count];
        for (var i = 0; i < count; i++)
        {
            stored[i] = new StoredEvent(seqIds[i], ids[i], expected.StreamId, versions[i], types[i], events[i].Data, metadata,
                occurred[i], recordedAt, options.Tenant, prevHashes[i], hashes[i]);
        }
        return new AppendResult(expected.StreamId, newVersion, seqIds[^1], prev, stored);
    }

    static async Task<long?> ActualVersionAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string streamId, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("select version from eventstore.streams where id = $1", connection, transaction);
        command.Parameters.Add(new() { Value = streamId });
        return await command.ExecuteScalarAsync(ct) is long version ? version : null;
    }

    /// <summary>Reads an event row, turning its data into its CLR type at once (a stream is read to be folded).</summary>
    internal StoredEvent ReadEvent(NpgsqlDataReader reader)
    {
        var row = RawEvent.Read(reader);
        return new StoredEvent(row.SeqId, row.Id, row.StreamId, row.Version, row.Type, options.Events.Deserialize(row.Type, row.Data), row.Metadata,
            row.OccurredAt, row.RecordedAt, row.Tenant, row.PrevHash, row.Hash);
    }
}
