using FluentValidation;
using Microsoft.AspNetCore.Http;
using Mrv.Verification.Agencies;

namespace Mrv.Verification.Engagements;

public sealed record VerifiedSourceRequest(string SourceCode, decimal EmissionsTco2, decimal EnergyTce);

/// <param name="Opinion">pass, qualified or adverse (核查结论).</param>
/// <param name="Sources">The verified figures of every reported source (and of any source the report left out).</param>
public sealed record IssueOpinionRequest(string Opinion, string Summary, IReadOnlyList<VerifiedSourceRequest> Sources);

public sealed class IssueOpinionRequestValidator : AbstractValidator<IssueOpinionRequest>
{
    /// <summary>A trillion tonnes: far beyond any enterprise, small enough to add up exactly.</summary>
    const decimal MaxFigure = 1_000_000_000_000m;

    public IssueOpinionRequestValidator()
    {
        RuleFor(r => r.Opinion).Must(o => Opinions.All.Contains(o)).WithErrorCode("opinion_unknown")
            .WithMessage(_ => AgencyRules.OneOf("opinion", Opinions.All));
        RuleFor(r => r.Summary).NotEmpty().MaximumLength(8000);
        RuleFor(r => r.Sources).Cascade(CascadeMode.Stop).NotEmpty()
            .Must(s => s.Where(x => x?.SourceCode is not null).GroupBy(x => x.SourceCode).All(g => g.Count() == 1)).WithErrorCode("duplicate_source")
            .WithMessage(_ => new EventStore.LocalizedText("每个排放源只填一行。", "Each source appears once.").ToString());
        RuleForEach(r => r.Sources).NotNull().ChildRules(source =>
        {
            source.RuleFor(s => s.SourceCode).NotEmpty().MaximumLength(32);
            source.RuleFor(s => s.EmissionsTco2).InclusiveBetween(0, MaxFigure);
            source.RuleFor(s => s.EnergyTce).InclusiveBetween(0, MaxFigure);
        });
    }
}

/// <summary>
/// POST /api/v1/verification/engagements/{id}/opinion (the lead verifier) — the opinion with verified
/// emissions and energy per source, the differences from the report in tonnes and percent, the
/// material-misstatement flag, and the findings still open. It can be issued again until someone signs.
/// </summary>
public static class IssueOpinion
{
    public static Task<IResult> Handle(Guid id, IssueOpinionRequest request, HttpContext http) =>
        EngagementCommands.RunAsVerifierAsync(id, request, http, (state, acting) =>
            Engagement.Decide(new Engagement.IssueOpinion(request.Opinion, request.Summary,
                [.. request.Sources.Select(s => new VerifiedSource(s.SourceCode, s.EmissionsTco2, s.EnergyTce))], acting.Verifier), state, acting.Now));
}
