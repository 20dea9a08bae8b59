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

    public async Task ApplyAsync(DocumentSession documents, IReadOnlyList<StoredEvent> events, CancellationToken ct)
    {
        var changes = events.Select(e => (Event: e, Change: ChangeOf(e.Data))).Where(c => c.Change is not null).ToList();
        var existing = await documents.LoadManyAsync<AgencyWorkload>(changes.Select(c => AgencyWorkload.Key(c.Change!.Value.AgencyId, c.Change.Value.Year)), ct);
        var workloads = existing.ToDictionary(d => d.Key, d => (d.Value.Data, d.Value.Version), StringComparer.Ordinal);
        foreach (var (@event, change) in changes)
        {
            var (agencyId, year, engagementId, holds) = change!.Value;
            var key = AgencyWorkload.Key(agencyId, year);
            var (workload, version) = workloads.GetValueOrDefault(key, (new AgencyWorkload(agencyId, year, []), 0));
            var engagements = holds ? workload.Engagements.Remove(engagementId).Add(engagementId) : workload.Engagements.Remove(engagementId);
            workloads[key] = (workload with { Engagements = engagements }, version + 1);
            documents.Store(key, workloads[key].Data, version + 1, @event.RecordedAt);
        }
    }

    /// <summary>Whose workload an event changes, and whether the agency now holds the engagement or gave it up.</summary>
    static (Guid AgencyId, int Year, Guid EngagementId, bool Holds)? ChangeOf(object data) => data switch
    {
        AgencyDrawn d => (d.AgencyId, d.Year, d.EngagementId, true),
        AgencyAssignedDirectly a => (a.AgencyId, a.Year, a.EngagementId, true),
        AssignmentDeclined x => (x.AgencyId, x.Year, x.EngagementId, false),
        _ => null,
    };
}
