using FluentValidation;
using Mrv.EventStore;
using Mrv.EventStore.Http;
using Mrv.Registry.Regions;

namespace Mrv.Registry.DualControl.Restrictions;

public sealed record RestrictionDecisionRequest(string Reason);

public sealed class RestrictionDecisionRequestValidator : AbstractValidator<RestrictionDecisionRequest>
{
    public RestrictionDecisionRequestValidator()
    {
        RuleFor(r => r.Reason).NotEmpty().MaximumLength(2000);
    }
}

/// <summary>
/// POST /api/v1/restrictions/{league}/impose | dismiss | lift (drc) — the DRC's decisions on a
/// league/city's approval restriction (区域限批), each with its reason.
/// </summary>
public static class ChangeRestriction
{
    public static Task<IResult> Impose(string league, RestrictionDecisionRequest request, HttpContext http, TimeProvider time) =>
        Execute(league, request, http, time, by => (state, now) => Restriction.Decide(new Restriction.Impose(league, request.Reason, by), state, now));

    public static Task<IResult> Dismiss(string league, RestrictionDecisionRequest request, HttpContext http, TimeProvider time) =>
        Execute(league, request, http, time, by => (state, now) => Restriction.Decide(new Restriction.Dismiss(request.Reason, by), state, now));

    public static Task<IResult> Lift(string league, RestrictionDecisionRequest request, HttpContext http, TimeProvider time) =>
        Execute(league, request, http, time, by => (state, now) => Restriction.Decide(new Restriction.Lift(request.Reason, by), state, now));

    static Task<IResult> Execute(
        string league, RestrictionDecisionRequest request, HttpContext http, TimeProvider time,
        Func<string, Func<Restriction, DateTimeOffset, IReadOnlyList<object>>> decision)
    {
        if (!Leagues.IsLeagueCode(league)) return Task.FromResult(Problems.NotFound(http));
        var decide = decision(Caller.From(http.User)!.Username);
        var now = time.GetUtcNow();
        return http.ExecuteAsync(Restriction.Decider, Restriction.StreamId(league), request,
            state => decide(state, now),
            outcome => CommandResponse.Ok(outcome.Head.Version, RestrictionView.Of(outcome.State, league)));
    }
}
