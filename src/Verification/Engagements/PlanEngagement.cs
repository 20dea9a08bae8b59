using FluentValidation;
using Microsoft.AspNetCore.Http;

namespace Mrv.Verification.Engagements;

/// <param name="ReviewerId">The independent technical reviewer: neither the lead nor a member.</param>
public sealed record PlanEngagementRequest(Guid LeadId, IReadOnlyList<Guid>? MemberIds, Guid ReviewerId, DateOnly? SiteVisitPlannedOn, string? Notes);

public sealed class PlanEngagementRequestValidator : AbstractValidator<PlanEngagementRequest>
{
    public PlanEngagementRequestValidator()
    {
        RuleFor(r => r.LeadId).NotEmpty();
        RuleFor(r => r.ReviewerId).NotEmpty();
        RuleFor(r => r.MemberIds).Must(m => m!.Count <= 20).When(r => r.MemberIds is not null);
        RuleFor(r => r.Notes).MaximumLength(4000);
    }
}

/// <summary>
/// POST /api/v1/verification/engagements/{id}/plan (the agency's verifiers) — the team: a lead
/// verifier qualified for the industry, members, and a qualified technical reviewer on neither side.
/// The team can be planned again until the opinion is issued.
/// </summary>
public static class PlanEngagement
{
    public static Task<IResult> Handle(Guid id, PlanEngagementRequest request, HttpContext http) =>
        EngagementCommands.RunAsVerifierAsync(id, request, http, (state, acting) =>
        {
            var lead = acting.Agency.VerifiersOf([request.LeadId])[0];
            var reviewer = acting.Agency.VerifiersOf([request.ReviewerId])[0];
            var members = acting.Agency.VerifiersOf(request.MemberIds ?? []);
            return Engagement.Decide(new Engagement.Plan(lead, members, reviewer, request.SiteVisitPlannedOn, request.Notes, acting.Verifier.Username), state, acting.Now);
        });
}
