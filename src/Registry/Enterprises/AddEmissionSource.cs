using FluentValidation;
using Mrv.EventStore;
using Mrv.EventStore.Http;
using Mrv.Registry.Factors;

namespace Mrv.Registry.Enterprises;

/// <param name="MaterialCode">The factor table's code of the fuel (<c>fuels[].code</c>) or process material (<c>process_factors[].process</c>).</param>
/// <param name="Unit">The unit activity data is entered in; must be the factor table's unit for the material.</param>
/// <param name="Meter">The meter or measurement the data comes from (计量器具).</param>
public sealed record AddEmissionSourceRequest(
    string Code, string FacilityCode, string Type, string? MaterialCode, string Unit, string NameZh, string? NameEn, string Meter);

public sealed class AddEmissionSourceRequestValidator : AbstractValidator<AddEmissionSourceRequest>
{
    public AddEmissionSourceRequestValidator()
    {
        RuleFor(r => r.Code).Cascade(CascadeMode.Stop).NotEmpty().Matches(CodeMessages.PartCodePattern).WithErrorCode("code_format")
            .WithMessage(_ => CodeMessages.PartCode("code"));
        RuleFor(r => r.FacilityCode).NotEmpty();
        RuleFor(r => r.Type).Cascade(CascadeMode.Stop).NotEmpty().Must(t => SourceTypes.All.Contains(t)).WithErrorCode("source_type_unknown")
            .WithMessage(_ => CodeMessages.OneOf("type", SourceTypes.All));
        RuleFor(r => r.MaterialCode).NotEmpty().When(r => SourceTypes.NeedsMaterial(r.Type)).WithErrorCode("required_for_type")
            .WithMessage(_ => new LocalizedText(
                "燃料燃烧和过程排放源须指定因子表中的燃料或物料代码（materialCode）。",
                "A fuel-combustion or process source names its fuel or material from the factor table (materialCode).").ToString());
        RuleFor(r => r.MaterialCode).Empty().When(r => SourceTypes.All.Contains(r.Type) && !SourceTypes.NeedsMaterial(r.Type)).WithErrorCode("not_for_type")
            .WithMessage(r => new LocalizedText($"类型为 {r.Type} 的排放源不使用 materialCode。", $"A source of type {r.Type} takes no materialCode.").ToString());
        RuleFor(r => r.Unit).NotEmpty().MaximumLength(20);
        RuleFor(r => r.NameZh).NotEmpty().MaximumLength(200);
        RuleFor(r => r.NameEn).MaximumLength(200);
        RuleFor(r => r.Meter).NotEmpty().MaximumLength(500);
    }
}

/// <summary>POST /api/v1/enterprises/{id}/sources (drc, league) — adds an emission source to one of the enterprise's facilities.</summary>
public static class AddEmissionSource
{
    public static async Task<IResult> Handle(Guid id, AddEmissionSourceRequest request, HttpContext http, EventLog log, TimeProvider time)
    {
        var enterprise = await http.LoadVisibleAsync(log, id);
        if (enterprise is null) return Problems.NotFound(http);
        if (enterprise.Data.FacilityOf(request.FacilityCode) is null)
        {
            return Problems.Validation("facilityCode", "facility_unknown", new LocalizedText(
                $"该企业没有编号为 {request.FacilityCode} 的设施。", $"The enterprise has no facility {request.FacilityCode}."), http);
        }

        var factors = (await GetFactors.LoadAsync(log, http.RequestAborted)).State.Latest;
        var unit = factors is null ? null : UnitFor(factors.Table, request.Type, request.MaterialCode);
        if (unit is null)
        {
            return Problems.Validation("materialCode", "material_unknown", new LocalizedText(
                $"因子表（第 {factors?.Version} 版）中没有代码 {request.MaterialCode}。", $"The factor table (version {factors?.Version}) has no code {request.MaterialCode}."), http);
        }
        if (unit != request.Unit)
        {
            return Problems.Validation("unit", "unit_mismatch", new LocalizedText(
                $"因子表按“{unit}”给出该排放源的因子，活动数据须以“{unit}”计。", $"The factor table gives this source's factors per '{unit}'; enter its data in '{unit}'."), http);
        }

        var command = new Enterprise.AddSource(request.Code, request.FacilityCode, request.Type, request.MaterialCode, request.Unit,
            request.NameZh, string.IsNullOrWhiteSpace(request.NameEn) ? null : request.NameEn, request.Meter, Caller.From(http.User)!.Username);
        var now = time.GetUtcNow();
        return await http.ExecuteAsync(Enterprise.Decider, Enterprise.StreamId(id), request,
            state => Enterprise.Decide(command, state, now),
            outcome => CommandResponse.Created($"/api/v1/enterprises/{id}/sources/{request.Code}", outcome.Head.Version, outcome.State.SourceOf(request.Code)));
    }

    /// <summary>The unit the table's factor for this source is per, or null when the table has no such fuel or material.</summary>
    public static string? UnitFor(FactorTable table, string type, string? materialCode) => type switch
    {
        SourceTypes.FuelCombustion => table.Fuels.FirstOrDefault(f => f.Code == materialCode)?.Unit,
        SourceTypes.Process => table.ProcessFactors.Any(p => p.Process == materialCode) ? "t" : null,
        SourceTypes.PurchasedElectricity => "MWh",
        SourceTypes.PurchasedHeat => "GJ",
        _ => null,
    };
}
