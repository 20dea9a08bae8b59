using Mrv.EventStore;

namespace Mrv.Verification;

/// <summary>Another stream's decision inside a transaction that is already writing one: both commit, or neither.</summary>
public static class TransactionAppends
{
    /// <summary>
    /// Folds the stream, decides, and appends after the version folded; a write to that stream in
    /// between fails the whole transaction with a version conflict rather than being overwritten.
    /// A rule violation from <paramref name="decide"/> fails it too.
    /// </summary>
    public static async Task<TState> DecideAndAppendAsync<TState>(
        this EventTransaction transaction, EventLog log, Decider<TState> decider, string streamId, Func<TState, IReadOnlyList<object>> decide,
        EventMetadata metadata, CancellationToken ct)
    {
        var aggregate = await log.AggregateAsync(streamId, decider.Initial, decider.Evolve, ct: ct);
        var events = decide(aggregate.State);
        if (events.Count == 0) return aggregate.State;
        await transaction.AppendAsync(aggregate.Head, decider.StreamType, [.. events.Select(e => new NewEvent(e))], metadata, ct);
        return events.Aggregate(aggregate.State, decider.Evolve);
    }

    /// <summary>The events of a given type this transaction appended so far, in order (a copy: appending more while going through them is safe).</summary>
    public static IReadOnlyList<TEvent> AppendedOf<TEvent>(this EventTransaction transaction) =>
        [.. transaction.Appended.SelectMany(a => a.Events).Select(e => e.Data).OfType<TEvent>()];
}
