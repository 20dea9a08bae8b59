using Mrv.EventStore;
using Mrv.EventStore.Http;
using Mrv.Registry.Calendar;
using Mrv.Registry.DualControl.Assessment;
using Mrv.Registry.DualControl.Statistics;
using Mrv.Registry.DualControl.Targets;
using Mrv.Registry.Enterprises;
using Mrv.Registry.Regions;

namespace Mrv.Registry.DualControl.KeyUnits;

/// <summary>Where a key unit's figures of a year come from: its determined annual report, or what was entered.</summary>
public static class FigureOrigins
{
    public const string Registry = "registry";
    public const string Entered = "entered";
}

/// <param name="CumulativeSavingTce">Energy saved from the period's first year to this year.</param>
/// <param name="SavingPathTce">The share of the saving target the pro-rata path asks for by this year (linear: savings add up).</param>
/// <param name="Intensity">Energy per unit of output against the pro-rata path of its reduction target, when both years give output in the same unit.</param>
public sealed record KeyUnitProgress(
    Guid EnterpriseId, string NameZh, string? NameEn, string? Tier, KeyUnitTargets? Targets, KeyUnitYearFigures? Figures, string? FiguresFrom,
    decimal CumulativeSavingTce, decimal? SavingPathTce, string? SavingStatus, IndicatorProgress? Intensity);

/// <summary>A league/city's key units summed: energy, CO2 and savings of the year, and savings against the units' targets.</summary>
public sealed record LeagueKeyUnits(
    string LeagueCode, string NameZh, string NameEn, int Units, int UnitsWithFigures, decimal EnergyTce, decimal EmissionsTco2, decimal EnergySavingTce,
    decimal CumulativeSavingTce, decimal SavingTargetTce, decimal SavingPathTce, string? SavingStatus, int UnitsBehind, IReadOnlyList<KeyUnitProgress> KeyUnits);

/// <summary>
/// GET /api/v1/targets/{period}/key-units?year=&amp;league= (drc: every league/city; a league/city:
/// its own) — key energy-consuming units rolled up to their league/city. Each unit-year comes from the
/// registry (<see cref="IRegistryFigures"/>: determined annual reports) where it has it, else from the
/// figures entered by the DRC or the league/city.
/// </summary>
public static class KeyUnitRollUp
{
    public static async Task<IResult> Handle(
        string period, HttpContext http, EventLog log, IRegistryFigures registry, string? year = null, string? league = null)
    {
        var document = await log.Documents.LoadAsync<TargetPeriod>(TargetPeriod.StreamId(period), http.RequestAborted);
        if (document is null) return Problems.NotFound(http);
        var targetPeriod = document.Data;
        if (!DataYear.TryParse(year, out var askedYear)) return DataYear.Invalid("year", http);
        if (askedYear is { } y && !targetPeriod.Years.Covers(y)) return GetProgress.YearOutside(targetPeriod, http);

        var caller = Caller.From(http.User)!;
        var leagues = Leagues.All.Select(l => l.Code).Where(caller.CanSee).Where(code => league is null || code == league).ToList();
        var units = (await log.Documents.QueryAsync<KeyUnit>(new DocumentQuery
            {
                Contains = leagues.Count == 1 ? new { leagueCode = leagues[0] } : null,
                Limit = 10_000,
            }, http.RequestAborted)).Items
            .Select(d => d.Data).Where(u => leagues.Contains(u.LeagueCode)).ToList();
        var reportYear = askedYear ?? units.SelectMany(u => u.Years).Select(u => (int?)u.Year).Where(u => targetPeriod.Years.Covers(u!.Value)).Max()
            ?? targetPeriod.BaseYear + 1;

        var ids = units.Select(u => u.EnterpriseId).ToList();
        var enterprises = (await log.Documents.QueryAsync<Enterprise>(new DocumentQuery
        {
            Ids = [.. ids.Select(Enterprise.StreamId)],
            Limit = ids.Count + 1,
        }, http.RequestAborted)).Items.ToDictionary(d => d.Data.Id, d => d.Data);
        var fromRegistry = await registry.KeyUnitYearsAsync(ids, targetPeriod.BaseYear, reportYear, http.RequestAborted);

        var items = leagues.Select(code => RollUp(code, targetPeriod, reportYear,
            units.Where(u => u.LeagueCode == code), enterprises, fromRegistry)).ToList();
        return TypedResults.Ok(new { period, year = reportYear, items });
    }

