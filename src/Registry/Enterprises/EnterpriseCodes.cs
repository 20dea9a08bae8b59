using Mrv.EventStore;

namespace Mrv.Registry.Enterprises;

/// <summary>The sectors of the national carbon market (全国碳市场覆盖行业), as stored codes.</summary>
public static class Industries
{
    public static readonly IReadOnlyList<string> All =
        ["power", "petrochemical", "chemical", "building_materials", "steel", "nonferrous", "paper", "aviation", "other"];
}

/// <summary>What an emission source (排放源) emits from; decides which factors its data is multiplied by.</summary>
public static class SourceTypes
{
    public const string FuelCombustion = "fuel_combustion";
    public const string PurchasedElectricity = "purchased_electricity";
    public const string PurchasedHeat = "purchased_heat";
    public const string Process = "process";

    public static readonly IReadOnlyList<string> All = [FuelCombustion, PurchasedElectricity, PurchasedHeat, Process];

    /// <summary>Fuels and process materials name a row of the factor table; electricity and heat have one factor each.</summary>
    public static bool NeedsMaterial(string? type) => type is FuelCombustion or Process;
}

/// <summary>Why an enterprise is in a year's covered list (纳入全国碳市场重点排放单位名录).</summary>
public static class CoveredListBasis
{
    public const string Emissions = "emissions";
    public const string Energy = "energy";

    public static readonly IReadOnlyList<string> All = [Emissions, Energy];

    /// <summary>Annual emissions that put an entity in the market: 26,000 tCO2e a year (DESIGN.md, "The annual cycle" §1).</summary>
    public const decimal EmissionsThresholdTco2 = 26_000m;

    /// <summary>
    /// Comprehensive energy consumption that does the same: 10,000 tce a year (issue 4, "Covered list
    /// and key energy units"; the energy equivalent of the 26,000 tCO2e threshold).
    /// </summary>
    public const decimal EnergyThresholdTce = 10_000m;
}

/// <summary>Why an enterprise leaves a year's covered list.</summary>
public static class RemovalReasons
{
    /// <summary>Two consecutive years below the threshold (DESIGN.md, "The annual cycle" §1).</summary>
    public const string BelowThresholdTwoYears = "below_threshold_two_years";
    public const string Closed = "closed";
    public const string Merged = "merged";
    public const string Other = "other";

    public static readonly IReadOnlyList<string> All = [BelowThresholdTwoYears, Closed, Merged, Other];
}

/// <summary>
/// The tier of a key energy-consuming unit (重点用能单位, "百千万" action, seed 000 §四(一)): the
/// region assesses the 千家 tier, each league/city its 万家 tier.
/// </summary>
public static class KeyEnergyUnitTiers
{
    /// <summary>千家 — assessed by the autonomous region.</summary>
    public const string Qianjia = "qianjia";
    /// <summary>万家 — assessed by the league/city.</summary>
    public const string Wanjia = "wanjia";
    /// <summary>No longer a key energy-consuming unit.</summary>
    public const string None = "none";

    public static readonly IReadOnlyList<string> All = [Qianjia, Wanjia, None];
}

/// <summary>Messages and formats shared by the module's validators.</summary>
public static class CodeMessages
{
    /// <summary>The enterprise's own code for a facility or source (e.g. "G1", "KILN-2"): short, and safe in a URL.</summary>
    public const string PartCodePattern = "^[A-Za-z0-9][A-Za-z0-9_.-]{0,31}$";

    public static string PartCode(string field) => new LocalizedText(
        $"{field} 须为 1–32 位字母、数字或 _ . -，并以字母或数字开头。",
        $"{field} is 1–32 letters, digits, '_', '.' or '-', starting with a letter or digit.").ToString();

    public static string OneOf(string field, IReadOnlyList<string> values) => new LocalizedText(
        $"{field} 须为以下之一：{string.Join("、", values)}。", $"{field} must be one of: {string.Join(", ", values)}.").ToString();
}
