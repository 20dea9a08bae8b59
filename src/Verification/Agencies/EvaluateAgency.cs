using FluentValidation;
using Microsoft.AspNetCore.Http;
using Mrv.EventStore;

namespace Mrv.Verification.Agencies;

/// <summary>Scores 0–100: quality of the work, timeliness against the deadlines, compliance with the rules.</summary>
public sealed record EvaluateAgencyRequest(int Quality, int Timeliness, int Compliance, string? Note);

public sealed class EvaluateAgencyRequestValidator : AbstractValidator<EvaluateAgencyRequest>
{
    public EvaluateAgencyRequestValidator()
    {
        RuleFor(r => r.Quality).InclusiveBetween(0, 100);
        RuleFor(r => r.Timeliness).InclusiveBetween(0, 100);
        RuleFor(r => r.Compliance).InclusiveBetween(0, 100);
        RuleFor(r => r.Note).MaximumLength(4000);
    }
}

/// <summary>POST /api/v1/verification/agencies/{id}/evaluations/{year} (drc) — the year's evaluation (年度考评); a second one for the year replaces the first, which stays in the log.</summary>
public static class EvaluateAgency
{
    public static Task<IResult> Handle(Guid id, int year, EvaluateAgencyRequest request, HttpContext http, EventLog log, TimeProvider time) =>
        AgencyCommands.RunAsync(id, request, http, log, time,
            (state, by, now) => Agency.Decide(new Agency.Evaluate(year, request.Quality, request.Timeliness, request.Compliance, request.Note, by), state, now));
}
