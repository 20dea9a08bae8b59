namespace Mrv.EventStore;

/// <summary>
/// A read model written in the same transaction as the events it follows: if the append fails,
/// the documents are untouched; if the projection fails, the append fails.
/// </summary>
public interface IInlineProjection
{
    /// <summary>The event types this projection follows; appends of other types skip it.</summary>
    IReadOnlyCollection<Type> EventTypes { get; }

    Task ApplyAsync(DocumentOperations documents, IReadOnlyList<StoredEvent> events, CancellationToken ct);
}

/// <summary>A document per stream, folded from that stream's events (id = stream id).</summary>
public abstract class SingleStreamProjection<TDocument> : IInlineProjection where TDocument : class
{
    public abstract IReadOnlyCollection<Type> EventTypes { get; }

    /// <summary>The document after one event; null deletes it.</summary>
    protected abstract TDocument? Apply(TDocument? current, StoredEvent @event);

    public async Task ApplyAsync(DocumentOperations documents, IReadOnlyList<StoredEvent> events, CancellationToken ct)
    {
        foreach (var stream in events.Where(e => EventTypes.Contains(e.Data.GetType())).GroupBy(e => e.StreamId))
        {
            var existing = await documents.LoadAsync<TDocument>(stream.Key, ct);
            var current = existing?.Data;
            StoredEvent? last = null;
            foreach (var @event in stream.OrderBy(e => e.Version))
            {
                current = Apply(current, @event);
                last = @event;
            }
            if (current is null)
            {
                if (existing is not null) await documents.DeleteAsync<TDocument>(stream.Key, ct);
            }
            else
            {
                await documents.StoreAsync(stream.Key, current, last!.Version, last.RecordedAt, ct);
            }
        }
    }
}
