using FluentValidation;
using Mrv.EventStore;

namespace Mrv.Registry.Reporting;

public sealed record ReopenReportRequest(string Reason);

public sealed class ReopenReportRequestValidator : AbstractValidator<ReopenReportRequest>
{
    public ReopenReportRequestValidator() => RuleFor(r => r.Reason).NotEmpty().MaximumLength(2000);
}

/// <summary>
/// POST /api/v1/enterprises/{id}/reports/{year}/reopen (drc) — sends a submitted (or verified, or
/// determined) report back to draft with a reason; every earlier submission stays in the history.
/// </summary>
public static class ReopenReport
{
    public static Task<IResult> Handle(Guid id, int year, ReopenReportRequest request, HttpContext http, EventLog log, TimeProvider time) =>
        ReportCommands.RunAsync(id, year, request, http, log, time, (state, _, by, now) =>
            AnnualReport.Decide(new AnnualReport.Reopen(request.Reason, by), state, now));
}
