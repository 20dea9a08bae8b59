using Mrv.EventStore;

namespace Mrv.Registry.Demo;

/// <summary>
/// Streams decided in memory by a seed: new ones are imported in bulk, existing ones (tracked with the
/// head they were read at) appended after it, all in one transaction. Each decision sees the state the
/// decisions before it left, as it would through the API.
/// </summary>
internal sealed class PendingStreams
{
    sealed class Entry(string type, StreamHead? head, object? state)
    {
        public string Type { get; } = type;
        public StreamHead? Head { get; } = head;
        public object? State { get; set; } = state;
        public List<NewEvent> Events { get; } = [];
    }

    readonly Dictionary<string, Entry> streams = new(StringComparer.Ordinal);

    public void Track<TState>(Decider<TState> decider, Aggregate<TState> existing) where TState : notnull =>
        streams[existing.StreamId] = new Entry(decider.StreamType, existing.Head, existing.State);

    /// <summary>A new stream decided elsewhere; <paramref name="state"/> is what its events fold to, when later decisions need it.</summary>
    public void Add(string streamId, string streamType, IReadOnlyList<NewEvent> events, object? state = null)
    {
        var entry = new Entry(streamType, null, state);
        entry.Events.AddRange(events);
        streams.Add(streamId, entry);
    }

    public TState Apply<TState>(Decider<TState> decider, string streamId, Func<TState, IReadOnlyList<object>> decide, DateTimeOffset at) where TState : notnull
    {
        if (!streams.TryGetValue(streamId, out var entry)) streams[streamId] = entry = new Entry(decider.StreamType, null, decider.Initial);
        var state = (TState)(entry.State ?? throw new InvalidOperationException($"Stream '{streamId}' was added without its state."));
        var events = decide(state);
        entry.Events.AddRange(events.Select(e => new NewEvent(e, at)));
        entry.State = events.Aggregate(state, decider.Evolve);
        return (TState)entry.State;
    }

    public TState State<TState>(string streamId) => (TState)streams[streamId].State!;

    public IEnumerable<TState> States<TState>() => streams.Values.Select(e => e.State).OfType<TState>();

    /// <summary>Imports the new streams and appends to the tracked ones in <paramref name="transaction"/>; returns the number of events.</summary>
    public async Task<long> WriteAsync(EventTransaction transaction, EventMetadata metadata, CancellationToken ct)
    {
        var count = await transaction.ImportAsync(
            [.. streams.Where(s => s.Value.Head is null && s.Value.Events.Count > 0).Select(s => new StreamImport(s.Key, s.Value.Type, s.Value.Events))], metadata, ct);
        foreach (var (_, entry) in streams.Where(s => s.Value.Head is not null && s.Value.Events.Count > 0))
        {
            await transaction.AppendAsync(entry.Head!, entry.Type, entry.Events, metadata, ct);
            count += entry.Events.Count;
        }
        return count;
    }
}