    static LeagueKeyUnits RollUp(
        string league, TargetPeriod period, int year, IEnumerable<KeyUnit> units, IReadOnlyDictionary<Guid, Enterprise> enterprises,
        IReadOnlyDictionary<(Guid EnterpriseId, int Year), KeyUnitYearFigures> fromRegistry)
    {
        var progress = units
            .Where(u => u.TargetsFor(period.Code) is not null || u.YearOf(year) is not null || fromRegistry.ContainsKey((u.EnterpriseId, year)))
            .Select(u => Unit(u, enterprises.GetValueOrDefault(u.EnterpriseId), period, year, fromRegistry))
            .OrderBy(u => u.NameZh, StringComparer.Ordinal)
            .ToList();
        var withFigures = progress.Where(u => u.Figures is not null).ToList();
        var withSavingTargets = progress.Where(u => u.Targets?.EnergySavingTce is not null).ToList();
        var savingTarget = withSavingTargets.Sum(u => u.Targets!.EnergySavingTce!.Value);
        var savingPath = withSavingTargets.Sum(u => u.SavingPathTce!.Value);
        var savedTowardsTargets = withSavingTargets.Sum(u => u.CumulativeSavingTce);
        return new LeagueKeyUnits(league, Areas.NameZh(league), Areas.NameEn(league), progress.Count, withFigures.Count,
            withFigures.Sum(u => u.Figures!.EnergyTce), withFigures.Sum(u => u.Figures!.EmissionsTco2 ?? 0m), withFigures.Sum(u => u.Figures!.EnergySavingTce ?? 0m),
            progress.Sum(u => u.CumulativeSavingTce), savingTarget, savingPath,
            withSavingTargets.Count == 0 ? null : SavingStatus(savedTowardsTargets, savingTarget, savingPath),
            progress.Count(u => u.SavingStatus == IndicatorStatuses.Behind || u.Intensity?.Status == IndicatorStatuses.Behind),
            progress);
    }

    static KeyUnitProgress Unit(
        KeyUnit unit, Enterprise? enterprise, TargetPeriod period, int year, IReadOnlyDictionary<(Guid EnterpriseId, int Year), KeyUnitYearFigures> fromRegistry)
    {
        (KeyUnitYearFigures? Figures, string? From) FiguresOf(int y) =>
            fromRegistry.TryGetValue((unit.EnterpriseId, y), out var reported) ? (reported, FigureOrigins.Registry)
            : unit.YearOf(y) is { } entered ? (entered.Figures, FigureOrigins.Entered)
            : (null, null);

        var targets = unit.TargetsFor(period.Code)?.Targets;
        var (figures, from) = FiguresOf(year);
        var cumulative = Enumerable.Range(period.BaseYear + 1, year - period.BaseYear).Sum(y => FiguresOf(y).Figures?.EnergySavingTce ?? 0m);
        decimal? path = targets?.EnergySavingTce is { } savingTarget ? Progress.Allowance(savingTarget, period.Years, year) : null;

        IndicatorProgress? intensity = null;
        if (targets?.IntensityReductionPct is { } reduction && FiguresOf(period.BaseYear).Figures is { Output: { } baseOutput } baseFigures &&
            figures?.Output is { } output && output.Unit == baseOutput.Unit)
        {
            intensity = Progress.Reduction(Indicators.EnergyIntensity, reduction, baseFigures.EnergyTce, baseOutput.Quantity, figures.EnergyTce, output.Quantity,
                period.Years, year, $"tce_per_{output.Unit}");
        }
        return new KeyUnitProgress(unit.EnterpriseId, enterprise?.NameZh ?? "", enterprise?.NameEn, enterprise?.KeyEnergyUnit?.Tier, targets, figures, from,
            cumulative, path, targets?.EnergySavingTce is { } target ? SavingStatus(cumulative, target, path!.Value) : null, intensity);
    }

    static string SavingStatus(decimal saved, decimal target, decimal path) =>
        saved >= target ? IndicatorStatuses.Completed : saved >= path ? IndicatorStatuses.OnTrack : IndicatorStatuses.Behind;
}
