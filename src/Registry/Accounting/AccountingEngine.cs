using System.Globalization;
using Mrv.EventStore;
using Mrv.Registry.Factors;

namespace Mrv.Registry.Accounting;

/// <summary>
/// The factors of one factor table version as they apply to one data year: the table restricted to
/// that year (<see cref="FactorTable.ForDataYear"/>) with the version number every line records.
/// </summary>
public sealed class AccountingFactors(int version, int dataYear, FactorTable table)
{
    /// <summary>Covered enterprises report purchased electricity with the national carbon-market series (issue 5).</summary>
    public const string GridSeries = "ets_reporting";
    public const string GridRegion = "national";

    public int Version => version;
    public int DataYear => dataYear;
    public FactorTable Table { get; } = table.ForDataYear(dataYear);

    public static AccountingFactors For(FactorTableVersion version, int dataYear) => new(version.Version, dataYear, version.Table);

    public Fuel? Fuel(string? code) => Table.Fuels.FirstOrDefault(f => f.Code == code);

    public ProcessFactor? Process(string? material) => Table.ProcessFactors.FirstOrDefault(p => p.Process == material);

    public GridFactor? Grid => Table.GridFactors.FirstOrDefault(g => g.Series == GridSeries && g.Region == GridRegion);
}

/// <summary>
/// The accounting engine (核算): emissions and energy from activity data and factors, never typed
/// in. Pure — no database, no clock — so a figure recomputes to the same number from the same
/// inputs, and every line carries its own explanation. Formulas are DESIGN.md's ("The annual
/// cycle" §4) and the factor table's <c>meta.emission_formula</c>.
/// </summary>
public static class AccountingEngine
{
    /// <summary>Mass of CO2 per mass of carbon, 44/12 (DESIGN.md §4; the table's emission formula).</summary>
    const decimal Co2MolarMass = 44m;
    const decimal CarbonMolarMass = 12m;

    /// <summary>
    /// Heat content of one tonne of standard coal, 29.3076 GJ (1 kgce = 29,307.6 kJ, the definition
    /// GB/T 2589 uses); converts a fuel without a standard-coal coefficient by its heat (issue 5).
    /// </summary>
    public const decimal GjPerTce = 29.3076m;

    /// <summary>Results are kept to the kilogram: the 0.001 t the worked examples are exact to.</summary>
    public const int Decimals = 3;

    public static Calculation Calculate(AccountingFactors factors, IReadOnlyList<SourceActivity> sources) =>
        Calculation.Of(factors.Version, factors.DataYear, [.. sources.Select(s => Line(factors, s))]);

    public static CalculationLine Line(AccountingFactors factors, SourceActivity source)
    {
        var (used, adjustment) = Adjust(source);
        return source.Kind switch
        {
            SourceKinds.Fuel => FuelLine(factors, source, used, adjustment),
            SourceKinds.Electricity => ElectricityLine(factors, source, used, adjustment),
            SourceKinds.Heat => HeatLine(factors, source, used, adjustment),
            SourceKinds.Process => ProcessLine(factors, source, used, adjustment),
            _ => throw new ArgumentException($"Unknown source kind '{source.Kind}'.", nameof(source)),
        };
    }

    /// <summary>
    /// The conservative adjustment (数据缺失或计量器具未校准时的保守处理, issue 5): a reading of a meter
    /// not calibrated counts × (1 + required accuracy); of one calibrated to a worse accuracy than
    /// required, × (1 + (actual − required)).
    /// </summary>
    static (decimal Used, QuantityAdjustment? Adjustment) Adjust(SourceActivity source)
    {
        if (source.Meter is not { } meter || meter.RequiredAccuracy is not { } required) return (source.Quantity, null);
        if (!meter.Calibrated)
        {
            var multiplier = 1 + required;
            return (source.Quantity * multiplier, new QuantityAdjustment(multiplier, new LocalizedText(
                $"计量器具未校准，按读数 ×（1 + 要求准确度 {N(required)}）= × {N(multiplier)} 保守计算",
                $"meter not calibrated: reading × (1 + required accuracy {N(required)}) = × {N(multiplier)}, conservatively")));
        }
        if (meter.ActualAccuracy is { } actual && actual > required)
        {
            var multiplier = 1 + (actual - required);
            return (source.Quantity * multiplier, new QuantityAdjustment(multiplier, new LocalizedText(
                $"计量器具实际准确度 {N(actual)} 低于要求 {N(required)}，按读数 ×（1 + ({N(actual)} − {N(required)})）= × {N(multiplier)} 保守计算",
                $"meter accuracy {N(actual)} worse than the required {N(required)}: reading × (1 + ({N(actual)} − {N(required)})) = × {N(multiplier)}, conservatively")));
        }
        return (source.Quantity, null);
    }

