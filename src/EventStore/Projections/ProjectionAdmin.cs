using Microsoft.Extensions.Logging;
using Npgsql;

namespace Mrv.EventStore;

/// <summary>How far a projection is, and whether anyone runs it.</summary>
/// <param name="Leader">The application name of the connection holding the projection's leadership (the node that runs it), or null.</param>
public sealed record ProjectionStatus(
    string Name, long LastSeqId, long LagEvents, double LagSeconds, string State, long OpenDeadLetters, DateTimeOffset? RebuiltAt,
    string? Leader = null);

/// <summary>An event a projection could not apply.</summary>
public sealed record DeadLetter(
    long Id, string Projection, long SeqId, Guid EventId, string StreamId, long Version, string Type, string Error,
    int Attempts, string Status, DateTimeOffset FailedAt, DateTimeOffset? ResolvedAt, string? ResolvedBy);

/// <summary>The result of a rebuild.</summary>
public sealed record RebuildResult(string Projection, long Events, long UpToSeqId, TimeSpan Took);

/// <summary>
/// Operating the async projections from any node or the command line: status, rebuilds and dead
/// letters. Every write here takes the projection's apply lock, so it never interleaves with the
/// runner's batches on whichever node leads.
/// </summary>
public sealed class ProjectionAdmin(NpgsqlDataSource dataSource, EventStoreOptions options, TimeProvider time, ILogger<ProjectionAdmin> logger)
{
    public const string Running = "running";
    public const string Rebuilding = "rebuilding";
    public const string Stopped = "stopped";

    readonly ProjectionApplier applier = new(options, logger);

    static long RebuildLockKey(string projection) => ProjectionApplier.LeaderLockKey("rebuild:" + projection);

    public async Task<IReadOnlyList<ProjectionStatus>> StatusAsync(CancellationToken ct = default)
    {
        var now = time.GetUtcNow();
        var statuses = new List<ProjectionStatus>();
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        foreach (var projection in options.AsyncProjections)
        {
            var aliases = applier.AliasesOf(projection);
            var typeFilter = aliases.Length > 0 ? "and type = any($3)" : "";
            await using var command = new NpgsqlCommand($"""
                with progress as (
                    select coalesce((select last_seq_id from eventstore.projection_progress where name = $1), 0) as last_seq_id,
                           (select rebuilt_at from eventstore.projection_progress where name = $1) as rebuilt_at),
                     locks as (
                    select ((l.classid::bigint << 32) | l.objid::bigint) as key, l.pid
                    from pg_locks l
                    where l.locktype = 'advisory' and l.granted and l.objsubid = 1
                      and l.database = (select oid from pg_database where datname = current_database()))
                select p.last_seq_id, p.rebuilt_at,
                       (select count(*) from (select 1 from eventstore.events
                                              where seq_id > p.last_seq_id {typeFilter} limit 1000000) behind),
                       (select min(recorded_at) from eventstore.events
                        where seq_id = (select min(seq_id) from eventstore.events where seq_id > p.last_seq_id {typeFilter})),
                       exists (select 1 from locks where key = $2),
                       exists (select 1 from locks where key = $4),
                       (select count(*) from eventstore.dead_letters where projection = $1 and status = 'open'),
                       (select a.application_name from locks k join pg_stat_activity a on a.pid = k.pid where k.key = $2 limit 1)
                from progress p
                """, connection);
            command.Parameters.Add(new() { Value = projection.Name });
            command.Parameters.Add(new() { Value = ProjectionApplier.LeaderLockKey(projection.Name) });
            command.Parameters.Add(new() { Value = aliases });
            command.Parameters.Add(new() { Value = RebuildLockKey(projection.Name) });
            await using var reader = await command.ExecuteReaderAsync(ct);
            await reader.ReadAsync(ct);
            var oldestUnapplied = reader.IsDBNull(3) ? (DateTimeOffset?)null : reader.GetFieldValue<DateTimeOffset>(3);
            var state = reader.GetBoolean(5) ? Rebuilding : reader.GetBoolean(4) ? Running : Stopped;
            statuses.Add(new ProjectionStatus(
                projection.Name,
                reader.GetInt64(0),
                reader.GetInt64(2),
                oldestUnapplied is null ? 0 : Math.Max(0, (now - oldestUnapplied.Value).TotalSeconds),
                state,
                reader.GetInt64(6),
                reader.IsDBNull(1) ? null : reader.GetFieldValue<DateTimeOffset>(1),
                reader.IsDBNull(7) ? null : reader.GetString(7)));
        }
        return statuses;
    }

