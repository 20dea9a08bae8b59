using Npgsql;
using NpgsqlTypes;

namespace Mrv.EventStore;

/// <summary>A new stream and its events, for a bulk import.</summary>
public sealed record StreamImport(string StreamId, string StreamType, IReadOnlyList<NewEvent> Events);

public sealed partial class EventLog
{
    /// <summary>
    /// Loads many new streams at once (history, migrations, large imports) with COPY, in one
    /// transaction: all streams or none. Hashes are chained exactly as for ordinary appends, inline
    /// projections run, and async projections pick the events up as usual. A stream that already
    /// exists fails the whole import with a <see cref="ConcurrencyException"/>.
    /// </summary>
    public async Task<long> ImportAsync(IReadOnlyList<StreamImport> streams, EventMetadata? metadata = null, CancellationToken ct = default)
    {
        await using var transaction = await BeginAsync(ct);
        var count = await transaction.ImportAsync(streams, metadata, ct);
        await transaction.CommitAsync(ct);
        return count;
    }

    internal async Task<List<StoredEvent>> ImportOnConnectionAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<StreamImport> streams, EventMetadata metadata, CancellationToken ct)
    {
        var recordedAt = EventHash.ToStoredPrecision(time.GetUtcNow());
        var rows = new PreparedEvent[streams.Sum(s => s.Events.Count)];
        var firstRow = new int[streams.Count];
        for (int s = 0, offset = 0; s < streams.Count; offset += streams[s].Events.Count, s++) firstRow[s] = offset;

        // Serialising and hashing is the CPU-heavy part; streams are independent chains.
        Parallel.For(0, streams.Count, new ParallelOptions { CancellationToken = ct }, s =>
        {
            var stream = streams[s];
            if (stream.Events.Count == 0) throw new ArgumentException($"Stream '{stream.StreamId}' has no events to import.");
            var prev = EventHash.Genesis;
            for (var i = 0; i < stream.Events.Count; i++)
            {
                var @event = stream.Events[i];
                var type = options.Events.AliasFor(@event.Data.GetType());
                var canonical = options.Events.SerializeCanonical(@event.Data);
                var data = System.Text.Encoding.UTF8.GetString(canonical);
                var occurredAt = EventHash.ToStoredPrecision(@event.OccurredAt ?? recordedAt);
                var hash = EventHash.Compute(prev, stream.StreamId, i + 1, type, canonical, occurredAt, recordedAt, options.Tenant, metadata);
                rows[firstRow[s] + i] = new PreparedEvent(@event.Id ?? Guid.CreateVersion7(recordedAt), stream.StreamId, i + 1, type, data, occurredAt, prev, hash, @event.Data);
                prev = hash;
            }
        });

        // The stream rows go first: a stream that exists already fails the import before any
        // sequence number is taken, and the transaction owns its id before nextval() (see HighWaterMark).
        try
        {
            await using var streamsIn = await connection.BeginBinaryImportAsync(
                "copy eventstore.streams (id, type, version, head_hash, tenant, created_at, updated_at) from stdin (format binary)", ct);
            for (var s = 0; s < streams.Count; s++)
            {
                var last = rows[firstRow[s] + streams[s].Events.Count - 1];
                await streamsIn.StartRowAsync(ct);
                await streamsIn.WriteAsync(streams[s].StreamId, NpgsqlDbType.Text, ct);
                await streamsIn.WriteAsync(streams[s].StreamType, NpgsqlDbType.Text, ct);
                await streamsIn.WriteAsync(last.Version, NpgsqlDbType.Bigint, ct);
                await streamsIn.WriteAsync(last.Hash, NpgsqlDbType.Bytea, ct);
                await streamsIn.WriteAsync(options.Tenant, NpgsqlDbType.Text, ct);
                await streamsIn.WriteAsync(recordedAt, NpgsqlDbType.TimestampTz, ct);
                await streamsIn.WriteAsync(recordedAt, NpgsqlDbType.TimestampTz, ct);
            }
            await streamsIn.CompleteAsync(ct);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            throw new ConcurrencyException(e.Detail ?? "(one of the imported streams)", 0, null);
        }

        var seqIds = new long[rows.Length];
        await using (var numbers = new NpgsqlCommand("select nextval('eventstore.event_seq') from generate_series(1, $1)", connection, transaction))
        {
            numbers.Parameters.Add(new() { Value = rows.Length });
            await using var reader = await numbers.ExecuteReaderAsync(ct);
            for (var i = 0; await reader.ReadAsync(ct); i++) seqIds[i] = reader.GetInt64(0);
        }

        await using (var eventsIn = await connection.BeginBinaryImportAsync($"copy eventstore.events ({EventColumns}) from stdin (format binary)", ct))
        {
            for (var i = 0; i < rows.Length; i++)
            {
                var row = rows[i];
                await eventsIn.StartRowAsync(ct);
                await eventsIn.WriteAsync(seqIds[i], NpgsqlDbType.Bigint, ct);
                await eventsIn.WriteAsync(row.Id, NpgsqlDbType.Uuid, ct);
                await eventsIn.WriteAsync(row.StreamId, NpgsqlDbType.Text, ct);
                await eventsIn.WriteAsync(row.Version, NpgsqlDbType.Bigint, ct);
                await eventsIn.WriteAsync(row.Type, NpgsqlDbType.Text, ct);
                await eventsIn.WriteAsync(row.Data, NpgsqlDbType.Jsonb, ct);
                await eventsIn.WriteAsync(row.OccurredAt, NpgsqlDbType.TimestampTz, ct);
                await eventsIn.WriteAsync(recordedAt, NpgsqlDbType.TimestampTz, ct);
                await eventsIn.WriteAsync(options.Tenant, NpgsqlDbType.Text, ct);
                await WriteNullableAsync(eventsIn, metadata.UserName, ct);
                await WriteNullableAsync(eventsIn, metadata.CorrelationId, ct);
                await WriteNullableAsync(eventsIn, metadata.CausationId, ct);
                await eventsIn.WriteAsync(row.PrevHash, NpgsqlDbType.Bytea, ct);
                await eventsIn.WriteAsync(row.Hash, NpgsqlDbType.Bytea, ct);
            }
            await eventsIn.CompleteAsync(ct);
        }

        var stored = new List<StoredEvent>(rows.Length);
        for (var i = 0; i < rows.Length; i++)
        {
            var row = rows[i];
            stored.Add(new StoredEvent(seqIds[i], row.Id, row.StreamId, row.Version, row.Type, row.Original, metadata, row.OccurredAt, recordedAt,
                options.Tenant, row.PrevHash, row.Hash));
        }
        return stored;
    }

    static Task WriteNullableAsync(NpgsqlBinaryImporter importer, string? value, CancellationToken ct) =>
        value is null ? importer.WriteNullAsync(ct) : importer.WriteAsync(value, NpgsqlDbType.Text, ct);

    readonly record struct PreparedEvent(
        Guid Id, string StreamId, long Version, string Type, string Data, DateTimeOffset OccurredAt, byte[] PrevHash, byte[] Hash, object Original);
}
