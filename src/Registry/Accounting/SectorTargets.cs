using Mrv.Registry.DualControl.Targets;

namespace Mrv.Registry.Accounting;

/// <summary>
/// The sector targets intensities are compared with: indicators of the seeds' 13th-FYP region and
/// sector targets (<c>reference/region-targets-13th-fyp.csv</c>, read once by <see cref="ThirteenthFyp"/>).
/// </summary>
public static class SectorTargets
{
    public const string PowerSupplyCo2IntensityCap = "power_group_supply_co2_intensity_cap";
    public const string CoalPowerSupplyCoalConsumption = "coal_power_supply_coal_consumption_avg";
    public const string CalciumCarbideUnitEnergy = "calcium_carbide_unit_energy";
    public const string CausticSodaUnitEnergy = "caustic_soda_unit_energy";
    public const string SyntheticAmmoniaUnitEnergy = "synthetic_ammonia_unit_energy";

    public static RegionIndicator Get(string indicator) => ThirteenthFyp.RegionIndicators.Single(i => i.Indicator == indicator);
}
