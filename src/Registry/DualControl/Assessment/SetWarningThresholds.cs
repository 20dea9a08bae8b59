using FluentValidation;
using Mrv.EventStore;
using Mrv.EventStore.Http;

namespace Mrv.Registry.DualControl.Assessment;

/// <param name="YellowBandPct">How far behind its path an indicator may be and stay yellow, as a percentage of the year's expected progress.</param>
public sealed record SetWarningThresholdsRequest(decimal YellowBandPct, string Reason);

public sealed class SetWarningThresholdsRequestValidator : AbstractValidator<SetWarningThresholdsRequest>
{
    public SetWarningThresholdsRequestValidator()
    {
        RuleFor(r => r.YellowBandPct).GreaterThan(0).LessThanOrEqualTo(100);
        RuleFor(r => r.Reason).NotEmpty().MaximumLength(2000);
    }
}

/// <summary>
/// GET /api/v1/assessments/thresholds (drc, league) — the thresholds in force and every earlier
/// version; POST (drc) — sets a new version, used by assessments from then on.
/// </summary>
public static class SetWarningThresholds
{
    public static async Task<IResult> Get(HttpContext http, EventLog log)
    {
        var thresholds = await WarningThresholds.LoadAsync(log, http.RequestAborted);
        http.Response.Headers.ETag = HttpCommands.ETagFor(thresholds.Version);
        return TypedResults.Ok(new { inForce = thresholds.State.InForce, versions = thresholds.State.Versions });
    }

    public static Task<IResult> Handle(SetWarningThresholdsRequest request, HttpContext http, TimeProvider time)
    {
        var command = new WarningThresholds.Set(request.YellowBandPct, request.Reason, Caller.From(http.User)!.Username);
        var now = time.GetUtcNow();
        return http.ExecuteAsync(WarningThresholds.Decider, WarningThresholds.StreamId, request,
            state => WarningThresholds.Decide(command, state, now),
            outcome => CommandResponse.Ok(outcome.Head.Version, outcome.State.InForce));
    }
}