    /// <summary>
    /// Empties the projection's documents and replays the log into them, in ONE transaction: until it
    /// commits, every reader keeps seeing the previous documents, complete; then all at once the new
    /// ones. While it runs the projection's state reads "rebuilding" and its runner waits.
    /// </summary>
    public async Task<RebuildResult> RebuildAsync(string name, int batchSize = 5000, CancellationToken ct = default)
    {
        var projection = options.AsyncProjection(name);
        var started = time.GetTimestamp();
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using (var command = new NpgsqlCommand("select pg_try_advisory_lock($1)", connection))
        {
            command.Parameters.Add(new() { Value = RebuildLockKey(name) });
            if (!(bool)(await command.ExecuteScalarAsync(ct))!)
            {
                throw new InvalidOperationException($"Projection '{name}' is already being rebuilt.");
            }
        }

        try
        {
            return await ReplayAsync(connection, projection, batchSize, started, ct);
        }
        finally
        {
            // A pooled connection keeps session locks until it is reused: let go explicitly.
            await using var unlock = new NpgsqlCommand("select pg_advisory_unlock($1)", connection);
            unlock.Parameters.Add(new() { Value = RebuildLockKey(name) });
            await unlock.ExecuteNonQueryAsync(CancellationToken.None);
        }
    }

    async Task<RebuildResult> ReplayAsync(NpgsqlConnection connection, AsyncProjection projection, int batchSize, long started, CancellationToken ct)
    {
        var name = projection.Name;
        var mark = await SettledHighWaterMarkAsync(ct);
        long events = 0;
        await using (var transaction = await connection.BeginTransactionAsync(ct))
        {
            await using (var reset = new NpgsqlBatch(connection, transaction))
            {
                var lockCommand = new NpgsqlBatchCommand("select pg_advisory_xact_lock($1)");
                lockCommand.Parameters.Add(new() { Value = ProjectionApplier.ApplyLockKey(name) });
                reset.BatchCommands.Add(lockCommand);
                foreach (var type in projection.DocumentTypes)
                {
                    reset.BatchCommands.Add(new NpgsqlBatchCommand($"delete from {options.Documents.For(type).QualifiedTable}"));
                }
                var letters = new NpgsqlBatchCommand("delete from eventstore.dead_letters where projection = $1");
                letters.Parameters.Add(new() { Value = name });
                reset.BatchCommands.Add(letters);
                var progress = new NpgsqlBatchCommand(
                    "insert into eventstore.projection_progress (name, last_seq_id) values ($1, 0) on conflict (name) do update set last_seq_id = 0");
                progress.Parameters.Add(new() { Value = name });
                reset.BatchCommands.Add(progress);
                await reset.ExecuteNonQueryAsync(ct);
            }

            while (true)
            {
                var progress = await applier.LockAsync(connection, transaction, projection, ct);
                var batch = await applier.FetchAsync(connection, transaction, projection, progress, mark, batchSize, ct);
                var newProgress = batch.Count == batchSize ? batch[^1].SeqId : mark;
                await applier.ApplyAsync(connection, transaction, projection, batch, newProgress, time.GetUtcNow(), ct);
                events += batch.Count;
                if (newProgress >= mark) break;
            }

            await using (var done = new NpgsqlCommand("update eventstore.projection_progress set rebuilt_at = $2 where name = $1", connection, transaction))
            {
                done.Parameters.Add(new() { Value = name });
                done.Parameters.Add(new() { Value = time.GetUtcNow() });
                await done.ExecuteNonQueryAsync(ct);
            }
            await transaction.CommitAsync(ct);
        }
        return new RebuildResult(name, events, mark, time.GetElapsedTime(started));
    }

    /// <summary>A high-water mark at least as high as the log was when this was called.</summary>
    async Task<long> SettledHighWaterMarkAsync(CancellationToken ct)
    {
        var mark = new HighWaterMark();
        await mark.RefreshAsync(dataSource, ct);
        while (mark.HasPending)
        {
            await Task.Delay(20, ct);
            await mark.RefreshAsync(dataSource, ct);
        }
        return mark.Current;
    }

