using FluentValidation;
using Microsoft.AspNetCore.Http;

namespace Mrv.Verification.Engagements;

public sealed record DocumentReviewRequest(DateOnly ReviewedOn, string Summary);

public sealed class DocumentReviewRequestValidator : AbstractValidator<DocumentReviewRequest>
{
    public DocumentReviewRequestValidator() => RuleFor(r => r.Summary).NotEmpty().MaximumLength(8000);
}

/// <param name="VerifierIds">The team members who were on site.</param>
/// <param name="EnterpriseAttendees">Who of the enterprise attended (names and posts).</param>
public sealed record SiteVisitRequest(DateOnly VisitedOn, IReadOnlyList<Guid> VerifierIds, IReadOnlyList<string>? EnterpriseAttendees, string Summary);

public sealed class SiteVisitRequestValidator : AbstractValidator<SiteVisitRequest>
{
    public SiteVisitRequestValidator()
    {
        RuleFor(r => r.VerifierIds).NotEmpty();
        RuleForEach(r => r.EnterpriseAttendees).NotEmpty().MaximumLength(200);
        RuleFor(r => r.Summary).NotEmpty().MaximumLength(8000);
    }
}

/// <summary>
/// POST /api/v1/verification/engagements/{id}/document-review | site-visit (team members) — the
/// fieldwork: the document review (文件评审) and the site visit (现场核查) with who attended. Both come
/// before the opinion.
/// </summary>
public static class RecordFieldwork
{
    public static Task<IResult> ReviewDocuments(Guid id, DocumentReviewRequest request, HttpContext http) =>
        EngagementCommands.RunAsVerifierAsync(id, request, http, (state, acting) =>
            Engagement.Decide(new Engagement.ReviewDocuments(request.ReviewedOn, request.Summary, acting.Verifier), state, acting.Now));

    public static Task<IResult> VisitSite(Guid id, SiteVisitRequest request, HttpContext http) =>
        EngagementCommands.RunAsVerifierAsync(id, request, http, (state, acting) =>
            Engagement.Decide(new Engagement.VisitSite(request.VisitedOn, acting.Agency.VerifiersOf(request.VerifierIds), request.EnterpriseAttendees ?? [],
                request.Summary, acting.Verifier), state, acting.Now));
}
