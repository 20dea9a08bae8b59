using FluentValidation;
using Mrv.EventStore;
using Mrv.EventStore.Http;
using Mrv.Registry.Calendar;

namespace Mrv.Registry.Enterprises;

public sealed record SetKeyEnergyUnitTierRequest(string Tier, int FromYear);

public sealed class SetKeyEnergyUnitTierRequestValidator : AbstractValidator<SetKeyEnergyUnitTierRequest>
{
    public SetKeyEnergyUnitTierRequestValidator()
    {
        RuleFor(r => r.Tier).Cascade(CascadeMode.Stop).NotEmpty().Must(t => KeyEnergyUnitTiers.All.Contains(t)).WithErrorCode("tier_unknown")
            .WithMessage(_ => CodeMessages.OneOf("tier", KeyEnergyUnitTiers.All));
        RuleFor(r => r.FromYear).Must(DataYear.IsValid).WithErrorCode("year").WithMessage(_ => DataYear.Rule("fromYear"));
    }
}

/// <summary>
/// POST /api/v1/enterprises/{id}/key-energy-unit (drc; league for the 万家 tier of its own
/// enterprises) — sets the key-energy-unit tier. The region assesses the 千家 tier, so a league may
/// neither give it nor take it away (seed 000 §四(一)).
/// </summary>
public static class SetKeyEnergyUnitTier
{
    public static async Task<IResult> Handle(Guid id, SetKeyEnergyUnitTierRequest request, HttpContext http, EventLog log, TimeProvider time)
    {
        var enterprise = await http.LoadVisibleAsync(log, id);
        if (enterprise is null) return Problems.NotFound(http);
        var caller = Caller.From(http.User)!;
        if (caller.Role == Roles.League && (request.Tier == KeyEnergyUnitTiers.Qianjia || enterprise.Data.KeyEnergyUnit?.Tier == KeyEnergyUnitTiers.Qianjia))
        {
            return Problems.Result(403, "forbidden", ProblemText.ForbiddenTitle, new LocalizedText(
                "“千家”重点用能单位由自治区考核，盟市不能设定或取消。",
                "The region assesses the 千家 (qianjia) tier; a league/city can neither set it nor take it away.").ToString(), http);
        }
        var command = new Enterprise.SetTier(request.Tier, request.FromYear, caller.Username);
        var now = time.GetUtcNow();
        return await http.ExecuteAsync(Enterprise.Decider, Enterprise.StreamId(id), request,
            state => Enterprise.Decide(command, state, now),
            outcome => CommandResponse.Ok(outcome.Head.Version, new { keyEnergyUnit = outcome.State.KeyEnergyUnit }));
    }
}
