using FluentValidation;
using Mrv.EventStore;

namespace Mrv.Registry.Reporting;

public sealed record ExplainGapsRequest(IReadOnlyList<int> Months, string Explanation);

public sealed class ExplainGapsRequestValidator : AbstractValidator<ExplainGapsRequest>
{
    public ExplainGapsRequestValidator()
    {
        RuleFor(r => r.Months).Cascade(CascadeMode.Stop).NotEmpty().Must(m => m.Distinct().Count() == m.Count).WithErrorCode("duplicate_month")
            .WithMessage(_ => new LocalizedText("月份不能重复。", "Each month appears once.").ToString());
        RuleForEach(r => r.Months).InclusiveBetween(1, 12);
        RuleFor(r => r.Explanation).NotEmpty().MaximumLength(2000);
    }
}

/// <summary>
/// POST /api/v1/enterprises/{id}/reports/{year}/gaps (the enterprise, or the DRC) — explains months
/// without data (a unit shut down, a plant not yet running): they then warn instead of blocking.
/// </summary>
public static class ExplainGaps
{
    public static Task<IResult> Handle(Guid id, int year, ExplainGapsRequest request, HttpContext http, EventLog log, TimeProvider time) =>
        ReportCommands.RunAsync(id, year, request, http, log, time, (state, enterprise, by, now) => AnnualReport.Decide(
            new AnnualReport.ExplainGaps(ReportAssembler.Opening(enterprise, year, by), [.. request.Months.Order()], request.Explanation, by), state, now));
}