    /// <summary>E = FC × NCV × CC × OF × 44/12; energy = FC × standard-coal coefficient, or FC × NCV ÷ 29.3076 without one.</summary>
    static CalculationLine FuelLine(AccountingFactors factors, SourceActivity source, decimal used, QuantityAdjustment? adjustment)
    {
        if (factors.Fuel(source.Code) is not { } fuel) return NotInTable(factors, source, used, adjustment, $"fuels[{source.Code}]");
        var unit = fuel.Unit;
        var ncv = source.MeasuredNcvGjPerUnit is { } measuredNcv
            ? new FactorUsed("NCV", measuredNcv, $"GJ/{unit}", FactorOrigins.Measured, "monthly measurement")
            : TableFactor("NCV", fuel.NcvGjPerUnit, $"GJ/{unit}", factors, $"fuels[{fuel.Code}].ncv_gj_per_unit");
        var cc = source.MeasuredCarbonContentTcPerGj is { } measuredCc
            ? new FactorUsed("CC", measuredCc, "tC/GJ", FactorOrigins.Measured, "monthly measurement")
            : TableFactor("CC", fuel.CarbonContentTcPerGj, "tC/GJ", factors, $"fuels[{fuel.Code}].carbon_content_tc_per_gj");
        var of = TableFactor("OF", fuel.OxidationRate, "", factors, $"fuels[{fuel.Code}].oxidation_rate");
        var ratio = new FactorUsed("44/12", Co2MolarMass / CarbonMolarMass, "tCO2/tC", FactorOrigins.Constant, "DESIGN.md §4");

        decimal? tco2 = ncv.Value is { } n && cc.Value is { } c && of.Value is { } o
            ? Round(used * n * c * o * Co2MolarMass / CarbonMolarMass)
            : null;

        var coefficient = TableFactor("k", fuel.KgcePerUnit, $"kgce/{unit}", factors, $"fuels[{fuel.Code}].kgce_per_unit");
        var byHeat = coefficient.Value is null;
        var heatContent = new FactorUsed("29.3076 GJ/tce", GjPerTce, "GJ/tce", FactorOrigins.Constant, "GB/T 2589: 1 kgce = 29,307.6 kJ");
        decimal? tce = !byHeat ? Round(used * coefficient.Value!.Value / 1000m)
            : ncv.Value is { } heat ? Round(used * heat / GjPerTce)
            : null;

        var emissionFormula = $"E = FC × NCV × CC × OF × 44/12 = {N(used)} {unit} × {V(ncv)} GJ/{unit} × {V(cc)} tC/GJ × {V(of)} × 44/12 = {R(tco2)} tCO2";
        var energyFormula = byHeat
            ? $"tce = FC × NCV ÷ 29.3076 = {N(used)} {unit} × {V(ncv)} GJ/{unit} ÷ 29.3076 GJ/tce = {R(tce)} tce"
            : $"tce = FC × k ÷ 1000 = {N(used)} {unit} × {V(coefficient)} kgce/{unit} ÷ 1000 = {R(tce)} tce";
        IReadOnlyList<FactorUsed> factorsUsed = byHeat ? [ncv, cc, of, ratio, heatContent] : [ncv, cc, of, ratio, coefficient];
        var energyNote = byHeat
            ? new LocalizedText(
                $"因子表第 {factors.Version} 版未确认{fuel.NameZh}的折标准煤系数，能耗按热值以 29.3076 GJ/tce 折算",
                $"table version {factors.Version} has no confirmed standard-coal coefficient for {fuel.NameEn}; energy converted by heat at 29.3076 GJ/tce")
            : null;
        return Finish(source, factors, SourceKinds.Fuel, fuel.Code, used, unit, adjustment, factorsUsed, emissionFormula + "; " + energyFormula, tco2, tce,
            new LocalizedText($"燃料燃烧（{fuel.NameZh}）", $"fuel combustion ({fuel.NameEn})"), energyNote);
    }

