namespace Mrv.Registry.Accounting;

public sealed record AdjustmentView(decimal Multiplier, string Reason);

/// <summary>A calculation line in the caller's language.</summary>
public sealed record LineView(
    string SourceId, string Kind, string Scope, string Carrier, decimal? Tco2, decimal? Tce, string Explanation, bool Unconfirmed,
    decimal Quantity, string Unit, decimal QuantityUsed, AdjustmentView? Adjustment, IReadOnlyList<FactorUsed> Factors, string Formula,
    IReadOnlyList<string> Missing)
{
    public static LineView Of(CalculationLine line) => new(
        line.SourceId, line.Kind, line.Scope, line.Carrier, line.Tco2, line.Tce, line.Explanation.ToString(), line.Unconfirmed,
        line.Quantity, line.Unit, line.QuantityUsed,
        line.Adjustment is { } a ? new AdjustmentView(a.Multiplier, a.Reason.ToString()) : null,
        line.Factors, line.Formula, line.Missing);
}

/// <summary>A calculation in the caller's language: totals, and every line with its explanation.</summary>
public sealed record CalculationView(
    int FactorTableVersion, int DataYear, decimal TotalTco2, decimal DirectTco2, decimal IndirectTco2, decimal EnergyTce, bool Unconfirmed,
    IReadOnlyList<LineView> Lines)
{
    public static CalculationView Of(Calculation calculation) => new(
        calculation.FactorTableVersion, calculation.DataYear, calculation.TotalTco2, calculation.DirectTco2, calculation.IndirectTco2,
        calculation.EnergyTce, calculation.Unconfirmed, [.. calculation.Lines.Select(LineView.Of)]);
}
