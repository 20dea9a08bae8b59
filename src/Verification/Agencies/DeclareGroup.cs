using FluentValidation;
using Microsoft.AspNetCore.Http;
using Mrv.EventStore;
using Mrv.Verification.Ports;

namespace Mrv.Verification.Agencies;

/// <param name="CreditCodes">The enterprises of the agency's group; it may verify none of them. Empty when it belongs to no group any more.</param>
public sealed record DeclareGroupRequest(string GroupName, IReadOnlyList<string> CreditCodes);

public sealed class DeclareGroupRequestValidator : AbstractValidator<DeclareGroupRequest>
{
    public DeclareGroupRequestValidator(IVerificationSubjects subjects)
    {
        RuleFor(r => r.GroupName).NotEmpty().MaximumLength(200);
        RuleFor(r => r.CreditCodes).NotNull();
        RuleForEach(r => r.CreditCodes).CreditCode(subjects);
    }
}

/// <summary>
/// POST /api/v1/verification/agencies/{id}/group (drc, or the agency itself) — the group (集团) the
/// agency belongs to and its enterprises: verifying one of them is a conflict of interest.
/// </summary>
public static class DeclareGroup
{
    public static Task<IResult> Handle(Guid id, DeclareGroupRequest request, HttpContext http, EventLog log, TimeProvider time) =>
        AgencyCommands.RunAsync(id, request, http, log, time,
            (state, by, now) => Agency.Decide(new Agency.DeclareGroup(request.GroupName, request.CreditCodes, by), state, now));
}
