using Mrv.EventStore;
using Mrv.Verification.Agencies;
using Mrv.Verification.Engagements;
using Mrv.Verification.Ports;

namespace Mrv.Verification.Assignment;

/// <summary>What an assignment answers: who verifies, how they were chosen, and how anyone can re-run the draw.</summary>
public sealed record AssignmentResult(
    Guid EnterpriseId, int Year, Guid EngagementId, Guid AgencyId, string AgencyName, string Method, string? Seed, IReadOnlyList<string>? Eligible,
    IReadOnlyList<Guid>? ExcludedAfterDecline, string? Reason)
{
    public static AssignmentResult Of(AgencyAssignment assignment, IReadOnlyList<Agency> agencies)
    {
        var current = assignment.Current!;
        return new(assignment.EnterpriseId, assignment.Year, current.EngagementId, current.AgencyId,
            agencies.FirstOrDefault(a => a.Id == current.AgencyId)?.NameZh ?? "", current.Method, current.Seed, current.Eligible,
            current.ExcludedAfterDecline, current.Reason);
    }
}

/// <summary>
/// The one way an enterprise-year is assigned, by the API, the batch and the demo alike: gather the
/// facts eligibility rests on, decide on the assignment stream, and open the engagement in the same
/// transaction.
/// </summary>
public static class Assigning
{
    public static async Task<IReadOnlyList<Agency>> AgenciesAsync(EventLog log, CancellationToken ct) =>
        [.. (await log.Documents.QueryAsync<Agency>(new DocumentQuery { Limit = 10_000 }, ct)).Items.Select(d => d.Data)];

    /// <summary>The facts for one enterprise-year: every agency, who verified the enterprise in earlier years, each agency's workload in the year.</summary>
    public static async Task<EligibilityFacts> FactsAsync(EventLog log, VerificationSubject subject, IReadOnlyList<Agency> agencies, DateTimeOffset now, CancellationToken ct)
    {
        var earlier = await log.Documents.QueryAsync<AgencyAssignment>(
            new DocumentQuery { Contains = new { enterpriseId = subject.EnterpriseId }, Limit = 1_000 }, ct);
        var workload = await log.Documents.QueryAsync<AgencyWorkload>(
            new DocumentQuery { Ids = [.. agencies.Select(a => AgencyWorkload.Key(a.Id, subject.Year))], Limit = agencies.Count + 1 }, ct);
        return new EligibilityFacts(subject, agencies,
            earlier.Items.Select(d => d.Data).Where(a => a.Year < subject.Year && a.CurrentAgencyId is not null)
                .ToDictionary(a => a.Year, a => a.CurrentAgencyId!.Value),
            workload.Items.ToDictionary(d => d.Data.AgencyId, d => d.Data.Count),
            BusinessDay.Of(now));
    }

    public static Func<AgencyAssignment, IReadOnlyList<object>> Draw(EligibilityFacts facts, string seed, Guid engagementId, string? by, DateTimeOffset now) =>
        state => AgencyAssignment.Decide(
            new AgencyAssignment.Draw(facts.Subject, Eligibility.Evaluate(facts, state.DeclinedAgencies), seed, engagementId, by), state, now);

    public static Func<AgencyAssignment, IReadOnlyList<object>> Direct(EligibilityFacts facts, Guid agencyId, string reason, Guid engagementId, string? by, DateTimeOffset now) =>
        state => AgencyAssignment.Decide(
            new AgencyAssignment.AssignDirectly(facts.Subject, Eligibility.Evaluate(facts, state.DeclinedAgencies), agencyId, reason, engagementId, by), state, now);

    /// <summary>Runs in the assignment's transaction: the engagement starts with what the enterprise reported.</summary>
    public static Func<EventTransaction, CancellationToken, Task> OpenEngagement(
        EventLog log, EligibilityFacts facts, EventMetadata metadata, string? by, DateTimeOffset now) =>
        async (transaction, ct) =>
        {
            var assigned = transaction.AppendedOf<AgencyDrawn>().Select(d => (d.EngagementId, d.AgencyId, Method: AssignmentMethods.Draw))
                .Concat(transaction.AppendedOf<AgencyAssignedDirectly>().Select(a => (a.EngagementId, a.AgencyId, Method: AssignmentMethods.Direct)))
                .ToList();
            foreach (var (engagementId, agencyId, method) in assigned)
            {
                var agency = facts.Agencies.First(a => a.Id == agencyId);
                await transaction.DecideAndAppendAsync(log, Engagement.Decider, Engagement.StreamId(engagementId),
                    state => Engagement.Decide(new Engagement.Open(engagementId, agency.Id, agency.NameZh, facts.Subject, method, by), state, now),
                    metadata, ct);
            }
        };

    /// <summary>Assigns outside HTTP (the batch, the demo): one transaction per enterprise-year.</summary>
    public static async Task<AgencyAssignment> WriteAsync(
        CommandWriter writer, EligibilityFacts facts, Func<AgencyAssignment, IReadOnlyList<object>> decide, EventMetadata metadata, string? by,
        DateTimeOffset now, CancellationToken ct)
    {
        var written = await writer.WriteAsync(AgencyAssignment.Decider, AgencyAssignment.StreamId(facts.Subject.EnterpriseId, facts.Subject.Year), decide,
            outcome => outcome.State, new WriteOptions { Metadata = metadata, BeforeCommit = OpenEngagement(writer.Log, facts, metadata, by, now) }, ct);
        return written.Result;
    }
}
