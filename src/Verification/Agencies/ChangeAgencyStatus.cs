using FluentValidation;
using Microsoft.AspNetCore.Http;
using Mrv.EventStore;

namespace Mrv.Verification.Agencies;

public sealed record SuspendAgencyRequest(DateOnly From, DateOnly Until, string Reason);

public sealed class SuspendAgencyRequestValidator : AbstractValidator<SuspendAgencyRequest>
{
    public SuspendAgencyRequestValidator()
    {
        RuleFor(r => r.Until).GreaterThanOrEqualTo(r => r.From);
        RuleFor(r => r.Reason).NotEmpty().MaximumLength(2000);
    }
}

/// <param name="Decision">The decision's number or title (处理决定), as published.</param>
/// <param name="Period">five_years or lifetime.</param>
public sealed record BlacklistAgencyRequest(string Decision, string Reason, string Period, DateOnly From);

public sealed class BlacklistAgencyRequestValidator : AbstractValidator<BlacklistAgencyRequest>
{
    public BlacklistAgencyRequestValidator()
    {
        RuleFor(r => r.Decision).NotEmpty().MaximumLength(200);
        RuleFor(r => r.Reason).NotEmpty().MaximumLength(2000);
        RuleFor(r => r.Period).Must(p => BlacklistPeriods.All.Contains(p)).WithErrorCode("period_unknown")
            .WithMessage(_ => AgencyRules.OneOf("period", BlacklistPeriods.All));
    }
}

public sealed record ReinstateAgencyRequest(string Reason);

public sealed class ReinstateAgencyRequestValidator : AbstractValidator<ReinstateAgencyRequest>
{
    public ReinstateAgencyRequestValidator() => RuleFor(r => r.Reason).NotEmpty().MaximumLength(2000);
}

/// <summary>
/// POST /api/v1/verification/agencies/{id}/suspend | blacklist | reinstate (drc) — an agency's
/// standing: suspended for a period, blacklisted for five years or life (published), or reinstated.
/// </summary>
public static class ChangeAgencyStatus
{
    public static Task<IResult> Suspend(Guid id, SuspendAgencyRequest request, HttpContext http, EventLog log, TimeProvider time) =>
        AgencyCommands.RunAsync(id, request, http, log, time,
            (state, by, now) => Agency.Decide(new Agency.Suspend(request.From, request.Until, request.Reason, by), state, now));

    public static Task<IResult> Blacklist(Guid id, BlacklistAgencyRequest request, HttpContext http, EventLog log, TimeProvider time) =>
        AgencyCommands.RunAsync(id, request, http, log, time,
            (state, by, now) => Agency.Decide(new Agency.Blacklist(request.Decision, request.Reason, request.Period, request.From, by), state, now));

    public static Task<IResult> Reinstate(Guid id, ReinstateAgencyRequest request, HttpContext http, EventLog log, TimeProvider time) =>
        AgencyCommands.RunAsync(id, request, http, log, time,
            (state, by, now) => Agency.Decide(new Agency.Reinstate(request.Reason, by), state, now));
}