    public async Task<IReadOnlyList<DeadLetter>> DeadLettersAsync(string? projection = null, string? status = null, CancellationToken ct = default)
    {
        await using var command = dataSource.CreateCommand($"""
            select {DeadLetterColumns} from eventstore.dead_letters
            where ($1::text is null or projection = $1) and ($2::text is null or status = $2)
            order by id
            """);
        command.Parameters.Add(new() { Value = (object?)projection ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        command.Parameters.Add(new() { Value = (object?)status ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        await using var reader = await command.ExecuteReaderAsync(ct);
        var letters = new List<DeadLetter>();
        while (await reader.ReadAsync(ct)) letters.Add(ReadDeadLetter(reader));
        return letters;
    }

    /// <summary>Applies a dead-lettered event again now. Null when there is no such open dead letter.</summary>
    public async Task<DeadLetter?> RetryAsync(long id, string resolvedBy, CancellationToken ct = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var letter = await LockOpenLetterAsync(connection, transaction, id, ct);
        if (letter is null) return null;
        var projection = options.AsyncProjection(letter.Projection);

        RawEvent raw;
        await using (var command = new NpgsqlCommand($"select {EventLog.EventColumns} from eventstore.events where seq_id = $1", connection, transaction))
        {
            command.Parameters.Add(new() { Value = letter.SeqId });
            await using var reader = await command.ExecuteReaderAsync(ct);
            await reader.ReadAsync(ct);
            raw = RawEvent.Read(reader);
        }

        var (applied, error) = await applier.RetryAsync(connection, transaction, projection, raw, ct);
        await using (var update = new NpgsqlCommand(applied
                ? "update eventstore.dead_letters set status = 'retried', resolved_at = $2, resolved_by = $3, attempts = attempts + 1 where id = $1"
                : "update eventstore.dead_letters set error = $4, failed_at = $2, attempts = attempts + 1 where id = $1",
            connection, transaction))
        {
            update.Parameters.Add(new() { Value = id });
            update.Parameters.Add(new() { Value = time.GetUtcNow() });
            update.Parameters.Add(new() { Value = resolvedBy });
            update.Parameters.Add(new() { Value = error ?? "" });
            await update.ExecuteNonQueryAsync(ct);
        }
        await transaction.CommitAsync(ct);
        return (await DeadLettersAsync(ct: ct)).Single(l => l.Id == id);
    }

    /// <summary>Gives up on a dead-lettered event, on the record. Null when there is no such open dead letter.</summary>
    public async Task<DeadLetter?> SkipAsync(long id, string resolvedBy, CancellationToken ct = default)
    {
        await using var command = dataSource.CreateCommand(
            $"update eventstore.dead_letters set status = 'skipped', resolved_at = $2, resolved_by = $3 where id = $1 and status = 'open' returning {DeadLetterColumns}");
        command.Parameters.Add(new() { Value = id });
        command.Parameters.Add(new() { Value = time.GetUtcNow() });
        command.Parameters.Add(new() { Value = resolvedBy });
        await using var reader = await command.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? ReadDeadLetter(reader) : null;
    }

    async Task<DeadLetter?> LockOpenLetterAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, long id, CancellationToken ct)
    {
        string? projection;
        await using (var find = new NpgsqlCommand("select projection from eventstore.dead_letters where id = $1 and status = 'open'", connection, transaction))
        {
            find.Parameters.Add(new() { Value = id });
            projection = await find.ExecuteScalarAsync(ct) as string;
        }
        if (projection is null) return null;

        await using (var lockCommand = new NpgsqlCommand("select pg_advisory_xact_lock($1)", connection, transaction))
        {
            lockCommand.Parameters.Add(new() { Value = ProjectionApplier.ApplyLockKey(projection) });
            await lockCommand.ExecuteNonQueryAsync(ct);
        }
        await using var command = new NpgsqlCommand(
            $"select {DeadLetterColumns} from eventstore.dead_letters where id = $1 and status = 'open' for update", connection, transaction);
        command.Parameters.Add(new() { Value = id });
        await using var reader = await command.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? ReadDeadLetter(reader) : null;
    }

    const string DeadLetterColumns =
        "id, projection, seq_id, event_id, stream_id, version, type, error, attempts, status, failed_at, resolved_at, resolved_by";

    static DeadLetter ReadDeadLetter(NpgsqlDataReader reader) => new(
        reader.GetInt64(0), reader.GetString(1), reader.GetInt64(2), reader.GetGuid(3), reader.GetString(4), reader.GetInt64(5),
        reader.GetString(6), reader.GetString(7), reader.GetInt32(8), reader.GetString(9), reader.GetFieldValue<DateTimeOffset>(10),
        reader.IsDBNull(11) ? null : reader.GetFieldValue<DateTimeOffset>(11), reader.IsDBNull(12) ? null : reader.GetString(12));
}
