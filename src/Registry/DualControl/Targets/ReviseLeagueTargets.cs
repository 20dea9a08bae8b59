using FluentValidation;
using Mrv.EventStore;
using Mrv.EventStore.Http;

namespace Mrv.Registry.DualControl.Targets;

public sealed record ReviseLeagueTargetsRequest(AreaTargets Targets, string Reason);

public sealed class ReviseLeagueTargetsRequestValidator : AbstractValidator<ReviseLeagueTargetsRequest>
{
    public ReviseLeagueTargetsRequestValidator()
    {
        RuleFor(r => r.Targets).NotNull().SetValidator(new AreaTargetsValidator());
        RuleFor(r => r.Reason).NotEmpty().MaximumLength(2000);
    }
}

/// <summary>
/// POST /api/v1/targets/{period}/leagues/{league} (drc) — sets a league/city's (or, with 150000, the
/// region's) targets for a period anew, with a reason; the earlier targets stay in the period's history.
/// </summary>
public static class ReviseLeagueTargets
{
    public static async Task<IResult> Handle(string period, string league, ReviseLeagueTargetsRequest request, HttpContext http, EventLog log, TimeProvider time)
    {
        if (!Areas.IsArea(league)) return Problems.NotFound(http);
        if (await log.Documents.LoadAsync<TargetPeriod>(TargetPeriod.StreamId(period), http.RequestAborted) is null) return Problems.NotFound(http);
        var command = new TargetPeriod.Revise(league, request.Targets, request.Reason, Caller.From(http.User)!.Username);
        var now = time.GetUtcNow();
        return await http.ExecuteAsync(TargetPeriod.Decider, TargetPeriod.StreamId(period), request,
            state => TargetPeriod.Decide(command, state, now),
            outcome => CommandResponse.Ok(outcome.Head.Version, outcome.State));
    }
}
