using System.Collections.Immutable;
using Mrv.EventStore;

namespace Mrv.Verification.Assignment;

/// <summary>The engagements an agency holds in a data year (declined ones leave it): what its workload cap is checked against.</summary>
public sealed record AgencyWorkload(Guid AgencyId, int Year, ImmutableList<Guid> Engagements)
{
    public static string Key(Guid agencyId, int year) => $"{agencyId}-{year}";

    public int Count => Engagements.Count;
}

/// <summary>Inline with the assignment streams, so the next assignment in a batch already counts the one before.</summary>
public sealed class AgencyWorkloadProjection : IInlineProjection
{
    public IReadOnlyCollection<Type> EventTypes { get; } = [.. AgencyAssignment.EventTypes];

    public async Task ApplyAsync(DocumentOperations documents, IReadOnlyList<StoredEvent> events, CancellationToken ct)
    {
        foreach (var @event in events)
        {
            var (agencyId, year, engagementId, holds) = @event.Data switch
            {
                AgencyDrawn d => (d.AgencyId, d.Year, d.EngagementId, true),
                AgencyAssignedDirectly a => (a.AgencyId, a.Year, a.EngagementId, true),
                AssignmentDeclined x => (x.AgencyId, x.Year, x.EngagementId, false),
                _ => (Guid.Empty, 0, Guid.Empty, false),
            };
            if (agencyId == Guid.Empty) continue;
            var key = AgencyWorkload.Key(agencyId, year);
            var existing = await documents.LoadAsync<AgencyWorkload>(key, ct);
            var workload = existing?.Data ?? new AgencyWorkload(agencyId, year, []);
            var engagements = holds ? workload.Engagements.Remove(engagementId).Add(engagementId) : workload.Engagements.Remove(engagementId);
            await documents.StoreAsync(key, workload with { Engagements = engagements }, (existing?.Version ?? 0) + 1, @event.RecordedAt, ct);
        }
    }
}
