using Mrv.Registry.DualControl.KeyUnits;

namespace Mrv.Registry.DualControl.Statistics;

/// <summary>
/// What dual control takes from the registry's own data once annual reports are determined (核定):
/// a league/city's CO2 where the registry covers it, and each key energy-consuming unit's yearly
/// energy, emissions and savings. Where this answers null, the figures entered by the DRC or the
/// league/city (with their source) are used.
/// </summary>
/// <remarks>The reporting module answers (<see cref="Reporting.DeterminedReportFigures"/>).</remarks>
public interface IRegistryFigures
{
    /// <summary>The league/city's CO2 emissions of a year from the registry, with a source naming what it sums; null where the registry does not cover the league/city.</summary>
    Task<EmissionsFigure?> LeagueEmissionsAsync(string leagueCode, int year, CancellationToken ct);

    /// <summary>The key units' figures the registry holds for these years, by enterprise and year; those it lacks are absent.</summary>
    Task<IReadOnlyDictionary<(Guid EnterpriseId, int Year), KeyUnitYearFigures>> KeyUnitYearsAsync(
        IReadOnlyCollection<Guid> enterpriseIds, int fromYear, int toYear, CancellationToken ct);
}
