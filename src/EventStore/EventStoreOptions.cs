using Mrv.EventStore.Serialization;

namespace Mrv.EventStore;

/// <summary>What the modules register with the store: event aliases, document tables, inline projections.</summary>
public sealed class EventStoreOptions
{
    public EventTypes Events { get; } = new();
    public DocumentTypes Documents { get; } = new();
    public List<IInlineProjection> InlineProjections { get; } = [];
    public List<AsyncProjection> AsyncProjections { get; } = [];

    public AsyncProjection AsyncProjection(string name) =>
        AsyncProjections.FirstOrDefault(p => p.Name == name)
        ?? throw new KeyNotFoundException($"There is no async projection named '{name}'.");

    /// <summary>The tenant written on every event; one database per province keeps this constant per database.</summary>
    public string Tenant { get; set; } = "default";
}
