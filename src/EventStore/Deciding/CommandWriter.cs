using System.Text.Json;
using Mrv.EventStore.Serialization;

namespace Mrv.EventStore;

/// <summary>An idempotency key with a hash of the request it belongs to.</summary>
public sealed record IdempotencyRequest(string Key, byte[] RequestHash);

/// <summary>How one command is written: concurrency, who and why, idempotency, extra work in the transaction.</summary>
public sealed record WriteOptions
{
    /// <summary>The version the caller last saw (HTTP If-Match); a different current version is refused.</summary>
    public long? ExpectedVersion { get; init; }

    public EventMetadata Metadata { get; init; } = EventMetadata.None;

    public IdempotencyRequest? Idempotency { get; init; }

    /// <summary>
    /// Extra writes that must commit with the events (e.g. a credential row next to the user's
    /// events). Runs after the append and its inline projections, before the commit.
    /// </summary>
    public Func<EventTransaction, CancellationToken, Task>? BeforeCommit { get; init; }

    /// <summary>Without an expected version, a lost race is retried on fresh state this many times in all.</summary>
    public int MaxAttempts { get; init; } = 3;
}

/// <summary>The state after a command, and what it appended.</summary>
public sealed record WriteOutcome<TState>(TState State, StreamHead Head, IReadOnlyList<StoredEvent> Appended);

/// <summary>A command's answer, and whether it is the stored answer of an earlier identical request.</summary>
public sealed record WriteResult<TResult>(TResult Result, bool Replayed);

/// <summary>
/// The one write path: load the stream, fold it, decide, append with the version just read —
/// all in a transaction with the command's idempotency key and its inline projections.
/// </summary>
public sealed class CommandWriter(EventLog log)
{
    public EventLog Log => log;

    /// <param name="decide">Pure: the events the command causes in this state (empty when it is already done), or a <see cref="DomainRuleViolation"/>.</param>
    /// <param name="respond">The command's answer from the outcome; stored with the idempotency key.</param>
    public async Task<WriteResult<TResult>> WriteAsync<TState, TResult>(
        Decider<TState> decider,
        string streamId,
        Func<TState, IReadOnlyList<object>> decide,
        Func<WriteOutcome<TState>, TResult> respond,
        WriteOptions options,
        CancellationToken ct = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            if (options.Idempotency is { } key && await EarlierResultAsync(key, ct) is { } stored)
            {
                return Replay<TResult>(stored);
            }

            var aggregate = await log.AggregateAsync(streamId, decider.Initial, decider.Evolve, ct: ct);
            if (options.ExpectedVersion is { } expected && expected != aggregate.Version)
            {
                throw new ConcurrencyException(streamId, expected, aggregate.Version);
            }

            var decided = decide(aggregate.State);
            if (decided.Count == 0 && options.Idempotency is null && options.BeforeCommit is null)
            {
                return new WriteResult<TResult>(respond(new WriteOutcome<TState>(aggregate.State, aggregate.Head, [])), false);
            }

            await using var transaction = await log.BeginAsync(ct);
            if (options.Idempotency is { } idempotency &&
                await transaction.ClaimIdempotencyKeyAsync(idempotency.Key, idempotency.RequestHash, ct) is { } earlier)
            {
                await transaction.RollbackAsync(ct);
                return Replay<TResult>(earlier);
            }

            WriteOutcome<TState> outcome;
            try
            {
                outcome = await AppendAsync(transaction, decider, aggregate, decided, options.Metadata, ct);
            }
            catch (ConcurrencyException) when (options.ExpectedVersion is null && attempt < options.MaxAttempts)
            {
                continue;
            }

            if (options.BeforeCommit is not null) await options.BeforeCommit(transaction, ct);
            var result = respond(outcome);
            if (options.Idempotency is { } claimed)
            {
                await transaction.CompleteIdempotencyKeyAsync(claimed.Key, JsonSerializer.Serialize(result, EventTypes.SerializerOptions), ct);
            }
            await transaction.CommitAsync(ct);
            return new WriteResult<TResult>(result, false);
        }
    }

    static async Task<WriteOutcome<TState>> AppendAsync<TState>(
        EventTransaction transaction, Decider<TState> decider, Aggregate<TState> aggregate, IReadOnlyList<object> decided,
        EventMetadata metadata, CancellationToken ct)
    {
        if (decided.Count == 0) return new WriteOutcome<TState>(aggregate.State, aggregate.Head, []);

        var events = decided.Select(e => e as NewEvent ?? new NewEvent(e)).ToList();
        var appended = await transaction.AppendAsync(aggregate.Head, decider.StreamType, events, metadata, ct);
        var state = aggregate.State;
        foreach (var @event in events) state = decider.Evolve(state, @event.Data);
        return new WriteOutcome<TState>(state, appended.Head, appended.Events);
    }

    async Task<string?> EarlierResultAsync(IdempotencyRequest key, CancellationToken ct)
    {
        await using var command = log.DataSource.CreateCommand("select request_hash, result from eventstore.idempotency_keys where key = $1 and result is not null");
        command.Parameters.Add(new() { Value = key.Key });
        await using var reader = await command.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct)) return null;
        if (!reader.GetFieldValue<byte[]>(0).AsSpan().SequenceEqual(key.RequestHash)) throw new IdempotencyKeyReusedException(key.Key);
        return reader.GetString(1);
    }

    static WriteResult<TResult> Replay<TResult>(string stored) =>
        new(JsonSerializer.Deserialize<TResult>(stored, EventTypes.SerializerOptions)!, true);
}
