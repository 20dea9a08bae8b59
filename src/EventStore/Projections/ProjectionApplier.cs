using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Mrv.EventStore;

/// <summary>
/// Applies a range of the log to one async projection inside the caller's transaction, writing
/// documents and progress together. Shared by the daemon's runners, rebuilds and dead-letter retries.
/// </summary>
internal sealed class ProjectionApplier(EventStoreOptions options, ILogger logger)
{
    /// <summary>
    /// Serialises every writer of a projection's documents (its runner, a rebuild, a dead-letter
    /// retry) whichever node they run on: each takes this transaction-level lock first.
    /// </summary>
    public static long ApplyLockKey(string projection) => LockKey("mrv.projection.apply:" + projection);

    /// <summary>Held for as long as a node leads a projection, on the connection that applies it.</summary>
    public static long LeaderLockKey(string projection) => LockKey("mrv.projection.leader:" + projection);

    static long LockKey(string text) => BitConverter.ToInt64(SHA256.HashData(Encoding.UTF8.GetBytes(text)), 0);

    public string[] AliasesOf(AsyncProjection projection) =>
        projection.EventTypes.Select(options.Events.AliasFor).Distinct().ToArray();

    /// <summary>
    /// Takes the projection's apply lock and returns its progress (creating the progress row the
    /// first time), in the caller's transaction.
    /// </summary>
    public async Task<long> LockAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, AsyncProjection projection, CancellationToken ct)
    {
        await using var batch = new NpgsqlBatch(connection, transaction);
        // Documents and progress commit together, so if a crash loses this commit both are lost and
        // the batch is simply applied again: exactly-once holds without waiting for the WAL flush.
        // (The log itself is always written with synchronous commit.)
        batch.BatchCommands.Add(new NpgsqlBatchCommand("select set_config('synchronous_commit', 'off', true)"));
        var lockCommand = new NpgsqlBatchCommand("select pg_advisory_xact_lock($1)");
        lockCommand.Parameters.Add(new() { Value = ApplyLockKey(projection.Name) });
        batch.BatchCommands.Add(lockCommand);
        var ensure = new NpgsqlBatchCommand("insert into eventstore.projection_progress (name) values ($1) on conflict (name) do nothing returning 1");
        ensure.Parameters.Add(new() { Value = projection.Name });
        batch.BatchCommands.Add(ensure);
        var progress = new NpgsqlBatchCommand("select last_seq_id from eventstore.projection_progress where name = $1 for update");
        progress.Parameters.Add(new() { Value = projection.Name });
        batch.BatchCommands.Add(progress);

        // Every statement here returns a result set (the insert through RETURNING), read in order.
        await using var reader = await batch.ExecuteReaderAsync(ct);
        await reader.NextResultAsync(ct); // past the setting
        await reader.NextResultAsync(ct); // past the lock
        await reader.NextResultAsync(ct); // past the insert
        await reader.ReadAsync(ct);
        return reader.GetInt64(0);
    }

    /// <summary>
    /// The next events of interest after <paramref name="after"/> up to <paramref name="highWaterMark"/>.
    /// Events up to the mark never change, so this may run on any connection, in or out of a transaction.
    /// </summary>
    public async Task<List<RawEvent>> FetchAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, AsyncProjection projection, long after, long highWaterMark, int batchSize, CancellationToken ct)
    {
        var aliases = AliasesOf(projection);
        await using var fetch = new NpgsqlCommand(
            $"select {EventLog.EventColumns} from eventstore.events where seq_id > $1 and seq_id <= $2 " +
            (aliases.Length > 0 ? "and type = any($4) " : "") + "order by seq_id limit $3", connection, transaction);
        fetch.Parameters.Add(new() { Value = after });
        fetch.Parameters.Add(new() { Value = highWaterMark });
        fetch.Parameters.Add(new() { Value = batchSize });
        if (aliases.Length > 0) fetch.Parameters.Add(new() { Value = aliases });
        var events = new List<RawEvent>(batchSize);
        await using var reader = await fetch.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) events.Add(RawEvent.Read(reader));
        return events;
    }

    /// <summary>
    /// Applies the fetched events and moves progress to <paramref name="newProgress"/>, all in the
    /// caller's transaction. An event that cannot be applied is recorded as a dead letter and
    /// skipped; the others still apply.
    /// </summary>
    public async Task ApplyAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, AsyncProjection projection, IReadOnlyList<RawEvent> raw,
        long newProgress, DateTimeOffset now, CancellationToken ct)
    {
        if (raw.Count > 0)
        {
            var events = raw.Select(r => r.ToStoredEvent(options.Events)).ToList();
            await transaction.SaveAsync("batch", ct);
            try
            {
                var session = new DocumentSession(connection, transaction, options.Documents);
                await projection.ApplyAsync(session, events, ct);
                await session.FlushAsync(ct);
                await transaction.ReleaseAsync("batch", ct);
            }
            catch (Exception e) when (IsPoison(e))
            {
                // Something in this batch cannot be applied: find which event, one at a time.
                await transaction.RollbackAsync("batch", ct);
                logger.LogWarning(e, "Projection {Projection} failed on a batch; applying its {Count} events one by one", projection.Name, events.Count);
                await ApplyOneByOneAsync(connection, transaction, projection, events, raw, now, ct);
            }
        }

        await using var update = new NpgsqlCommand(
            "update eventstore.projection_progress set last_seq_id = $2, updated_at = $3 where name = $1", connection, transaction);
        update.Parameters.Add(new() { Value = projection.Name });
        update.Parameters.Add(new() { Value = newProgress });
        update.Parameters.Add(new() { Value = now });
        await update.ExecuteNonQueryAsync(ct);
    }

    async Task ApplyOneByOneAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, AsyncProjection projection, List<StoredEvent> events,
        IReadOnlyList<RawEvent> raw, DateTimeOffset now, CancellationToken ct)
    {
        foreach (var @event in events)
        {
            await transaction.SaveAsync("one", ct);
            try
            {
                var session = new DocumentSession(connection, transaction, options.Documents);
                await projection.ApplyAsync(session, [@event], ct);
                await session.FlushAsync(ct);
                await transaction.ReleaseAsync("one", ct);
            }
            catch (Exception e) when (IsPoison(e))
            {
                await transaction.RollbackAsync("one", ct);
                await DeadLetterAsync(connection, transaction, projection, raw.First(r => r.SeqId == @event.SeqId), e, now, ct);
            }
        }
    }

    /// <summary>Re-applies one dead-lettered event now; true when it applied.</summary>
    public async Task<(bool Applied, string? Error)> RetryAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, AsyncProjection projection, RawEvent raw, CancellationToken ct)
    {
        await transaction.SaveAsync("retry", ct);
        try
        {
            var session = new DocumentSession(connection, transaction, options.Documents);
            await projection.ApplyAsync(session, [raw.ToStoredEvent(options.Events)], ct);
            await session.FlushAsync(ct);
            await transaction.ReleaseAsync("retry", ct);
            return (true, null);
        }
        catch (Exception e) when (IsPoison(e))
        {
            await transaction.RollbackAsync("retry", ct);
            return (false, Describe(e));
        }
    }

    /// <summary>A failure of the projection or of its data, as opposed to the database going away or a shutdown.</summary>
    static bool IsPoison(Exception e) => e switch
    {
        OperationCanceledException => false,
        NpgsqlException { IsTransient: true } => false,
        PostgresException => true,
        NpgsqlException => false,
        _ => true,
    };

    static string Describe(Exception e) => $"{e.GetType().Name}: {e.Message}";

    async Task DeadLetterAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, AsyncProjection projection, RawEvent row, Exception error, DateTimeOffset now, CancellationToken ct)
    {
        logger.LogError(error, "Projection {Projection} cannot apply event {SeqId} ({Type}); sent to dead letters", projection.Name, row.SeqId, row.Type);
        await using var command = new NpgsqlCommand("""
            insert into eventstore.dead_letters (projection, seq_id, event_id, stream_id, version, type, error, failed_at)
            values ($1, $2, $3, $4, $5, $6, $7, $8)
            on conflict (projection, seq_id) do update
                set error = excluded.error, failed_at = excluded.failed_at, attempts = eventstore.dead_letters.attempts + 1,
                    status = 'open', resolved_at = null, resolved_by = null
            """, connection, transaction);
        command.Parameters.Add(new() { Value = projection.Name });
        command.Parameters.Add(new() { Value = row.SeqId });
        command.Parameters.Add(new() { Value = row.Id });
        command.Parameters.Add(new() { Value = row.StreamId });
        command.Parameters.Add(new() { Value = row.Version });
        command.Parameters.Add(new() { Value = row.Type });
        command.Parameters.Add(new() { Value = Describe(error) });
        command.Parameters.Add(new() { Value = now });
        await command.ExecuteNonQueryAsync(ct);
    }
}