    /// <summary>E = MWh × grid factor of the data year; energy = MWh × the equivalent value (kgce/kWh, i.e. tce/MWh).</summary>
    static CalculationLine ElectricityLine(AccountingFactors factors, SourceActivity source, decimal used, QuantityAdjustment? adjustment)
    {
        var grid = factors.Grid;
        var gridFactor = grid is null
            ? new FactorUsed("EF_grid", null, "tCO2/MWh", FactorOrigins.FactorTable,
                $"grid_factors[{factors.DataYear}/{AccountingFactors.GridSeries}/{AccountingFactors.GridRegion}] (v{factors.Version})", true)
            : TableFactor("EF_grid", grid.Tco2PerMwh, "tCO2/MWh", factors, $"grid_factors[{grid.DataYear}/{grid.Series}/{grid.Region}].tco2_per_mwh");
        // kgce/kWh × 1,000 kWh/MWh ÷ 1,000 kgce/tce: the coefficient is tce per MWh as it stands.
        var equivalent = TableFactor("k_elec", factors.Table.EnergyConversion.ElectricityEquivalentKgcePerKwh, "kgce/kWh", factors,
            "energy_conversion.electricity_equivalent_kgce_per_kwh");
        return PurchasedLine(source, factors, SourceKinds.Electricity, "MWh", used, adjustment, gridFactor, equivalent,
            new LocalizedText("购入电力（全国碳市场电网排放因子）", "purchased electricity (national carbon-market grid factor)"));
    }

    /// <summary>E = GJ × heat factor (0.11 tCO2/GJ in version 1); energy = GJ × kgce/MJ (× 1,000 MJ/GJ ÷ 1,000 kgce/tce).</summary>
    static CalculationLine HeatLine(AccountingFactors factors, SourceActivity source, decimal used, QuantityAdjustment? adjustment) =>
        PurchasedLine(source, factors, SourceKinds.Heat, "GJ", used, adjustment,
            TableFactor("EF_heat", factors.Table.HeatFactor.Tco2PerGj, "tCO2/GJ", factors, "heat_factor.tco2_per_gj"),
            TableFactor("k_heat", factors.Table.EnergyConversion.HeatKgcePerMj, "kgce/MJ", factors, "energy_conversion.heat_kgce_per_mj"),
            new LocalizedText("购入热力", "purchased heat"));

    /// <summary>Purchased electricity or heat: one emission factor and one energy coefficient per unit bought.</summary>
    static CalculationLine PurchasedLine(SourceActivity source, AccountingFactors factors, string kind, string unit, decimal used, QuantityAdjustment? adjustment,
        FactorUsed emissionFactor, FactorUsed energyFactor, LocalizedText what)
    {
        decimal? tco2 = emissionFactor.Value is { } ef ? Round(used * ef) : null;
        decimal? tce = energyFactor.Value is { } k ? Round(used * k) : null;
        var formula = $"E = {unit} × {emissionFactor.Name} = {N(used)} {unit} × {V(emissionFactor)} {emissionFactor.Unit} = {R(tco2)} tCO2; " +
                      $"tce = {unit} × {energyFactor.Name} = {N(used)} {unit} × {V(energyFactor)} {energyFactor.Unit} = {R(tce)} tce";
        return Finish(source, factors, kind, kind, used, unit, adjustment, [emissionFactor, energyFactor], formula, tco2, tce, what, null);
    }

