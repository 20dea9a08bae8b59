using FluentValidation;
using Mrv.EventStore;
using Mrv.EventStore.Http;
using Mrv.Registry.Calendar;

namespace Mrv.Registry.DualControl.Statistics;

/// <param name="ThroughQuarter">4 (the default) for the whole year; 1–3 for January to the end of that quarter (cumulative).</param>
/// <param name="EmissionsFromRegistry">Take CO2 from the registry's own data instead of <paramref name="Emissions"/>.</param>
/// <param name="Reason">Why a figure on record is corrected; required for a correction.</param>
public sealed record RecordStatisticsRequest(
    int? ThroughQuarter, GdpFigure? Gdp, EnergyFigure? Energy, EmissionsFigure? Emissions, bool EmissionsFromRegistry, string? Reason);

public sealed class RecordStatisticsRequestValidator : AbstractValidator<RecordStatisticsRequest>
{
    public RecordStatisticsRequestValidator()
    {
        RuleFor(r => r.ThroughQuarter).InclusiveBetween(1, 4).WithErrorCode("quarter")
            .WithMessage(_ => new LocalizedText("throughQuarter 须为 1–4（4 为全年）。", "throughQuarter is 1–4 (4 for the whole year).").ToString());
        RuleFor(r => r).Must(r => r.Gdp is not null || r.Energy is not null || r.Emissions is not null || r.EmissionsFromRegistry)
            .OverridePropertyName("figures").WithErrorCode("figures_required")
            .WithMessage(_ => new LocalizedText(
                "请至少填报一项数据：gdp、energy、emissions 或 emissionsFromRegistry。",
                "Send at least one figure: gdp, energy, emissions or emissionsFromRegistry.").ToString());
        RuleFor(r => r.Emissions).Null().When(r => r.EmissionsFromRegistry).WithErrorCode("emissions_twice")
            .WithMessage(_ => new LocalizedText(
                "emissions 与 emissionsFromRegistry 只能二选一。", "Send either emissions or emissionsFromRegistry, not both.").ToString());
        RuleFor(r => r.Gdp!).ChildRules(gdp =>
        {
            gdp.RuleFor(g => g.Gdp10kCny).GreaterThan(0);
            gdp.RuleFor(g => g.PriceBaseYear).Must(DataYear.IsValid).WithErrorCode("year").WithMessage(_ => DataYear.Rule("priceBaseYear"));
            gdp.RuleFor(g => g.Source).NotEmpty().MaximumLength(500);
        }).When(r => r.Gdp is not null);
        RuleFor(r => r.Energy!).ChildRules(energy =>
        {
            energy.RuleFor(e => e.EnergyTce).GreaterThan(0);
            energy.RuleFor(e => e.Source).NotEmpty().MaximumLength(500);
        }).When(r => r.Energy is not null);
        RuleFor(r => r.Emissions!).ChildRules(emissions =>
        {
            emissions.RuleFor(e => e.EmissionsTco2).GreaterThan(0);
            emissions.RuleFor(e => e.Source).NotEmpty().MaximumLength(500);
        }).When(r => r.Emissions is not null);
        RuleFor(r => r.Reason).MaximumLength(2000);
    }
}

/// <summary>
/// POST /api/v1/statistics/leagues/{league}/{year} (drc; a league/city for its own) — records or
/// corrects a year's GDP, energy and CO2, each with its source. The region's own figures
/// (<c>150000</c>) are the DRC's.
/// </summary>
public static class RecordStatistics
{
    public static async Task<IResult> Handle(
        string league, int year, RecordStatisticsRequest request, HttpContext http, IRegistryFigures registry, TimeProvider time)
    {
        if (!DataYear.IsValid(year)) return DataYear.Invalid("year", http);
        var caller = Caller.From(http.User)!;
        if (!Areas.IsArea(league) || !caller.CanSee(league)) return Problems.NotFound(http);

        var quarter = request.ThroughQuarter ?? LeagueStatistics.WholeYear;
        var registryEmissions = request.EmissionsFromRegistry ? await registry.LeagueEmissionsAsync(league, year, http.RequestAborted) : null;
        var command = new LeagueStatistics.Record(league, year, quarter, request.Gdp, request.Energy, request.Emissions,
            request.EmissionsFromRegistry, registryEmissions, string.IsNullOrWhiteSpace(request.Reason) ? null : request.Reason, caller.Username);
        var now = time.GetUtcNow();
        return await http.ExecuteAsync(LeagueStatistics.Decider, LeagueStatistics.StreamId(league), request,
            state => LeagueStatistics.Decide(command, state, now),
            outcome => CommandResponse.Ok(outcome.Head.Version, outcome.State.Entry(year, quarter)));
    }
}
