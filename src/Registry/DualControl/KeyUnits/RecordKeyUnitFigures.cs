using FluentValidation;
using Mrv.EventStore;
using Mrv.EventStore.Http;
using Mrv.Registry.Calendar;

namespace Mrv.Registry.DualControl.KeyUnits;

public sealed record RecordKeyUnitFiguresRequest(KeyUnitYearFigures Figures, string? Reason);

public sealed class RecordKeyUnitFiguresRequestValidator : AbstractValidator<RecordKeyUnitFiguresRequest>
{
    public RecordKeyUnitFiguresRequestValidator()
    {
        RuleFor(r => r.Figures).NotNull();
        RuleFor(r => r.Figures).ChildRules(figures =>
        {
            figures.RuleFor(f => f.EnergyTce).GreaterThan(0);
            figures.RuleFor(f => f.EmissionsTco2).GreaterThanOrEqualTo(0);
            figures.RuleFor(f => f.EnergySavingTce).GreaterThanOrEqualTo(0);
            figures.RuleFor(f => f.Output!.Quantity).GreaterThan(0).When(f => f.Output is not null);
            figures.RuleFor(f => f.Output!.Unit).NotEmpty().MaximumLength(50).When(f => f.Output is not null);
            figures.RuleFor(f => f.Source).NotEmpty().MaximumLength(500);
        }).When(r => r.Figures is not null);
        RuleFor(r => r.Reason).MaximumLength(2000);
    }
}

/// <summary>
/// POST /api/v1/statistics/key-units/{enterpriseId}/{year} (drc; league for its 万家 units) — a key
/// unit's energy, CO2, savings and output of a year, with their source; a correction needs a reason.
/// </summary>
public static class RecordKeyUnitFigures
{
    public static async Task<IResult> Handle(Guid enterpriseId, int year, RecordKeyUnitFiguresRequest request, HttpContext http, EventLog log, TimeProvider time)
    {
        if (!DataYear.IsValid(year)) return DataYear.Invalid("year", http);
        var (enterprise, refusal) = await KeyUnitAccess.LoadForWriteAsync(http, log, enterpriseId);
        if (refusal is not null) return refusal;

        var command = new KeyUnit.RecordFigures(enterpriseId, enterprise!.LeagueCode, enterprise.KeyEnergyUnit, year, request.Figures,
            string.IsNullOrWhiteSpace(request.Reason) ? null : request.Reason, Caller.From(http.User)!.Username);
        var now = time.GetUtcNow();
        return await http.ExecuteAsync(KeyUnit.Decider, KeyUnit.StreamId(enterpriseId), request,
            state => KeyUnit.Decide(command, state, now),
            outcome => CommandResponse.Ok(outcome.Head.Version, outcome.State.YearOf(year)));
    }
}
