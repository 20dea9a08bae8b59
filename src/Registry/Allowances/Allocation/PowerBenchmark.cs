using System.Globalization;
using Mrv.Registry.Allowances.Compliance;
using Mrv.Registry.Factors;

namespace Mrv.Registry.Allowances.Allocation;

/// <summary>The unit categories of the power benchmarks (factor table allocation.benchmarks[].category).</summary>
public static class PowerCategories
{
    public const string Coal300MwPlus = "coal_300mw_plus";
    public const string Coal300MwMinus = "coal_300mw_minus";
    public const string CoalUnconventional = "coal_unconventional";
    public const string Gas = "gas";

    public static readonly IReadOnlyList<string> All = [Coal300MwPlus, Coal300MwMinus, CoalUnconventional, Gas];

    public static string CapRuleOf(string category) => category == Gas ? CapRules.Gas : CapRules.Coal;
}

public static class CoolingTypes
{
    public const string Water = "water";
    public const string Air = "air";

    public static readonly IReadOnlyList<string> All = [Water, Air];
}

/// <summary>
/// A power enterprise as its allocation sees it: the benchmark category of its units, how they are
/// cooled, their load factor (负荷率, the year's generation over capacity × hours) and heat ratio (供热比).
/// Reports carry the plant's outputs but not these, so the DRC enters them with the allocation.
/// </summary>
public sealed record PowerUnit(Guid EnterpriseId, string Category, string Cooling, decimal LoadFactor, decimal HeatRatio);

/// <summary>The outputs the formulas take, from a report: electricity supplied and generated (MWh), heat supplied (GJ).</summary>
public sealed record PowerOutputs(decimal SuppliedMwh, decimal GeneratedMwh, decimal HeatGj);

/// <summary>One term of an allocation formula, with the number used and where it came from.</summary>
public sealed record AllocationLine(string Name, decimal Value, string Unit, string Origin);

public sealed record FormulaResult(decimal AllocationTco2, string Formula, IReadOnlyList<AllocationLine> Lines, string? Note);

/// <summary>
/// The national power-sector benchmark method (全国碳市场发电行业配额分配方案), with the benchmark of the
/// data year taken from the factor table: supply-based with cooling, heat and load corrections for
/// 2019–2022; generation-based with the peak-regulation correction for 2023–2024 (the table's
/// allocation.formula). The correction tables are the ones the factor table transcribes; factors are
/// kept to 6 decimal places and the allocation is rounded to whole allowances only at the end.
/// </summary>
public static class PowerBenchmark
{
    public const string SupplyBasis = "supply";
    public const string GenerationBasis = "gross_generation";

    const int FactorDecimals = 6;

    /// <summary>
    /// Load correction (负荷率修正系数) of 2019–2022 (国环规气候〔2020〕3号; factor table allocation.load_correction
    /// 2019-2022): 1 from 85% up, linear steps between 75% and 85%, 1.015^(16 − 20F) below 75% — a unit at
    /// F = 0.49 gets 1.015^6.2 ≈ 1.097.
    /// </summary>
    public static decimal LoadCorrection(decimal loadFactor) => loadFactor switch
    {
        >= 0.85m => 1m,
        >= 0.80m => 1m + 0.0014m * (85m - 100m * loadFactor),
        >= 0.75m => 1.007m + 0.0016m * (80m - 100m * loadFactor),
        _ => PowerOf1015(16m - 20m * loadFactor),
    };

    /// <summary>
    /// Peak-regulation correction (调峰修正系数) of 2023–2024 (factor table allocation.load_correction
    /// 2023-2024, which marks it "single source: verify"): 1.015^(16 − 20F) below a load factor of 65%, 1 above.
    /// </summary>
    public static decimal PeakCorrection(decimal loadFactor) => loadFactor < 0.65m ? PowerOf1015(16m - 20m * loadFactor) : 1m;

    /// <summary>Air-cooled units get 1.05, water-cooled 1.0 (factor table allocation.formula 2019-2022).</summary>
    public static decimal CoolingCorrection(string cooling) => cooling == CoolingTypes.Air ? 1.05m : 1m;

    /// <summary>Heat correction: coal 1 − 0.22 × heat ratio, gas 1 − 0.6 × heat ratio (factor table allocation.formula 2019-2022).</summary>
    public static decimal HeatCorrection(string category, decimal heatRatio) =>
        category == PowerCategories.Gas ? 1m - 0.6m * heatRatio : 1m - 0.22m * heatRatio;

