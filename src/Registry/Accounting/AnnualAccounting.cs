using Mrv.EventStore;

namespace Mrv.Registry.Accounting;

public sealed record ProductOutput(string Product, decimal Quantity);

/// <summary>One month's activity: what each source consumed or processed, and what was produced.</summary>
public sealed record MonthActivity(int Month, IReadOnlyList<SourceActivity> Sources, IReadOnlyList<ProductOutput> Outputs);

public sealed record MonthTotal(int Month, decimal Tco2, decimal DirectTco2, decimal IndirectTco2, decimal Tce, bool Unconfirmed, IReadOnlyList<CalculationLine> Lines);

/// <summary>A source over the year; its figures are null when any month's could not be computed.</summary>
public sealed record SourceTotal(
    string SourceId, string Kind, string Scope, string Carrier, decimal Quantity, decimal QuantityUsed, string Unit, decimal? Tco2, decimal? Tce, bool Unconfirmed);

/// <summary>Energy by carrier (a fuel, electricity, heat): quantity used and its standard coal.</summary>
public sealed record CarrierTotal(string Carrier, decimal Quantity, string Unit, decimal? Tce);

public sealed record OutputTotal(string Product, decimal Quantity, string Unit);

/// <summary>A target an intensity is compared with, converted to the intensity's unit.</summary>
public sealed record IntensityTarget(string Indicator, decimal Value, string Unit, int TargetYear, string Source);

/// <summary>
/// An intensity (per MWh supplied, per tonne of product), the sector target it is compared with
/// where the seeds set one, and the plausible band around that target.
/// </summary>
public sealed record Intensity(
    string Code, decimal? Value, string Unit, LocalizedText Basis, IntensityTarget? Target, decimal? BandLow, decimal? BandHigh, bool? WithinBand);

/// <summary>A data year's accounting: totals by source, by month, by scope; energy by carrier; outputs and intensities.</summary>
public sealed record AnnualCalculation(
    int DataYear, int FactorTableVersion, decimal TotalTco2, decimal DirectTco2, decimal IndirectTco2, decimal EnergyTce, bool Unconfirmed,
    IReadOnlyList<SourceTotal> BySource, IReadOnlyList<MonthTotal> ByMonth, IReadOnlyList<CarrierTotal> EnergyByCarrier,
    IReadOnlyList<OutputTotal> Outputs, IReadOnlyList<Intensity> Intensities);

/// <summary>The engine over a year of months: pure, like the engine itself.</summary>
public static class AnnualAccounting
{
    /// <summary>
    /// An intensity below 70% or above 150% of its sector target is flagged as implausible. The targets
    /// are 2020 averages the best plants approach (calcium carbide 1.05 tce/t from 1.1 in 2015); a plant
    /// far below them more likely under-reported fuel or over-reported output, far above them more
    /// likely entered a unit wrong, than ran that differently.
    /// </summary>
    public const decimal BandLowFactor = 0.7m, BandHighFactor = 1.5m;

    const int IntensityDecimals = 4;

    public static AnnualCalculation Calculate(AccountingFactors factors, IReadOnlyList<MonthActivity> months)
    {
        var byMonth = months.OrderBy(m => m.Month).Select(m =>
        {
            var calculation = AccountingEngine.Calculate(factors, m.Sources);
            return new MonthTotal(m.Month, calculation.TotalTco2, calculation.DirectTco2, calculation.IndirectTco2, calculation.EnergyTce,
                calculation.Unconfirmed, calculation.Lines);
        }).ToList();
        var lines = byMonth.SelectMany(m => m.Lines).ToList();

        var bySource = lines.GroupBy(l => l.SourceId).Select(g => new SourceTotal(
            g.Key, g.First().Kind, g.First().Scope, g.First().Carrier, g.Sum(l => l.Quantity), g.Sum(l => l.QuantityUsed), g.First().Unit,
            g.Any(l => l.Tco2 is null) ? null : g.Sum(l => l.Tco2!.Value),
            g.Any(l => l.Tce is null) ? null : g.Sum(l => l.Tce!.Value),
            g.Any(l => l.Unconfirmed))).ToList();

        var byCarrier = lines.Where(l => l.Kind != SourceKinds.Process).GroupBy(l => (l.Carrier, l.Unit)).Select(g => new CarrierTotal(
            g.Key.Carrier, g.Sum(l => l.QuantityUsed), g.Key.Unit, g.Any(l => l.Tce is null) ? null : g.Sum(l => l.Tce!.Value))).ToList();

        var outputs = months.SelectMany(m => m.Outputs).GroupBy(o => o.Product)
            .Select(g => new OutputTotal(g.Key, g.Sum(o => o.Quantity), Products.UnitOf(g.Key))).ToList();

        var total = byMonth.Sum(m => m.Tco2);
        var energy = byMonth.Sum(m => m.Tce);
        var fuelEnergy = lines.Where(l => l.Kind == SourceKinds.Fuel).Sum(l => l.Tce ?? 0);
        return new AnnualCalculation(factors.DataYear, factors.Version, total, byMonth.Sum(m => m.DirectTco2), byMonth.Sum(m => m.IndirectTco2), energy,
            byMonth.Any(m => m.Unconfirmed), bySource, byMonth, byCarrier, outputs, Intensities(total, energy, fuelEnergy, outputs));
    }

