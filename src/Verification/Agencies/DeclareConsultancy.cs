using FluentValidation;
using Microsoft.AspNetCore.Http;
using Mrv.EventStore;
using Mrv.Verification.Ports;

namespace Mrv.Verification.Agencies;

/// <param name="Service">consulting or report_preparation.</param>
/// <param name="To">The last day of the service; none while it goes on.</param>
public sealed record DeclareConsultancyRequest(string EnterpriseCreditCode, string EnterpriseName, string Service, DateOnly From, DateOnly? To, string? Note);

public sealed class DeclareConsultancyRequestValidator : AbstractValidator<DeclareConsultancyRequest>
{
    public DeclareConsultancyRequestValidator(IVerificationSubjects subjects)
    {
        RuleFor(r => r.EnterpriseCreditCode).CreditCode(subjects);
        RuleFor(r => r.EnterpriseName).NotEmpty().MaximumLength(200);
        RuleFor(r => r.Service).Must(s => ConsultancyServices.All.Contains(s)).WithErrorCode("service_unknown")
            .WithMessage(_ => AgencyRules.OneOf("service", ConsultancyServices.All));
        RuleFor(r => r.To).GreaterThanOrEqualTo(r => r.From).When(r => r.To is not null);
        RuleFor(r => r.Note).MaximumLength(2000);
    }
}

/// <summary>
/// POST /api/v1/verification/agencies/{id}/consultancy (drc, or the agency itself) — a service the
/// agency gave an enterprise; for five years after it the agency may not verify that enterprise.
/// </summary>
public static class DeclareConsultancy
{
    public static Task<IResult> Handle(Guid id, DeclareConsultancyRequest request, HttpContext http, EventLog log, TimeProvider time)
    {
        var recordId = Guid.CreateVersion7(time.GetUtcNow());
        return AgencyCommands.RunAsync(id, request, http, log, time, (state, by, now) => Agency.Decide(new Agency.DeclareConsultancy(
            recordId, request.EnterpriseCreditCode, request.EnterpriseName, request.Service, request.From, request.To, request.Note, by), state, now));
    }
}
