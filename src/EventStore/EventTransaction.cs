using Npgsql;

namespace Mrv.EventStore;

/// <summary>
/// One PostgreSQL transaction in which appends, their inline projections, other documents and an
/// idempotency key are written together or not at all. Disposing without committing rolls back.
/// </summary>
public sealed class EventTransaction : IAsyncDisposable
{
    readonly EventLog log;
    readonly List<AppendResult> appended = [];
    bool wroteEvents;

    internal EventTransaction(EventLog log, NpgsqlConnection connection, NpgsqlTransaction transaction)
    {
        this.log = log;
        Connection = connection;
        Transaction = transaction;
        Documents = new DocumentOperations(connection, log.Options.Documents);
    }

    public NpgsqlConnection Connection { get; }
    public NpgsqlTransaction Transaction { get; }
    public DocumentOperations Documents { get; }
    public IReadOnlyList<AppendResult> Appended => appended;

    /// <summary>Appends and runs the inline projections that follow these events, in this transaction.</summary>
    public async Task<AppendResult> AppendAsync(
        StreamHead expected, string streamType, IReadOnlyList<NewEvent> events, EventMetadata? metadata = null, CancellationToken ct = default)
    {
        var result = await log.AppendOnConnectionAsync(Connection, Transaction, expected, streamType, events, metadata ?? EventMetadata.None, ct);
        await ProjectAsync(result.Events, ct);
        appended.Add(result);
        wroteEvents = true;
        return result;
    }

    /// <summary>Imports new streams with COPY in this transaction, and runs the inline projections that follow them.</summary>
    public async Task<long> ImportAsync(IReadOnlyList<StreamImport> streams, EventMetadata? metadata = null, CancellationToken ct = default)
    {
        if (streams.Count == 0) return 0;
        var events = await log.ImportOnConnectionAsync(Connection, Transaction, streams, metadata ?? EventMetadata.None, ct);
        wroteEvents = true;
        await ProjectAsync(events, ct);
        return events.Count;
    }

    /// <summary>The inline projections that follow these events, their documents written before the next statement of the transaction.</summary>
    async Task ProjectAsync(IReadOnlyList<StoredEvent> events, CancellationToken ct)
    {
        DocumentSession? session = null;
        foreach (var projection in log.Options.InlineProjections)
        {
            var relevant = events.Where(e => projection.EventTypes.Contains(e.Data.GetType())).ToList();
            if (relevant.Count == 0) continue;
            session ??= new DocumentSession(Connection, Transaction, log.Options.Documents);
            await projection.ApplyAsync(session, relevant, ct);
        }
        if (session is not null) await session.FlushAsync(ct);
    }

    /// <summary>
    /// Claims an idempotency key for this transaction. Returns null when the key is new (the caller
    /// goes on and completes it), or the stored result of the earlier request with the same key.
    /// A concurrent request with the same key waits here until the first one commits or rolls back.
    /// </summary>
    /// <exception cref="IdempotencyKeyReusedException">The key was used for a different request.</exception>
    public async Task<string?> ClaimIdempotencyKeyAsync(string key, byte[] requestHash, CancellationToken ct = default)
    {
        await using (var claim = new NpgsqlCommand(
            "insert into eventstore.idempotency_keys (key, request_hash, created_at) values ($1, $2, $3) on conflict (key) do nothing",
            Connection, Transaction))
        {
            claim.Parameters.Add(new() { Value = key });
            claim.Parameters.Add(new() { Value = requestHash });
            claim.Parameters.Add(new() { Value = log.Time.GetUtcNow() });
            if (await claim.ExecuteNonQueryAsync(ct) == 1) return null;
        }

        await using var earlier = new NpgsqlCommand("select request_hash, result from eventstore.idempotency_keys where key = $1", Connection, Transaction);
        earlier.Parameters.Add(new() { Value = key });
        await using var reader = await earlier.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        if (!reader.GetFieldValue<byte[]>(0).AsSpan().SequenceEqual(requestHash)) throw new IdempotencyKeyReusedException(key);
        return reader.IsDBNull(1) ? "" : reader.GetString(1);
    }

    public async Task CompleteIdempotencyKeyAsync(string key, string result, CancellationToken ct = default)
    {
        await using var command = new NpgsqlCommand("update eventstore.idempotency_keys set result = $2 where key = $1", Connection, Transaction);
        command.Parameters.Add(new() { Value = key });
        command.Parameters.Add(new() { Value = result });
        await command.ExecuteNonQueryAsync(ct);
    }

    public async Task CommitAsync(CancellationToken ct = default)
    {
        await Transaction.CommitAsync(ct);
        if (wroteEvents) log.Committed();
    }

    public Task RollbackAsync(CancellationToken ct = default) => Transaction.RollbackAsync(ct);

    public async ValueTask DisposeAsync()
    {
        await Transaction.DisposeAsync();
        await Connection.DisposeAsync();
    }
}

/// <summary>An idempotency key sent again with a different request.</summary>
public sealed class IdempotencyKeyReusedException(string key)
    : Exception($"Idempotency key '{key}' was already used for a different request.")
{
    public string Key { get; } = key;
}

public static class IdempotencyKeys
{
    public static byte[] HashOf(params string?[] parts)
    {
        using var hash = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
        foreach (var part in parts)
        {
            hash.AppendData(System.Text.Encoding.UTF8.GetBytes(part ?? "\u0001null"));
            hash.AppendData([0]);
        }
        return hash.GetHashAndReset();
    }
}
