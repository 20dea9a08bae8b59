namespace Mrv.EventStore;

/// <summary>
/// A read model built from the log after the fact by the projection daemon, usually across many
/// streams (the covered list, a verifier's queue, a league's progress). Its documents and its
/// progress are written in one transaction, so each event takes effect exactly once.
/// </summary>
public abstract class AsyncProjection
{
    /// <summary>Stable name: the key of its progress row, its leadership lock and its dead letters.</summary>
    public abstract string Name { get; }

    /// <summary>The event types it reads; the daemon never fetches the others.</summary>
    public abstract IReadOnlyCollection<Type> EventTypes { get; }

    /// <summary>The document types it owns: emptied and rebuilt by a rebuild.</summary>
    public abstract IReadOnlyCollection<Type> DocumentTypes { get; }

    /// <summary>
    /// Applies events in log order. Must be deterministic (times from the events, never the
    /// clock) so a rebuild gives identical documents. A throw sends the offending event to the
    /// dead letters and the projection carries on.
    /// </summary>
    public abstract Task ApplyAsync(DocumentSession session, IReadOnlyList<StoredEvent> events, CancellationToken ct);
}

/// <summary>
/// A document per key, where each event says which key it touches (an enterprise, a league, an
/// agency). Loads every touched document in one query, folds the events in order, stores them.
/// A document's version counts the events applied to it.
/// </summary>
public abstract class DocumentPerKeyProjection<TDocument> : AsyncProjection where TDocument : class
{
    public override IReadOnlyCollection<Type> DocumentTypes => [typeof(TDocument)];

    /// <summary>The document an event touches, or null when it touches none.</summary>
    protected abstract string? KeyFor(StoredEvent @event);

    /// <summary>The document after the event; null deletes it.</summary>
    protected abstract TDocument? Apply(TDocument? current, StoredEvent @event);

    public override async Task ApplyAsync(DocumentSession session, IReadOnlyList<StoredEvent> events, CancellationToken ct)
    {
        var keyed = events.Select(e => (Key: KeyFor(e), Event: e)).Where(k => k.Key is not null).ToList();
        if (keyed.Count == 0) return;
        var documents = await session.LoadManyAsync<TDocument>(keyed.Select(k => k.Key!), ct);
        foreach (var group in keyed.GroupBy(k => k.Key!))
        {
            var existing = documents.GetValueOrDefault(group.Key);
            var current = existing?.Data;
            var version = existing?.Version ?? 0;
            StoredEvent last = null!;
            foreach (var (_, @event) in group)
            {
                current = Apply(current, @event);
                version++;
                last = @event;
            }
            if (current is null)
            {
                session.Delete<TDocument>(group.Key);
            }
            else
            {
                session.Store(group.Key, current, version, last.RecordedAt);
            }
        }
    }
}