    /// <summary>E = quantity × process factor; a process material is not an energy carrier, so it adds no energy.</summary>
    static CalculationLine ProcessLine(AccountingFactors factors, SourceActivity source, decimal used, QuantityAdjustment? adjustment)
    {
        if (factors.Process(source.Code) is not { } process) return NotInTable(factors, source, used, adjustment, $"process_factors[{source.Code}]");
        var factor = TableFactor("EF_process", process.Tco2PerT, "tCO2/t", factors, $"process_factors[{process.Process}].tco2_per_t");
        decimal? tco2 = factor.Value is { } ef ? Round(used * ef) : null;
        var formula = $"E = Q × EF_process = {N(used)} t × {V(factor)} tCO2/t = {R(tco2)} tCO2";
        return Finish(source, factors, SourceKinds.Process, process.Process, used, "t", adjustment, [factor], formula, tco2, 0m,
            new LocalizedText($"工业生产过程（{process.NameZh}）", $"process emissions ({process.Process})"), null);
    }

    /// <summary>
    /// Data recorded under an earlier table version whose fuel or material the version applying now
    /// no longer lists: nothing can be computed, and the line says so instead of failing the report.
    /// </summary>
    static CalculationLine NotInTable(AccountingFactors factors, SourceActivity source, decimal used, QuantityAdjustment? adjustment, string path)
    {
        var missing = new FactorUsed(path, null, source.Unit, FactorOrigins.FactorTable, $"{path} (v{factors.Version})", true);
        return Finish(source, factors, source.Kind, source.Code ?? "", used, source.Unit, adjustment, [missing], $"{path}: —", null, null,
            new LocalizedText($"因子表第 {factors.Version} 版中没有 {source.Code}", $"table version {factors.Version} has no {source.Code}"), null);
    }

    static CalculationLine Finish(
        SourceActivity source, AccountingFactors factors, string kind, string carrier, decimal used, string unit, QuantityAdjustment? adjustment,
        IReadOnlyList<FactorUsed> factorsUsed, string formula, decimal? tco2, decimal? tce, LocalizedText what, LocalizedText? note)
    {
        var missing = factorsUsed.Where(f => f.Value is null).Select(f => f.Reference).ToList();
        var unconfirmed = missing.Count > 0;
        // A constant's name is its value (44/12, 29.3076 GJ/tce); the others show the number used.
        string Origins(bool chinese) => string.Join("; ", factorsUsed.Select(f => f.Origin switch
        {
            FactorOrigins.Constant => $"{f.Name} ({f.Reference})",
            FactorOrigins.Measured => $"{f.Name} {V(f)} ({(chinese ? "实测" : "measured")})",
            _ when f.Unconfirmed => $"{f.Name} {V(f)} ({(chinese ? "未确认" : "unconfirmed")}: {f.Reference})",
            _ => $"{f.Name} {V(f)} ({f.Reference})",
        }));
        var parts = new List<LocalizedText> { what };
        if (adjustment is not null) parts.Add(adjustment.Reason);
        parts.Add(new LocalizedText(formula, formula));
        parts.Add(new LocalizedText("因子：" + Origins(chinese: true), "factors: " + Origins(chinese: false)));
        if (note is not null) parts.Add(note);
        if (unconfirmed)
        {
            parts.Add(new LocalizedText(
                $"因子表第 {factors.Version} 版中以下因子未确认，相关数值无法计算、未计入合计：{string.Join("、", missing)}",
                $"unconfirmed in factor table version {factors.Version}, so the figure is not computed and not in the totals: {string.Join(", ", missing)}"));
        }
        var explanation = new LocalizedText(string.Join("；", parts.Select(p => p.ZhCn)) + "。", string.Join("; ", parts.Select(p => p.En)) + ".");
        return new CalculationLine(source.SourceId, kind, SourceKinds.ScopeOf(kind), carrier, source.Quantity, unit, adjustment, used,
            factorsUsed, formula, tco2, tce, unconfirmed, missing, explanation);
    }

    static FactorUsed TableFactor(string name, FactorValue value, string unit, AccountingFactors factors, string path) =>
        new(name, value.Value, unit, FactorOrigins.FactorTable, $"{path} (v{factors.Version})", value.Unconfirmed || value.Value is null);

    public static decimal Round(decimal value) => Math.Round(value, Decimals, MidpointRounding.AwayFromZero);

    static string N(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    static string V(FactorUsed factor) => factor.Value is { } value ? N(value) : "unconfirmed";

    static string R(decimal? value) => value is { } v ? v.ToString("0.000", CultureInfo.InvariantCulture) : "—";
}
