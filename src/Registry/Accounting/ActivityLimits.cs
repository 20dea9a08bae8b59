using Mrv.EventStore;

namespace Mrv.Registry.Accounting;

/// <summary>
/// What an activity figure can plausibly be; beyond these a value is a typing or unit error and is
/// refused naming its field. The bounds are wide on purpose: they catch a unit mistaken by a factor
/// of a thousand, not an unusual plant.
/// </summary>
public static class ActivityLimits
{
    /// <summary>10^9 of any unit: a thousand times the yearly coal of China's largest power plants.</summary>
    public const decimal MaxQuantity = 1_000_000_000m;

    /// <summary>
    /// Net calorific value per tonne: every solid and liquid fuel of the table lies between lignite
    /// (11.9 GJ/t) and LNG (51.5 GJ/t); outside 1–100 GJ/t the figure is not per tonne.
    /// </summary>
    public const decimal MinNcvPerTonne = 1m, MaxNcvPerTonne = 100m;

    /// <summary>Per 10^4 Nm3 the table's gases lie between blast-furnace gas (33) and natural gas (389 GJ).</summary>
    public const decimal MinNcvPerGasUnit = 10m, MaxNcvPerGasUnit = 1_000m;

    /// <summary>Carbon content: the table's fuels lie between 0.0136 (coke-oven gas) and 0.0708 tC/GJ (blast-furnace gas).</summary>
    public const decimal MinCarbonContent = 0.001m, MaxCarbonContent = 0.1m;

    /// <summary>A meter accuracy as a fraction (0.02 = ±2%); worse than ±50% is no measurement.</summary>
    public const decimal MaxAccuracy = 0.5m;

    public static bool IsPlausibleNcv(decimal ncv, string unit) => unit == "t"
        ? ncv is >= MinNcvPerTonne and <= MaxNcvPerTonne
        : ncv is >= MinNcvPerGasUnit and <= MaxNcvPerGasUnit;

    public static string QuantityRule(string field) => new LocalizedText(
        $"{field} 须为 0 至 {MaxQuantity:0} 之间的数值。", $"{field} must be between 0 and {MaxQuantity:0}.").ToString();

    public static string NcvRule(string field) => new LocalizedText(
        $"{field} 超出合理范围（以吨计 {MinNcvPerTonne}–{MaxNcvPerTonne} GJ/t，以万标立方米计 {MinNcvPerGasUnit}–{MaxNcvPerGasUnit} GJ/10^4 Nm3），请检查单位。",
        $"{field} is out of range ({MinNcvPerTonne}–{MaxNcvPerTonne} GJ/t per tonne, {MinNcvPerGasUnit}–{MaxNcvPerGasUnit} GJ per 10^4 Nm3); check the unit.").ToString();

    public static string CarbonContentRule(string field) => new LocalizedText(
        $"{field} 须在 {MinCarbonContent}–{MaxCarbonContent} tC/GJ 之间。", $"{field} must be between {MinCarbonContent} and {MaxCarbonContent} tC/GJ.").ToString();

    public static string AccuracyRule(string field) => new LocalizedText(
        $"{field} 须为大于 0、不超过 {MaxAccuracy} 的小数（0.02 表示 ±2%）。", $"{field} is a fraction above 0 and at most {MaxAccuracy} (0.02 means ±2%).").ToString();
}
