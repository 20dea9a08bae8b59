using FluentValidation;
using Microsoft.AspNetCore.Http;
using Mrv.EventStore.Http;

namespace Mrv.Verification.Engagements;

/// <param name="SourceCode">The emission source the finding concerns.</param>
/// <param name="Month">The month it concerns; none when it concerns the whole year.</param>
public sealed record RaiseFindingRequest(string SourceCode, int? Month, string Description, string? ProposedCorrection);

public sealed class RaiseFindingRequestValidator : AbstractValidator<RaiseFindingRequest>
{
    public RaiseFindingRequestValidator()
    {
        RuleFor(r => r.SourceCode).NotEmpty().MaximumLength(32);
        RuleFor(r => r.Month).InclusiveBetween(1, 12).When(r => r.Month is not null);
        RuleFor(r => r.Description).NotEmpty().MaximumLength(8000);
        RuleFor(r => r.ProposedCorrection).MaximumLength(8000);
    }
}

/// <param name="DataCorrected">Whether the enterprise corrected its monthly data (through the activity endpoints, with a reason).</param>
public sealed record AnswerFindingRequest(string Answer, bool DataCorrected);

public sealed class AnswerFindingRequestValidator : AbstractValidator<AnswerFindingRequest>
{
    public AnswerFindingRequestValidator() => RuleFor(r => r.Answer).NotEmpty().MaximumLength(8000);
}

public sealed record ResolveFindingRequest(string Note);

public sealed class ResolveFindingRequestValidator : AbstractValidator<ResolveFindingRequest>
{
    public ResolveFindingRequestValidator() => RuleFor(r => r.Note).NotEmpty().MaximumLength(8000);
}

/// <summary>
/// Findings (不符合项): POST …/engagements/{id}/findings (team members) raises one on a source and
/// month with a proposed correction; …/findings/{number}/answer (the enterprise) answers it, saying
/// whether its data were corrected; …/close and …/escalate (team members) settle it — closing needs
/// an answer, escalating hands it to the DRC and leaves it open.
/// </summary>
public static class Findings
{
    public static Task<IResult> Raise(Guid id, RaiseFindingRequest request, HttpContext http) =>
        EngagementCommands.RunAsVerifierAsync(id, request, http, (state, acting) =>
            Engagement.Decide(new Engagement.RaiseFinding(request.SourceCode, request.Month, request.Description, request.ProposedCorrection, acting.Verifier), state, acting.Now));

    public static Task<IResult> Answer(Guid id, int number, AnswerFindingRequest request, HttpContext http) =>
        EngagementCommands.RunAsync(id, request, http, (state, now) =>
            Engagement.Decide(new Engagement.AnswerFinding(number, request.Answer, request.DataCorrected, Caller.From(http.User)!.Username), state, now));

    public static Task<IResult> Close(Guid id, int number, ResolveFindingRequest request, HttpContext http) =>
        EngagementCommands.RunAsVerifierAsync(id, request, http, (state, acting) =>
            Engagement.Decide(new Engagement.CloseFinding(number, request.Note, acting.Verifier), state, acting.Now));

    public static Task<IResult> Escalate(Guid id, int number, ResolveFindingRequest request, HttpContext http) =>
        EngagementCommands.RunAsVerifierAsync(id, request, http, (state, acting) =>
            Engagement.Decide(new Engagement.EscalateFinding(number, request.Note, acting.Verifier), state, acting.Now));
}
