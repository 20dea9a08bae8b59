using System.Text.Json;
using Mrv.EventStore;
using Mrv.EventStore.Http;
using Mrv.EventStore.Serialization;

namespace Mrv.Registry.Allowances;

/// <summary>
/// The write path of movements: one decision that appends to several streams (the sender's and the
/// recipient's accounts, the transfer; an allocation table and every account it credits) in one
/// transaction, each append with the version its decision was made on. A concurrent write to any of
/// them aborts all of them, and the whole decision is taken again on fresh state, so a balance is
/// only ever debited by a decision that saw it.
/// </summary>
public sealed class Ledger(EventLog log)
{
    /// <summary>
    /// Each lost race is retried on fresh state: with N requests racing on one account, each round
    /// lets at least one through, so N attempts always suffice for N racers; 25 covers bursts well
    /// beyond what one account sees, and a refusal (balance exhausted) ends a request at once.
    /// </summary>
    public const int MaxAttempts = 25;

    public EventLog Log => log;

    /// <param name="decide">Loads what it needs through the session, plans appends on it, and returns the answer; a <see cref="DomainRuleViolation"/> appends nothing.</param>
    /// <param name="occurredAt">The business time of the events when it is not now (demo data of past years).</param>
    public async Task<WriteResult<TResult>> WriteAsync<TResult>(
        Func<LedgerSession, Task<TResult>> decide, EventMetadata metadata, IdempotencyRequest? idempotency = null,
        DateTimeOffset? occurredAt = null, CancellationToken ct = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var transaction = await log.BeginAsync(ct);
            // The key is claimed before deciding: a repeat waits for the first request and gets its answer,
            // instead of being decided again on the state the first one left.
            if (idempotency is not null && await transaction.ClaimIdempotencyKeyAsync(idempotency.Key, idempotency.RequestHash, ct) is { } earlier)
            {
                await transaction.RollbackAsync(ct);
                return new WriteResult<TResult>(JsonSerializer.Deserialize<TResult>(earlier, EventTypes.SerializerOptions)!, true);
            }

            var session = new LedgerSession(log, occurredAt, ct);
            var result = await decide(session);
            if (session.Planned.Count == 0 && idempotency is null)
            {
                await transaction.RollbackAsync(ct);
                return new WriteResult<TResult>(result, false);
            }

            try
            {
                // Streams are appended in one order (their ids) by every writer: two movements between the
                // same two accounts in opposite directions then wait for each other instead of deadlocking.
                foreach (var planned in session.Planned.OrderBy(p => p.Head.StreamId, StringComparer.Ordinal))
                {
                    await transaction.AppendAsync(planned.Head, planned.StreamType, planned.Events, metadata, ct);
                }
            }
            catch (ConcurrencyException) when (attempt < MaxAttempts)
            {
                await transaction.RollbackAsync(ct);
                await Task.Delay(Random.Shared.Next(2, 5 + 3 * attempt), ct);
                continue;
            }

            if (idempotency is not null)
            {
                await transaction.CompleteIdempotencyKeyAsync(idempotency.Key, JsonSerializer.Serialize(result, EventTypes.SerializerOptions), ct);
            }
            await transaction.CommitAsync(ct);
            return new WriteResult<TResult>(result, false);
        }
    }
}

/// <summary>
/// What one decision of the <see cref="Ledger"/> read and what it will append: each stream is read
/// once, and later reads of it within the decision see the events already planned for it.
/// </summary>
public sealed class LedgerSession
{
    readonly EventLog log;
    readonly DateTimeOffset? occurredAt;
    readonly CancellationToken ct;
    readonly Dictionary<string, object> loaded = new(StringComparer.Ordinal);
    readonly Dictionary<string, PlannedAppend> planned = new(StringComparer.Ordinal);

    internal LedgerSession(EventLog log, DateTimeOffset? occurredAt, CancellationToken ct)
    {
        this.log = log;
        this.occurredAt = occurredAt;
        this.ct = ct;
    }

    internal sealed record PlannedAppend(StreamHead Head, string StreamType, List<NewEvent> Events);

    internal IReadOnlyCollection<PlannedAppend> Planned => planned.Values;

    public EventLog Log => log;

    public CancellationToken Cancellation => ct;

    /// <summary>The stream folded, with what this decision already planned for it.</summary>
    public async Task<Aggregate<TState>> LoadAsync<TState>(Decider<TState> decider, string streamId)
    {
        if (loaded.TryGetValue(streamId, out var existing)) return (Aggregate<TState>)existing;
        var aggregate = await log.AggregateAsync(streamId, decider.Initial, decider.Evolve, ct: ct);
        loaded[streamId] = aggregate;
        return aggregate;
    }

    /// <summary>Plans events for a stream loaded through this session; returns its state after them.</summary>
    public TState Append<TState>(Decider<TState> decider, string streamId, IReadOnlyList<object> events)
    {
        var aggregate = loaded.TryGetValue(streamId, out var found)
            ? (Aggregate<TState>)found
            : throw new InvalidOperationException($"Stream '{streamId}' must be loaded through the session before appending to it.");
        if (events.Count == 0) return aggregate.State;
        if (!planned.TryGetValue(streamId, out var append))
        {
            append = new PlannedAppend(aggregate.Head, decider.StreamType, []);
            planned[streamId] = append;
        }
        append.Events.AddRange(events.Select(e => new NewEvent(e, occurredAt)));
        var state = events.Aggregate(aggregate.State, decider.Evolve);
        loaded[streamId] = aggregate with { State = state };
        return state;
    }

    /// <summary>Decides on a loaded stream and plans the events in one step.</summary>
    public async Task<TState> DecideAsync<TState>(Decider<TState> decider, string streamId, Func<TState, IReadOnlyList<object>> decide)
    {
        var aggregate = await LoadAsync(decider, streamId);
        return Append(decider, streamId, decide(aggregate.State));
    }
}

/// <summary>Runs a movement from an HTTP request through the ledger: who and why in the metadata, and the Idempotency-Key.</summary>
public static class LedgerHttp
{
    public static async Task<IResult> MoveAsync(this HttpContext http, object request, string idempotencyScope, Func<LedgerSession, Task<CommandResponse>> decide)
    {
        var ledger = http.RequestServices.GetRequiredService<Ledger>();
        var written = await ledger.WriteAsync(decide, HttpCommands.MetadataOf(http), HttpCommands.IdempotencyOf(http, idempotencyScope, request),
            ct: http.RequestAborted);
        return written.Result.ToResult(http, written.Replayed);
    }
}