    static List<Intensity> Intensities(decimal totalTco2, decimal energyTce, decimal fuelTce, IReadOnlyList<OutputTotal> outputs)
    {
        decimal Output(string product) => outputs.FirstOrDefault(o => o.Product == product)?.Quantity ?? 0;
        var intensities = new List<Intensity>();

        var supplied = Output(Products.ElectricitySupplied);
        if (supplied > 0)
        {
            // The 550 g/kWh cap is a power group's average over all its units, non-fossil ones too: shown beside a unit's figure, not a band for it.
            var cap = SectorTargets.Get(SectorTargets.PowerSupplyCo2IntensityCap);
            intensities.Add(Of("supply_co2_intensity", totalTco2, supplied, 1m, "tCO2/MWh",
                new LocalizedText("排放总量 ÷ 供电量", "total emissions ÷ electricity supplied"),
                new IntensityTarget(cap.Indicator, cap.Value / 1000m, "tCO2/MWh", cap.TargetYear, cap.Source), banded: false));
            // tce × 10^6 g/t ÷ (MWh × 10^3 kWh/MWh) = gce/kWh.
            intensities.Add(Of("supply_coal_consumption", fuelTce, supplied, 1000m, "gce/kWh",
                new LocalizedText("燃料消耗折标准煤 ÷ 供电量（未分摊供热）", "fuel energy in standard coal ÷ electricity supplied (heat not allocated)"),
                TargetOf(SectorTargets.CoalPowerSupplyCoalConsumption, 1m, "gce/kWh"), banded: true));
        }
        var generated = Output(Products.ElectricityGenerated);
        if (generated > 0)
        {
            intensities.Add(Of("generation_co2_intensity", totalTco2, generated, 1m, "tCO2/MWh",
                new LocalizedText("排放总量 ÷ 发电量", "total emissions ÷ gross generation"), null, banded: false));
        }
        foreach (var output in outputs.Where(o => Products.IsMaterial(o.Product) && o.Quantity > 0))
        {
            var basis = new LocalizedText($"综合能耗 ÷ {output.Product} 产量", $"energy consumption ÷ {output.Product} output");
            intensities.Add(output.Product switch
            {
                Products.CalciumCarbide => Of("calcium_carbide_unit_energy", energyTce, output.Quantity, 1m, "tce/t", basis,
                    TargetOf(SectorTargets.CalciumCarbideUnitEnergy, 1m, "tce/t"), banded: true),
                Products.CausticSoda => Of("caustic_soda_unit_energy", energyTce, output.Quantity, 1000m, "kgce/t", basis,
                    TargetOf(SectorTargets.CausticSodaUnitEnergy, 1m, "kgce/t"), banded: true),
                Products.SyntheticAmmonia => Of("synthetic_ammonia_unit_energy", energyTce, output.Quantity, 1m, "tce/t", basis,
                    TargetOf(SectorTargets.SyntheticAmmoniaUnitEnergy, 1m, "tce/t"), banded: true),
                _ => Of($"{output.Product}_unit_energy", energyTce, output.Quantity, 1m, "tce/t", basis, null, banded: false),
            });
            intensities.Add(Of($"{output.Product}_co2_intensity", totalTco2, output.Quantity, 1m, "tCO2/t",
                new LocalizedText($"排放总量 ÷ {output.Product} 产量", $"total emissions ÷ {output.Product} output"), null, banded: false));
        }
        return intensities;
    }

    static IntensityTarget TargetOf(string indicator, decimal scale, string unit)
    {
        var target = SectorTargets.Get(indicator);
        return new IntensityTarget(target.Indicator, target.Value * scale, unit, target.TargetYear, target.Source);
    }

    static Intensity Of(string code, decimal numerator, decimal denominator, decimal scale, string unit, LocalizedText basis, IntensityTarget? target, bool banded)
    {
        decimal? value = denominator > 0 ? Math.Round(numerator * scale / denominator, IntensityDecimals, MidpointRounding.AwayFromZero) : null;
        if (!banded || target is null) return new Intensity(code, value, unit, basis, target, null, null, null);
        var low = target.Value * BandLowFactor;
        var high = target.Value * BandHighFactor;
        return new Intensity(code, value, unit, basis, target, low, high, value is { } v ? v >= low && v <= high : null);
    }
}
