using Mrv.EventStore;

namespace Mrv.Registry.Enterprises;

/// <summary>Keeps the <c>enterprises</c> read model inline with each enterprise stream: the folded state itself.</summary>
public sealed class EnterpriseProjection : SingleStreamProjection<Enterprise>
{
    public override IReadOnlyCollection<Type> EventTypes { get; } = [.. Enterprise.EventTypes];

    protected override Enterprise? Apply(Enterprise? current, StoredEvent @event) => Enterprise.Evolve(current ?? Enterprise.None, @event.Data);
}
