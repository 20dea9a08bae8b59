using Mrv.EventStore;

namespace Mrv.Verification;

/// <summary>A document per stream that is the stream's folded state itself, written inline: what a read shows is what Decide saw.</summary>
public sealed class FoldedProjection<TState>(TState initial, Func<TState, object, TState> evolve, IReadOnlyCollection<Type> eventTypes)
    : SingleStreamProjection<TState> where TState : class
{
    public override IReadOnlyCollection<Type> EventTypes => eventTypes;

    protected override TState? Apply(TState? current, StoredEvent @event) => evolve(current ?? initial, @event.Data);
}
