namespace Mrv.Registry.Accounting;

/// <summary>
/// Production outputs (产品产量 / 供电量 / 供热量) an enterprise reports monthly, and their units: the
/// denominators of its intensities.
/// </summary>
public static class Products
{
    /// <summary>发电量 — gross generation.</summary>
    public const string ElectricityGenerated = "electricity_generated";
    /// <summary>供电量 — electricity supplied to the grid.</summary>
    public const string ElectricitySupplied = "electricity_supplied";
    /// <summary>供热量 — heat supplied.</summary>
    public const string HeatSupplied = "heat_supplied";
    public const string Clinker = "clinker";
    public const string Cement = "cement";
    public const string PigIron = "pig_iron";
    public const string CrudeSteel = "crude_steel";
    public const string Aluminium = "aluminium";
    public const string Copper = "copper";
    public const string Ferroalloy = "ferroalloy";
    public const string CalciumCarbide = "calcium_carbide";
    public const string CausticSoda = "caustic_soda";
    public const string SyntheticAmmonia = "synthetic_ammonia";

    public static readonly IReadOnlyList<string> All =
    [
        ElectricityGenerated, ElectricitySupplied, HeatSupplied, Clinker, Cement, PigIron, CrudeSteel, Aluminium, Copper, Ferroalloy,
        CalciumCarbide, CausticSoda, SyntheticAmmonia,
    ];

    public static string UnitOf(string product) => product switch
    {
        ElectricityGenerated or ElectricitySupplied => "MWh",
        HeatSupplied => "GJ",
        _ => "t",
    };

    public static bool IsMaterial(string product) => UnitOf(product) == "t";
}
