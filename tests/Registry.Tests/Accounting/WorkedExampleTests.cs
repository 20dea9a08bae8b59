using Mrv.Registry.Accounting;
using Mrv.Registry.Factors;

namespace Mrv.Registry.Tests.Accounting;

/// <summary>
/// Worked examples: each figure is computed here by hand from the published formula (DESIGN.md §4,
/// the table's meta.emission_formula) with the reference factor values of factor table version 1
/// written out, and the engine must agree to the kilogram.
/// </summary>
public sealed class WorkedExampleTests
{
    static readonly FactorTable Table = FactorTable.Parse(FactorTable.SeedJson());

    static AccountingFactors Factors(int dataYear = 2023) => new(1, dataYear, Table);

    static decimal Kg(decimal tonnes) => Math.Round(tonnes, 3, MidpointRounding.AwayFromZero);

    static CalculationLine Line(SourceActivity source, int dataYear = 2023) => AccountingEngine.Line(Factors(dataYear), source);

    [Fact]
    public void a_coal_power_unit_with_measured_ncv_and_carbon_content_uses_them_and_the_default_oxidation_rate()
    {
        var line = Line(new SourceActivity("G1-COAL", SourceKinds.Fuel, 120_000m, "t", "bituminous", MeasuredNcvGjPerUnit: 21.5m, MeasuredCarbonContentTcPerGj: 0.0265m));

        // E = FC × NCV × CC × OF × 44/12 = 120,000 t × 21.5 GJ/t (measured) × 0.0265 tC/GJ (measured) × 0.93 (bituminous default) × 44/12
        line.Tco2.ShouldBe(Kg(120_000m * 21.5m * 0.0265m * 0.93m * 44m / 12m));
        line.Tco2.ShouldBe(233_141.700m);
        // Bituminous coal has no confirmed standard-coal coefficient: its heat converts at 29.3076 GJ/tce.
        line.Tce.ShouldBe(Kg(120_000m * 21.5m / 29.3076m));
        line.Tce.ShouldBe(88_031.773m);
        line.Unconfirmed.ShouldBeFalse();
        line.Factors.Single(f => f.Name == "NCV").Origin.ShouldBe(FactorOrigins.Measured);
        line.Factors.Single(f => f.Name == "OF").Reference.ShouldBe("fuels[bituminous].oxidation_rate (v1)");
        line.Explanation.En.ShouldContain("120000 t × 21.5 GJ/t × 0.0265 tC/GJ × 0.93 × 44/12 = 233141.700 tCO2");
        line.Explanation.ZhCn.ShouldContain("燃料燃烧（烟煤）");
    }

    [Fact]
    public void a_gas_unit_on_default_factors_converts_energy_with_the_tables_coefficient()
    {
        var line = Line(new SourceActivity("GT1", SourceKinds.Fuel, 5_000m, "10^4 Nm3", "natural_gas"));

        // 5,000 × 10^4 Nm3 × 389.31 GJ/10^4 Nm3 × 0.0153 tC/GJ × 0.99 × 44/12
        line.Tco2.ShouldBe(Kg(5_000m * 389.31m * 0.0153m * 0.99m * 44m / 12m));
        line.Tco2.ShouldBe(108_109.440m);
        // 5,000 × 12,143 kgce per 10^4 Nm3 ÷ 1,000
        line.Tce.ShouldBe(60_715.000m);
        line.Scope.ShouldBe(Scopes.Direct);
    }

    [Fact]
    public void a_cement_plant_adds_clinker_process_emissions_to_its_kiln_coal()
    {
        var calculation = AccountingEngine.Calculate(Factors(),
        [
            new SourceActivity("KILN1-COAL", SourceKinds.Fuel, 16_000m, "t", "bituminous"),
            new SourceActivity("KILN1-CLINKER", SourceKinds.Process, 100_000m, "t", "portland_clinker"),
        ]);

        var coal = Kg(16_000m * 19.57m * 0.0261m * 0.93m * 44m / 12m);
        var clinker = 100_000m * 0.535m;
        coal.ShouldBe(27_867.993m);
        calculation.Lines[1].Tco2.ShouldBe(53_500.000m);
        calculation.Lines[1].Tce.ShouldBe(0m);
        calculation.DirectTco2.ShouldBe(coal + clinker);
        calculation.TotalTco2.ShouldBe(81_367.993m);
        calculation.EnergyTce.ShouldBe(Kg(16_000m * 19.57m / 29.3076m));
    }

    [Fact]
    public void a_chemical_plant_on_default_factors_sums_coke_limestone_and_grid_electricity()
    {
        var calculation = AccountingEngine.Calculate(Factors(),
        [
            new SourceActivity("FURNACE-COKE", SourceKinds.Fuel, 10_000m, "t", "coke"),
            new SourceActivity("LIME-CALCITE", SourceKinds.Process, 20_000m, "t", "calcite"),
            new SourceActivity("GRID", SourceKinds.Electricity, 30_000m, "MWh"),
        ]);

        var coke = Kg(10_000m * 28.435m * 0.0295m * 0.93m * 44m / 12m);
        var limestone = 20_000m * 0.43971m;
        var electricity = 30_000m * 0.5703m;
        coke.ShouldBe(28_604.188m);
        calculation.TotalTco2.ShouldBe(coke + limestone + electricity);
        calculation.TotalTco2.ShouldBe(54_507.388m);
        calculation.IndirectTco2.ShouldBe(17_109.000m);
        // Coke 971.4 kgce/t; electricity at the equivalent value 0.1229 kgce/kWh.
        calculation.EnergyTce.ShouldBe(10_000m * 971.4m / 1000m + 30_000m * 0.1229m);
    }

