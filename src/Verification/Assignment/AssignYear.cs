using Microsoft.AspNetCore.Http;
using Mrv.EventStore;
using Mrv.EventStore.Http;
using Mrv.Verification.Ports;

namespace Mrv.Verification.Assignment;

public static class BatchOutcomes
{
    public const string Assigned = "assigned";
    public const string AlreadyAssigned = "already_assigned";
    public const string NotAssigned = "not_assigned";
}

/// <param name="Code">Why it was not assigned (a rule code such as <c>assignment.no_eligible_agency</c>).</param>
public sealed record BatchItem(
    Guid EnterpriseId, string EnterpriseName, string Outcome, Guid? EngagementId, Guid? AgencyId, string? AgencyName, string? Seed, string? Code, string? Message);

/// <summary>
/// POST /api/v1/verification/assignments/{year}/batch (drc) — draws an agency for every submitted
/// report of the year that has none (also those whose agency declined), one transaction each, and
/// answers what it did for every enterprise. Running it again assigns only what is still unassigned.
/// </summary>
public static class AssignYear
{
    public static async Task<IResult> Handle(int year, HttpContext http, CommandWriter writer, IVerificationSubjects subjects, TimeProvider time)
    {
        var ct = http.RequestAborted;
        var log = writer.Log;
        var by = Caller.From(http.User)!.Username;
        var metadata = HttpCommands.MetadataOf(http);
        var agencies = await Assigning.AgenciesAsync(log, ct);
        var items = new List<BatchItem>();
        foreach (var enterpriseId in await subjects.SubmittedAsync(year, ct))
        {
            var subject = await subjects.FindAsync(enterpriseId, year, ct);
            if (subject is null) continue;
            var existing = await log.Documents.LoadAsync<AgencyAssignment>(AgencyAssignment.StreamId(enterpriseId, year), ct);
            if (existing?.Data.Current is { } current)
            {
                items.Add(new(enterpriseId, subject.NameZh, BatchOutcomes.AlreadyAssigned, current.EngagementId, current.AgencyId,
                    agencies.FirstOrDefault(a => a.Id == current.AgencyId)?.NameZh, current.Seed, null, null));
                continue;
            }
            var now = time.GetUtcNow();
            var facts = await Assigning.FactsAsync(log, subject, agencies, now, ct);
            try
            {
                var assignment = await Assigning.WriteAsync(writer, facts,
                    Assigning.Draw(facts, SeededDraw.NewSeed(), Guid.CreateVersion7(now), by, now), metadata, by, now, ct);
                var result = AssignmentResult.Of(assignment, agencies);
                items.Add(new(enterpriseId, subject.NameZh, BatchOutcomes.Assigned, result.EngagementId, result.AgencyId, result.AgencyName, result.Seed, null, null));
            }
            catch (DomainRuleViolation violation)
            {
                items.Add(new(enterpriseId, subject.NameZh, BatchOutcomes.NotAssigned, null, null, null, null, violation.Code, violation.Text.ToString()));
            }
        }
        return TypedResults.Ok(new
        {
            year,
            assigned = items.Count(i => i.Outcome == BatchOutcomes.Assigned),
            alreadyAssigned = items.Count(i => i.Outcome == BatchOutcomes.AlreadyAssigned),
            notAssigned = items.Count(i => i.Outcome == BatchOutcomes.NotAssigned),
            items,
        });
    }
}