    /// <summary>An exponent that is not a whole number needs a real power; the factor it gives is kept to 6 places.</summary>
    static decimal PowerOf1015(decimal exponent) => Math.Round((decimal)Math.Pow(1.015, (double)exponent), FactorDecimals, MidpointRounding.AwayFromZero);

    /// <param name="benchmark">The category's benchmark row of the data year.</param>
    /// <param name="correctionRows">The table's load-correction rows that apply to the year; they say which table the year uses.</param>
    public static FormulaResult Compute(PowerUnit unit, AllocationBenchmark benchmark, IReadOnlyList<LoadCorrection> correctionRows, PowerOutputs outputs,
        int factorTableVersion, string outputsOrigin)
    {
        var electricity = benchmark.ElectricityTco2PerMwh.Value!.Value;
        var heat = benchmark.HeatTco2PerGj.Value!.Value;
        var benchmarkOrigin = $"factor table v{factorTableVersion} allocation.benchmarks[{benchmark.Period}/{benchmark.Category}] ({benchmark.Source})";
        var correctionOrigin = $"factor table v{factorTableVersion} allocation.load_correction[{correctionRows[0].Period}]";
        var unverified = correctionRows.Any(r => r.Factor.Contains("verify", StringComparison.OrdinalIgnoreCase));
        var note = unverified ? "该年度修正系数表在因子表中标注为单一来源、待核实 / the factor table marks this year's correction table single-source, to be verified" : null;
        var gas = unit.Category == PowerCategories.Gas;

        if (benchmark.Basis == SupplyBasis)
        {
            var cooling = gas ? 1m : CoolingCorrection(unit.Cooling);
            var heatCorrection = HeatCorrection(unit.Category, unit.HeatRatio);
            var load = gas ? 1m : LoadCorrection(unit.LoadFactor);
            var result = electricity * outputs.SuppliedMwh * cooling * heatCorrection * load + heat * outputs.HeatGj;
            return new FormulaResult(result,
                $"B_supply × Q_supply × F_cooling × F_heat × F_load + B_heat × Q_heat = {N(electricity)} × {N(outputs.SuppliedMwh)} × {N(cooling)} × {N(heatCorrection)} × {N(load)} + {N(heat)} × {N(outputs.HeatGj)} = {N(result)}",
                [
                    new("B_supply", electricity, "tCO2/MWh", benchmarkOrigin),
                    new("Q_supply", outputs.SuppliedMwh, "MWh", outputsOrigin),
                    new("F_cooling", cooling, "", gas ? "gas units: no cooling correction" : $"cooling {unit.Cooling}"),
                    new("F_heat", heatCorrection, "", $"heat ratio {N(unit.HeatRatio)}"),
                    new("F_load", load, "", gas ? "gas units: no load correction" : $"load factor {N(unit.LoadFactor)}; {correctionOrigin}"),
                    new("B_heat", heat, "tCO2/GJ", benchmarkOrigin),
                    new("Q_heat", outputs.HeatGj, "GJ", outputsOrigin),
                ], note);
        }

        // The generation-based years keep only the peak-regulation correction, and only for coal units.
        var peak = gas ? 1m : PeakCorrection(unit.LoadFactor);
        var generated = electricity * outputs.GeneratedMwh * peak + heat * outputs.HeatGj;
        return new FormulaResult(generated,
            $"B_gen × Q_gross_generation × F_peak + B_heat × Q_heat = {N(electricity)} × {N(outputs.GeneratedMwh)} × {N(peak)} + {N(heat)} × {N(outputs.HeatGj)} = {N(generated)}",
            [
                new("B_gen", electricity, "tCO2/MWh", benchmarkOrigin),
                new("Q_gross_generation", outputs.GeneratedMwh, "MWh", outputsOrigin),
                new("F_peak", peak, "", gas ? "gas units: no peak-regulation correction" : $"load factor {N(unit.LoadFactor)}; {correctionOrigin}"),
                new("B_heat", heat, "tCO2/GJ", benchmarkOrigin),
                new("Q_heat", outputs.HeatGj, "GJ", outputsOrigin),
            ], note);
    }

    static string N(decimal value) => value.ToString("0.######", CultureInfo.InvariantCulture);
}