    [Fact]
    public void purchased_electricity_uses_the_national_market_series_of_the_data_year_and_heat_the_tables_factor()
    {
        var electricity2023 = Line(new SourceActivity("GRID", SourceKinds.Electricity, 500m, "MWh"));
        var electricity2021 = Line(new SourceActivity("GRID", SourceKinds.Electricity, 500m, "MWh"), dataYear: 2021);
        var heat = Line(new SourceActivity("STEAM", SourceKinds.Heat, 1_000m, "GJ"));

        electricity2023.Tco2.ShouldBe(500m * 0.5703m);
        electricity2023.Factors[0].Reference.ShouldBe("grid_factors[2022+/ets_reporting/national].tco2_per_mwh (v1)");
        electricity2021.Tco2.ShouldBe(500m * 0.5810m);
        electricity2023.Tce.ShouldBe(500m * 0.1229m);
        electricity2023.Scope.ShouldBe(Scopes.Indirect);
        heat.Tco2.ShouldBe(1_000m * 0.11m);
        heat.Tce.ShouldBe(1_000m * 0.03412m);
    }

    [Fact]
    public void an_uncalibrated_meter_counts_its_reading_plus_the_required_accuracy_and_a_worse_one_the_difference()
    {
        var uncalibrated = Line(new SourceActivity("OIL", SourceKinds.Fuel, 100m, "t", "diesel", Meter: new MeterState(false, 0.02m, null)));
        var worse = Line(new SourceActivity("OIL", SourceKinds.Fuel, 100m, "t", "diesel", Meter: new MeterState(true, 0.02m, 0.05m)));
        var good = Line(new SourceActivity("OIL", SourceKinds.Fuel, 100m, "t", "diesel", Meter: new MeterState(true, 0.02m, 0.01m)));

        // 100 t × (1 + 0.02) = 102 t; 102 × 42.652 GJ/t × 0.0202 tC/GJ × 0.98 × 44/12
        uncalibrated.QuantityUsed.ShouldBe(102m);
        uncalibrated.Tco2.ShouldBe(Kg(102m * 42.652m * 0.0202m * 0.98m * 44m / 12m));
        uncalibrated.Tco2.ShouldBe(315.783m);
        uncalibrated.Tce.ShouldBe(Kg(102m * 1457.1m / 1000m));
        uncalibrated.Adjustment!.Multiplier.ShouldBe(1.02m);
        uncalibrated.Explanation.En.ShouldContain("not calibrated");
        // 100 t × (1 + (0.05 − 0.02)) = 103 t
        worse.QuantityUsed.ShouldBe(103m);
        worse.Tco2.ShouldBe(318.879m);
        good.Adjustment.ShouldBeNull();
        good.QuantityUsed.ShouldBe(100m);
    }

    [Fact]
    public void a_fuel_whose_carbon_factors_are_unconfirmed_has_no_emissions_figure_and_says_what_is_missing()
    {
        var calculation = AccountingEngine.Calculate(Factors(),
        [
            new SourceActivity("RAW", SourceKinds.Fuel, 1_000m, "t", "raw_coal"),
            new SourceActivity("GRID", SourceKinds.Electricity, 100m, "MWh"),
        ]);

        var raw = calculation.Lines[0];
        raw.Tco2.ShouldBeNull();
        raw.Unconfirmed.ShouldBeTrue();
        raw.Missing.ShouldBe(["fuels[raw_coal].carbon_content_tc_per_gj (v1)", "fuels[raw_coal].oxidation_rate (v1)"]);
        raw.Explanation.En.ShouldContain("unconfirmed");
        // Raw coal's standard-coal coefficient (714.3 kgce/t) is confirmed: its energy is computed.
        raw.Tce.ShouldBe(714.3m);
        calculation.Unconfirmed.ShouldBeTrue();
        calculation.TotalTco2.ShouldBe(100m * 0.5703m);
    }

    [Fact]
    public void a_measured_carbon_content_does_not_make_up_for_an_unconfirmed_oxidation_rate()
    {
        var line = Line(new SourceActivity("RAW", SourceKinds.Fuel, 1_000m, "t", "raw_coal", MeasuredCarbonContentTcPerGj: 0.026m));

        line.Tco2.ShouldBeNull();
        line.Missing.ShouldBe(["fuels[raw_coal].oxidation_rate (v1)"]);
    }

    [Fact]
    public void a_fuel_the_table_version_does_not_list_is_an_unconfirmed_line_rather_than_a_failure()
    {
        var line = Line(new SourceActivity("X", SourceKinds.Fuel, 10m, "t", "peat"));

        line.Tco2.ShouldBeNull();
        line.Tce.ShouldBeNull();
        line.Unconfirmed.ShouldBeTrue();
        line.Missing.ShouldBe(["fuels[peat] (v1)"]);
    }
}