/// <summary>An event row as read, before its data is turned into its CLR type.</summary>
internal sealed record RawEvent(
    long SeqId, Guid Id, string StreamId, long Version, string Type, string Data, DateTimeOffset OccurredAt, DateTimeOffset RecordedAt,
    string Tenant, EventMetadata Metadata, byte[] PrevHash, byte[] Hash)
{
    public static RawEvent Read(NpgsqlDataReader reader) => new(
        reader.GetInt64(0), reader.GetGuid(1), reader.GetString(2), reader.GetInt64(3), reader.GetString(4), reader.GetString(5),
        reader.GetFieldValue<DateTimeOffset>(6), reader.GetFieldValue<DateTimeOffset>(7), reader.GetString(8),
        new EventMetadata(
            reader.IsDBNull(9) ? null : reader.GetString(9),
            reader.IsDBNull(10) ? null : reader.GetString(10),
            reader.IsDBNull(11) ? null : reader.GetString(11)),
        reader.GetFieldValue<byte[]>(12), reader.GetFieldValue<byte[]>(13));

    /// <summary>The event, read into its CLR type when a projection first looks at its data.</summary>
    public StoredEvent ToStoredEvent(Serialization.EventTypes types)
    {
        var (type, data) = (Type, Data);
        return StoredEvent.Reading(SeqId, Id, StreamId, Version, type, () => types.Deserialize(type, data), Metadata, OccurredAt, RecordedAt, Tenant, PrevHash, Hash);
    }
}
