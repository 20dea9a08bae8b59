using FluentValidation;
using Microsoft.AspNetCore.Http;
using Mrv.EventStore;
using Mrv.EventStore.Http;
using Mrv.Verification.Assignment;
using Mrv.Verification.Ports;

namespace Mrv.Verification.Engagements;

/// <param name="NoConflictOfInterest">The verifier declares that the agency has no conflict of interest with the enterprise; must be true.</param>
/// <param name="Statement">Anything the verifier adds to the declaration.</param>
public sealed record AcceptEngagementRequest(bool NoConflictOfInterest, string? Statement);

public sealed class AcceptEngagementRequestValidator : AbstractValidator<AcceptEngagementRequest>
{
    public AcceptEngagementRequestValidator()
    {
        RuleFor(r => r.NoConflictOfInterest).Equal(true).WithErrorCode("declaration_required")
            .WithMessage(_ => new LocalizedText(
                "接受任务须声明与该企业不存在利益冲突（noConflictOfInterest = true）；存在利益冲突时请拒绝任务。",
                "Accepting declares no conflict of interest with the enterprise (noConflictOfInterest = true); with a conflict, decline.").ToString());
        RuleFor(r => r.Statement).MaximumLength(2000);
    }
}

public sealed record DeclineEngagementRequest(string Reason);

public sealed class DeclineEngagementRequestValidator : AbstractValidator<DeclineEngagementRequest>
{
    public DeclineEngagementRequestValidator() => RuleFor(r => r.Reason).NotEmpty().MaximumLength(2000);
}

/// <summary>
/// POST /api/v1/verification/engagements/{id}/accept | decline (the assigned agency's verifiers).
/// Accepting is signed by the verifier the caller is, declaring no conflict of interest, and puts the
/// report under verification in the same transaction. Declining, with a reason, frees the
/// enterprise-year for the DRC to reassign without this agency.
/// </summary>
public static class AcceptEngagement
{
    public const string StandardDeclaration = "本机构及核查人员与受核查企业不存在利益冲突。 / The agency and its verifiers have no conflict of interest with the enterprise.";

    public static Task<IResult> Accept(Guid id, AcceptEngagementRequest request, HttpContext http, IEngagementOutcomes outcomes) =>
        EngagementCommands.RunAsVerifierAsync(id, request, http,
            (state, acting) => Engagement.Decide(new Engagement.Accept(acting.Verifier,
                string.IsNullOrWhiteSpace(request.Statement) ? StandardDeclaration : $"{StandardDeclaration} {request.Statement}"), state, acting.Now),
            (engagement, now) => async (transaction, ct) =>
            {
                foreach (var accepted in transaction.AppendedOf<EngagementAccepted>())
                {
                    await outcomes.StartedAsync(transaction,
                        new VerificationStarted(engagement.EnterpriseId, engagement.Year, engagement.Id, engagement.AgencyId, accepted.AcceptedBy.Username),
                        HttpCommands.MetadataOf(http), now, ct);
                }
            });

    public static Task<IResult> Decline(Guid id, DeclineEngagementRequest request, HttpContext http, EventLog log)
    {
        var by = Caller.From(http.User)!.Username;
        return EngagementCommands.RunAsync(id, request, http,
            (state, now) => Engagement.Decide(new Engagement.Decline(request.Reason, by), state, now),
            (engagement, now) => async (transaction, ct) =>
            {
                if (transaction.AppendedOf<EngagementDeclined>().Count == 0) return;
                await transaction.DecideAndAppendAsync(log, AgencyAssignment.Decider, AgencyAssignment.StreamId(engagement.EnterpriseId, engagement.Year),
                    state => AgencyAssignment.Decide(new AgencyAssignment.Decline(engagement.Id, request.Reason, by), state, now),
                    HttpCommands.MetadataOf(http), ct);
            });
    }
}
