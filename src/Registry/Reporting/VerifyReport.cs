using FluentValidation;
using Mrv.EventStore;
using Mrv.Registry.Accounting;
using Mrv.Registry.Enterprises;

namespace Mrv.Registry.Reporting;

public sealed record StartVerificationRequest(Guid EngagementId, Guid? AgencyId);

public sealed class StartVerificationRequestValidator : AbstractValidator<StartVerificationRequest>
{
    public StartVerificationRequestValidator() => RuleFor(r => r.EngagementId).NotEmpty();
}

/// <param name="Opinion">pass, qualified or adverse (核查结论).</param>
public sealed record RecordVerifiedFiguresRequest(Guid EngagementId, decimal VerifiedEmissionsTco2, decimal VerifiedEnergyTce, string Opinion);

public sealed class RecordVerifiedFiguresRequestValidator : AbstractValidator<RecordVerifiedFiguresRequest>
{
    public RecordVerifiedFiguresRequestValidator()
    {
        RuleFor(r => r.EngagementId).NotEmpty();
        RuleFor(r => r.VerifiedEmissionsTco2).InclusiveBetween(0, ActivityLimits.MaxQuantity);
        RuleFor(r => r.VerifiedEnergyTce).InclusiveBetween(0, ActivityLimits.MaxQuantity);
        RuleFor(r => r.Opinion).Must(o => Opinions.All.Contains(o)).WithErrorCode("opinion_unknown")
            .WithMessage(_ => CodeMessages.OneOf("opinion", Opinions.All));
    }
}

/// <summary>
/// POST …/reports/{year}/verification and …/verified-figures (drc) — the report's side of a
/// verification engagement: it starts on a submitted report, and the engagement's signed-off figures
/// make it verified. The verification module drives the same decide functions with its engagement.
/// </summary>
public static class VerifyReport
{
    public static Task<IResult> Start(Guid id, int year, StartVerificationRequest request, HttpContext http, EventLog log, TimeProvider time) =>
        ReportCommands.RunAsync(id, year, request, http, log, time, (state, _, by, now) => state.Exists
            ? AnnualReport.Decide(new AnnualReport.StartVerification(request.EngagementId, request.AgencyId, by), state, now)
            : throw ReportCommands.NoReport(year));

    public static Task<IResult> RecordFigures(Guid id, int year, RecordVerifiedFiguresRequest request, HttpContext http, EventLog log, TimeProvider time) =>
        ReportCommands.RunAsync(id, year, request, http, log, time, (state, _, by, now) => state.Exists
            ? AnnualReport.Decide(new AnnualReport.RecordVerifiedFigures(request.EngagementId, request.VerifiedEmissionsTco2, request.VerifiedEnergyTce,
                request.Opinion, by), state, now)
            : throw ReportCommands.NoReport(year));
}
