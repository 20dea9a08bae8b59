using FluentValidation;
using Microsoft.AspNetCore.Http;
using Mrv.EventStore;
using Mrv.EventStore.Http;
using Mrv.Verification.Ports;

namespace Mrv.Verification.Assignment;

public sealed record DirectAssignmentRequest(Guid AgencyId, string Reason);

public sealed class DirectAssignmentRequestValidator : AbstractValidator<DirectAssignmentRequest>
{
    public DirectAssignmentRequestValidator()
    {
        RuleFor(r => r.AgencyId).NotEmpty();
        RuleFor(r => r.Reason).NotEmpty().MaximumLength(2000);
    }
}

/// <summary>
/// POST /api/v1/verification/assignments/{enterpriseId}/{year}/draw | direct (drc) — assigns an
/// agency to a submitted enterprise-year by a recorded random draw among the eligible, or directly
/// (an eligible agency, with a reason); the engagement opens in the same transaction. After a decline
/// the same routes reassign, without the agency that declined. GET …/{enterpriseId}/{year} shows
/// every assignment with its seed and candidates.
/// </summary>
public static class AssignAgency
{
    public static Task<IResult> Draw(Guid enterpriseId, int year, HttpContext http, EventLog log, IVerificationSubjects subjects, TimeProvider time) =>
        AssignAsync(enterpriseId, year, new { enterpriseId, year, method = AssignmentMethods.Draw }, http, log, subjects, time,
            (facts, engagementId, by, now) => Assigning.Draw(facts, SeededDraw.NewSeed(), engagementId, by, now));

    public static Task<IResult> Direct(Guid enterpriseId, int year, DirectAssignmentRequest request, HttpContext http, EventLog log,
        IVerificationSubjects subjects, TimeProvider time) =>
        AssignAsync(enterpriseId, year, request, http, log, subjects, time,
            (facts, engagementId, by, now) => Assigning.Direct(facts, request.AgencyId, request.Reason, engagementId, by, now));

    public static async Task<IResult> Get(Guid enterpriseId, int year, HttpContext http, EventLog log)
    {
        var document = await log.Documents.LoadAsync<AgencyAssignment>(AgencyAssignment.StreamId(enterpriseId, year), http.RequestAborted);
        if (document is null) return Problems.NotFound(http);
        http.Response.Headers.ETag = HttpCommands.ETagFor(document.Version);
        return TypedResults.Ok(document.Data);
    }

    static async Task<IResult> AssignAsync(Guid enterpriseId, int year, object request, HttpContext http, EventLog log, IVerificationSubjects subjects,
        TimeProvider time, Func<EligibilityFacts, Guid, string, DateTimeOffset, Func<AgencyAssignment, IReadOnlyList<object>>> decide)
    {
        var subject = await subjects.FindAsync(enterpriseId, year, http.RequestAborted);
        if (subject is null) return Problems.NotFound(http);
        var now = time.GetUtcNow();
        var by = Caller.From(http.User)!.Username;
        var facts = await Assigning.FactsAsync(log, subject, await Assigning.AgenciesAsync(log, http.RequestAborted), now, http.RequestAborted);
        var engagementId = Guid.CreateVersion7(now);
        return await http.ExecuteAsync(AgencyAssignment.Decider, AgencyAssignment.StreamId(enterpriseId, year), request,
            decide(facts, engagementId, by, now),
            outcome => CommandResponse.Created($"/api/v1/verification/engagements/{outcome.State.CurrentEngagementId}", outcome.Head.Version,
                AssignmentResult.Of(outcome.State, facts.Agencies)),
            Assigning.OpenEngagement(log, facts, HttpCommands.MetadataOf(http), by, now));
    }
}
