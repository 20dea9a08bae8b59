using FluentValidation;
using Mrv.EventStore;
using Mrv.EventStore.Http;
using Mrv.Registry.Calendar;

namespace Mrv.Registry.Enterprises;

/// <param name="AnnualEmissionsTco2">The emissions the inclusion rests on, when known (entered by hand until verified data exist).</param>
/// <param name="EnergyConsumptionTce">The comprehensive energy consumption it rests on, when known.</param>
public sealed record IncludeInCoveredListRequest(string Basis, decimal? AnnualEmissionsTco2, decimal? EnergyConsumptionTce);

public sealed class IncludeInCoveredListRequestValidator : AbstractValidator<IncludeInCoveredListRequest>
{
    public IncludeInCoveredListRequestValidator()
    {
        RuleFor(r => r.Basis).Cascade(CascadeMode.Stop).NotEmpty().Must(b => CoveredListBasis.All.Contains(b)).WithErrorCode("basis_unknown")
            .WithMessage(_ => CodeMessages.OneOf("basis", CoveredListBasis.All));
        RuleFor(r => r.AnnualEmissionsTco2).GreaterThanOrEqualTo(CoveredListBasis.EmissionsThresholdTco2)
            .When(r => r.Basis == CoveredListBasis.Emissions && r.AnnualEmissionsTco2 is not null).WithErrorCode("below_threshold")
            .WithMessage(_ => new LocalizedText(
                "以排放量为依据纳入时，年排放量须不低于 26,000 吨二氧化碳当量。", "Included on emissions, the annual emissions must be at least 26,000 tCO2e.").ToString());
        RuleFor(r => r.EnergyConsumptionTce).GreaterThanOrEqualTo(CoveredListBasis.EnergyThresholdTce)
            .When(r => r.Basis == CoveredListBasis.Energy && r.EnergyConsumptionTce is not null).WithErrorCode("below_threshold")
            .WithMessage(_ => new LocalizedText(
                "以能耗为依据纳入时，综合能源消费量须不低于 10,000 吨标准煤。", "Included on energy, the comprehensive energy consumption must be at least 10,000 tce.").ToString());
        RuleFor(r => r.AnnualEmissionsTco2).GreaterThanOrEqualTo(0);
        RuleFor(r => r.EnergyConsumptionTce).GreaterThanOrEqualTo(0);
    }
}

/// <summary>POST /api/v1/enterprises/{id}/covered-list/{year} (drc) — puts the enterprise on that year's covered list.</summary>
public static class IncludeInCoveredList
{
    public static async Task<IResult> Handle(Guid id, int year, IncludeInCoveredListRequest request, HttpContext http, EventLog log, TimeProvider time)
    {
        if (!DataYear.IsValid(year)) return DataYear.Invalid("year", http);
        if (await http.LoadVisibleAsync(log, id) is null) return Problems.NotFound(http);
        var command = new Enterprise.Include(year, request.Basis, request.AnnualEmissionsTco2, request.EnergyConsumptionTce, Caller.From(http.User)!.Username);
        var now = time.GetUtcNow();
        return await http.ExecuteAsync(Enterprise.Decider, Enterprise.StreamId(id), request,
            state => Enterprise.Decide(command, state, now),
            outcome => CommandResponse.Ok(outcome.Head.Version, outcome.State.CoveredIn(year)));
    }
}
