using Mrv.EventStore;

namespace Mrv.Registry.Accounting;

/// <summary>What a source emits from, as the engine calculates it.</summary>
public static class SourceKinds
{
    /// <summary>Fuel combustion (化石燃料燃烧): a fuel of the factor table, in its unit.</summary>
    public const string Fuel = "fuel";
    /// <summary>Purchased electricity (购入电力), MWh.</summary>
    public const string Electricity = "electricity";
    /// <summary>Purchased heat (购入热力), GJ.</summary>
    public const string Heat = "heat";
    /// <summary>Process emissions (工业生产过程): a material of the factor table, in tonnes.</summary>
    public const string Process = "process";

    public static readonly IReadOnlyList<string> All = [Fuel, Electricity, Heat, Process];

    /// <summary>Fuel and process emissions happen inside the boundary; purchased electricity and heat are emitted by their supplier.</summary>
    public static string ScopeOf(string kind) => kind is Fuel or Process ? Scopes.Direct : Scopes.Indirect;

    /// <summary>The unit the engine takes for kinds that have one; fuels are in their table unit.</summary>
    public static string? FixedUnit(string kind) => kind switch
    {
        Electricity => "MWh",
        Heat => "GJ",
        Process => "t",
        _ => null,
    };
}

public static class Scopes
{
    /// <summary>直接排放 — fuel combustion and process emissions.</summary>
    public const string Direct = "direct";
    /// <summary>间接排放 — purchased electricity and heat.</summary>
    public const string Indirect = "indirect";
}

/// <summary>A meter's calibration for the conservative adjustment; accuracies as fractions (0.02 = ±2%).</summary>
public sealed record MeterState(bool Calibrated, decimal? RequiredAccuracy, decimal? ActualAccuracy);

/// <summary>
/// One source's activity over one period as the engine takes it. <paramref name="Code"/> is the
/// fuel or process material (the factor table's codes); measured values are null when the default
/// of the factor table applies.
/// </summary>
public sealed record SourceActivity(
    string SourceId, string Kind, decimal Quantity, string Unit, string? Code = null,
    decimal? MeasuredNcvGjPerUnit = null, decimal? MeasuredCarbonContentTcPerGj = null, MeterState? Meter = null);

/// <summary>Where a factor came from.</summary>
public static class FactorOrigins
{
    public const string Measured = "measured";
    public const string FactorTable = "factor_table";
    public const string Constant = "constant";
}

/// <summary>
/// A factor a line used (or needed): its value, or null when no source confirmed it; where it came
/// from (<c>fuels[bituminous].ncv_gj_per_unit</c> of the table version, a measurement, a constant).
/// </summary>
public sealed record FactorUsed(string Name, decimal? Value, string Unit, string Origin, string Reference, bool Unconfirmed = false);

/// <summary>The conservative adjustment of a reading whose meter was not calibrated, or calibrated worse than required.</summary>
public sealed record QuantityAdjustment(decimal Multiplier, LocalizedText Reason);

/// <summary>
/// One source's result with everything needed to recompute it by hand: the quantity entered, any
/// adjustment, each factor with its origin, the formula with the numbers put in, and the result.
/// A figure whose factor is unconfirmed is null and the line says what is missing.
/// </summary>
public sealed record CalculationLine(
    string SourceId, string Kind, string Scope, string Carrier, decimal Quantity, string Unit, QuantityAdjustment? Adjustment,
    decimal QuantityUsed, IReadOnlyList<FactorUsed> Factors, string Formula, decimal? Tco2, decimal? Tce, bool Unconfirmed,
    IReadOnlyList<string> Missing, LocalizedText Explanation);

/// <summary>
/// A calculation over a set of sources: totals add the lines' figures (each rounded to the kilogram)
/// that could be computed; <see cref="Unconfirmed"/> says that at least one figure could not be.
/// </summary>
public sealed record Calculation(
    int FactorTableVersion, int DataYear, decimal TotalTco2, decimal DirectTco2, decimal IndirectTco2, decimal EnergyTce, bool Unconfirmed,
    IReadOnlyList<CalculationLine> Lines)
{
    public static Calculation Of(int factorTableVersion, int dataYear, IReadOnlyList<CalculationLine> lines) => new(
        factorTableVersion, dataYear,
        lines.Sum(l => l.Tco2 ?? 0),
        lines.Where(l => l.Scope == Scopes.Direct).Sum(l => l.Tco2 ?? 0),
        lines.Where(l => l.Scope == Scopes.Indirect).Sum(l => l.Tco2 ?? 0),
        lines.Sum(l => l.Tce ?? 0),
        lines.Any(l => l.Unconfirmed),
        lines);
}
