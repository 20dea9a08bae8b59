namespace Mrv.EventStore;

/// <summary>
/// A read model written in the same transaction as the events it follows: if the append fails,
/// the documents are untouched; if the projection fails, the append fails. The documents go through
/// a session flushed at the end of the append, so a bulk import of thousands of streams costs a
/// load and an upsert per document table rather than per stream.
/// </summary>
public interface IInlineProjection
{
    /// <summary>The event types this projection follows; appends of other types skip it.</summary>
    IReadOnlyCollection<Type> EventTypes { get; }

    Task ApplyAsync(DocumentSession documents, IReadOnlyList<StoredEvent> events, CancellationToken ct);
}

/// <summary>A document per stream, folded from that stream's events (id = stream id).</summary>
public abstract class SingleStreamProjection<TDocument> : IInlineProjection where TDocument : class
{
    public abstract IReadOnlyCollection<Type> EventTypes { get; }

    /// <summary>The document after one event; null deletes it.</summary>
    protected abstract TDocument? Apply(TDocument? current, StoredEvent @event);

    public async Task ApplyAsync(DocumentSession documents, IReadOnlyList<StoredEvent> events, CancellationToken ct)
    {
        var streams = events.Where(e => EventTypes.Contains(e.Data.GetType())).GroupBy(e => e.StreamId).ToList();
        var existing = await documents.LoadManyAsync<TDocument>(streams.Select(s => s.Key), ct);
        foreach (var stream in streams)
        {
            var found = existing.GetValueOrDefault(stream.Key);
            var current = found?.Data;
            StoredEvent? last = null;
            foreach (var @event in stream.OrderBy(e => e.Version))
            {
                current = Apply(current, @event);
                last = @event;
            }
            if (current is null)
            {
                if (found is not null) documents.Delete<TDocument>(stream.Key);
            }
            else
            {
                documents.Store(stream.Key, current, last!.Version, last.RecordedAt);
            }
        }
    }
}
