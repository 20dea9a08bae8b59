using FluentValidation;
using Microsoft.AspNetCore.Http;
using Mrv.EventStore.Http;
using Mrv.Verification.Agencies;
using Mrv.Verification.Ports;

namespace Mrv.Verification.Engagements;

/// <param name="Role">lead or reviewer: the role the caller signs in.</param>
public sealed record SignOffRequest(string Role);

public sealed class SignOffRequestValidator : AbstractValidator<SignOffRequest>
{
    public SignOffRequestValidator() =>
        RuleFor(r => r.Role).Must(r => SignatureRoles.All.Contains(r)).WithErrorCode("role_unknown")
            .WithMessage(_ => AgencyRules.OneOf("role", SignatureRoles.All));
}

/// <summary>
/// POST /api/v1/verification/engagements/{id}/sign (the lead verifier, the technical reviewer) — each
/// signs the opinion in their own role with their own account; one person in both roles is refused
/// (<c>engagement.same_person_both_roles</c>). The second signature completes the engagement, and in
/// the same transaction the report becomes verified with the opinion's figures.
/// </summary>
public static class SignOff
{
    public static Task<IResult> Handle(Guid id, SignOffRequest request, HttpContext http, IEngagementOutcomes outcomes) =>
        EngagementCommands.RunAsVerifierAsync(id, request, http,
            (state, acting) => Engagement.Decide(new Engagement.Sign(request.Role, acting.Verifier, acting.DueOn), state, acting.Now),
            (engagement, now) => async (transaction, ct) =>
            {
                foreach (var signedOff in transaction.AppendedOf<EngagementSignedOff>())
                {
                    await outcomes.SignedOffAsync(transaction, new VerificationSignedOff(engagement.EnterpriseId, engagement.Year, engagement.Id,
                        signedOff.VerifiedEmissionsTco2, signedOff.VerifiedEnergyTce, signedOff.Opinion, Caller.From(http.User)!.Username),
                        HttpCommands.MetadataOf(http), now, ct);
                }
            });
}
