using FluentValidation;
using Microsoft.AspNetCore.Http;
using Mrv.EventStore;
using Mrv.EventStore.Http;
using Mrv.Verification.Ports;

namespace Mrv.Verification.Agencies;

/// <param name="Username">The user account (role verifier, of this agency) the person signs in with; one account per person.</param>
/// <param name="Qualifications">verifier, lead_verifier, technical_reviewer.</param>
/// <param name="Industries">The industries the person may verify (and, as lead verifier, lead).</param>
public sealed record RegisterVerifierRequest(
    string NameZh, string? NameEn, string Username, string CertificateNo, IReadOnlyList<string> Qualifications, IReadOnlyList<string> Industries);

public sealed class RegisterVerifierRequestValidator : AbstractValidator<RegisterVerifierRequest>
{
    public RegisterVerifierRequestValidator(IVerificationSubjects subjects)
    {
        RuleFor(r => r.NameZh).NotEmpty().MaximumLength(100);
        RuleFor(r => r.NameEn).MaximumLength(100);
        RuleFor(r => r.Username).NotEmpty().Matches(AgencyRules.UsernamePattern).WithErrorCode("username_format")
            .WithMessage(_ => new LocalizedText(
                "账号须为 3–64 位小写字母、数字或 . _ -，并以字母或数字开头。",
                "An account is 3–64 lower-case letters, digits, '.', '_' or '-', starting with a letter or digit.").ToString());
        RuleFor(r => r.CertificateNo).NotEmpty().MaximumLength(64);
        RuleFor(r => r.Qualifications).NotEmpty().Must(q => q is null || q.All(Agencies.Qualifications.All.Contains)).WithErrorCode("qualification_unknown")
            .WithMessage(_ => AgencyRules.OneOf("qualifications", Agencies.Qualifications.All));
        RuleFor(r => r.Industries).Industries(subjects, "industries");
    }
}

public sealed record VerifierLeftRequest(DateOnly LeftOn, string Reason);

public sealed class VerifierLeftRequestValidator : AbstractValidator<VerifierLeftRequest>
{
    public VerifierLeftRequestValidator() => RuleFor(r => r.Reason).NotEmpty().MaximumLength(2000);
}

/// <summary>
/// POST /api/v1/verification/agencies/{id}/verifiers (drc) — registers a person (核查人员) under the
/// agency; POST …/verifiers/{verifierId}/leave records that they left.
/// </summary>
public static class RegisterVerifier
{
    public static Task<IResult> Handle(Guid id, RegisterVerifierRequest request, HttpContext http, EventLog log, TimeProvider time)
    {
        var verifierId = Guid.CreateVersion7(time.GetUtcNow());
        return AgencyCommands.RunAsync(id, request, http, log, time,
            (state, by, now) => Agency.Decide(new Agency.RegisterVerifier(verifierId, request.NameZh, string.IsNullOrWhiteSpace(request.NameEn) ? null : request.NameEn,
                request.Username, request.CertificateNo, request.Qualifications, request.Industries, by), state, now),
            (outcome, _) => CommandResponse.Created($"/api/v1/verification/agencies/{id}", outcome.Head.Version, outcome.State.VerifierOf(verifierId)));
    }

    public static Task<IResult> Leave(Guid id, Guid verifierId, VerifierLeftRequest request, HttpContext http, EventLog log, TimeProvider time) =>
        AgencyCommands.RunAsync(id, request, http, log, time,
            (state, by, now) => Agency.Decide(new Agency.RecordVerifierLeft(verifierId, request.LeftOn, request.Reason, by), state, now));
}
