using FluentValidation;
using Mrv.EventStore;
using Mrv.EventStore.Http;
using Mrv.Registry.DualControl.Targets;
using Mrv.Registry.Enterprises;

namespace Mrv.Registry.DualControl.KeyUnits;

public sealed record SetKeyUnitTargetsRequest(KeyUnitTargets Targets, string? Reason);

public sealed class SetKeyUnitTargetsRequestValidator : AbstractValidator<SetKeyUnitTargetsRequest>
{
    public SetKeyUnitTargetsRequestValidator()
    {
        RuleFor(r => r.Targets).NotNull();
        RuleFor(r => r.Targets).Must(t => t.EnergySavingTce is not null || t.IntensityReductionPct is not null).When(r => r.Targets is not null)
            .WithErrorCode("targets_required")
            .WithMessage(_ => new LocalizedText("至少须设定节能量或强度降低目标之一。", "Set an energy-saving or an intensity target, or both.").ToString());
        RuleFor(r => r.Targets.EnergySavingTce).GreaterThan(0).When(r => r.Targets is not null);
        RuleFor(r => r.Targets.IntensityReductionPct).GreaterThan(0).LessThan(100).When(r => r.Targets is not null);
        RuleFor(r => r.Reason).MaximumLength(2000);
    }
}

/// <summary>
/// Who may set a key unit's targets and figures: the DRC any, a league/city those of its own 万家
/// units. The region assesses the 千家 tier (seed 000 §四(一)), so a league/city is refused those (403).
/// </summary>
public static class KeyUnitAccess
{
    /// <summary>The enterprise, or the answer that refuses the caller.</summary>
    public static async Task<(Enterprise? Enterprise, IResult? Refusal)> LoadForWriteAsync(HttpContext http, EventLog log, Guid enterpriseId)
    {
        var document = await http.LoadVisibleAsync(log, enterpriseId);
        if (document is null) return (null, Problems.NotFound(http));
        if (Caller.From(http.User)!.Role == Roles.League && document.Data.KeyEnergyUnit?.Tier == KeyEnergyUnitTiers.Qianjia)
        {
            return (null, Problems.Result(403, "forbidden", ProblemText.ForbiddenTitle, new LocalizedText(
                "“千家”重点用能单位由自治区考核，其目标和数据由自治区发展改革委填报。",
                "The region assesses the 千家 (qianjia) tier; the autonomous-region DRC keeps their targets and figures.").ToString(), http));
        }
        return (document.Data, null);
    }
}

/// <summary>POST /api/v1/targets/{period}/key-units/{enterpriseId} (drc; league for its 万家 units) — a key unit's targets for a period.</summary>
public static class SetKeyUnitTargets
{
    public static async Task<IResult> Handle(string period, Guid enterpriseId, SetKeyUnitTargetsRequest request, HttpContext http, EventLog log, TimeProvider time)
    {
        var targetPeriod = await log.Documents.LoadAsync<TargetPeriod>(TargetPeriod.StreamId(period), http.RequestAborted);
        if (targetPeriod is null) return Problems.NotFound(http);
        var (enterprise, refusal) = await KeyUnitAccess.LoadForWriteAsync(http, log, enterpriseId);
        if (refusal is not null) return refusal;

        var command = new KeyUnit.SetTargets(enterpriseId, enterprise!.LeagueCode, enterprise.KeyEnergyUnit, period, targetPeriod.Data.Years,
            request.Targets, string.IsNullOrWhiteSpace(request.Reason) ? null : request.Reason, Caller.From(http.User)!.Username);
        var now = time.GetUtcNow();
        return await http.ExecuteAsync(KeyUnit.Decider, KeyUnit.StreamId(enterpriseId), request,
            state => KeyUnit.Decide(command, state, now),
            outcome => CommandResponse.Ok(outcome.Head.Version, outcome.State.TargetsFor(period)));
    }
}
