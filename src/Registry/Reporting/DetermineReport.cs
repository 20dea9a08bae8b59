using FluentValidation;
using Mrv.EventStore;
using Mrv.Registry.Accounting;

namespace Mrv.Registry.Reporting;

/// <param name="Decision">accept (the verified figures) or override (the figures given, with a reason).</param>
public sealed record DetermineReportRequest(string Decision, decimal? EmissionsTco2, decimal? EnergyTce, string? Reason);

public sealed class DetermineReportRequestValidator : AbstractValidator<DetermineReportRequest>
{
    public static readonly IReadOnlyList<string> Decisions = ["accept", "override"];

    public DetermineReportRequestValidator()
    {
        RuleFor(r => r.Decision).Must(d => Decisions.Contains(d)).WithErrorCode("decision_unknown")
            .WithMessage(_ => Enterprises.CodeMessages.OneOf("decision", Decisions));
        When(r => r.Decision == "override", () =>
        {
            RuleFor(r => r.EmissionsTco2).NotNull().InclusiveBetween(0, ActivityLimits.MaxQuantity);
            RuleFor(r => r.EnergyTce).NotNull().InclusiveBetween(0, ActivityLimits.MaxQuantity);
            RuleFor(r => r.Reason).NotEmpty();
        });
        When(r => r.Decision == "accept", () =>
        {
            RuleFor(r => r.EmissionsTco2).Null().WithErrorCode("not_for_accept")
                .WithMessage(_ => new LocalizedText("采纳核查数据时不填写 emissionsTco2。", "Accepting the verified figures takes no emissionsTco2.").ToString());
            RuleFor(r => r.EnergyTce).Null().WithErrorCode("not_for_accept")
                .WithMessage(_ => new LocalizedText("采纳核查数据时不填写 energyTce。", "Accepting the verified figures takes no energyTce.").ToString());
        });
        RuleFor(r => r.Reason).MaximumLength(2000);
    }
}

/// <summary>
/// POST /api/v1/enterprises/{id}/reports/{year}/determine (drc) — the DRC's determination (核定):
/// the verified figures, or others with a reason (after a spot check). This is the figure compliance counts.
/// </summary>
public static class DetermineReport
{
    public static Task<IResult> Handle(Guid id, int year, DetermineReportRequest request, HttpContext http, EventLog log, TimeProvider time) =>
        ReportCommands.RunAsync(id, year, request, http, log, time, (state, _, by, now) => AnnualReport.Decide(new AnnualReport.Determine(
            request.Decision == "override" ? new AnnualReport.DeterminedFigures(request.EmissionsTco2!.Value, request.EnergyTce!.Value) : null,
            request.Reason, by), state, now));
}
