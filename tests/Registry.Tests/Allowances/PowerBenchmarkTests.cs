using Mrv.Registry.Allowances.Allocation;
using Mrv.Registry.Allowances.Compliance;

namespace Mrv.Registry.Tests.Allowances;

public sealed class PowerBenchmarkTests
{
    [Fact]
    public void a_unit_at_load_factor_0_49_gets_1_015_to_the_6_2_which_is_about_1_097()
    {
        var factor = PowerBenchmark.LoadCorrection(0.49m);

        // 16 − 20 × 0.49 = 6.2; 1.015^6.2 = e^(6.2 × ln 1.015) = e^0.092309 = 1.096704…
        factor.ShouldBe(1.096704m);
        Math.Round(factor, 3).ShouldBe(1.097m);
    }

    [Theory]
    [InlineData("0.90", "1")]
    [InlineData("0.85", "1")]
    [InlineData("0.82", "1.0042")]
    [InlineData("0.80", "1.007")]
    [InlineData("0.78", "1.0102")]
    [InlineData("0.75", "1.015")]
    public void the_2019_to_2022_load_table_steps_down_to_1_from_85_percent(string load, string expected)
    {
        // 0.82: 1 + 0.0014 × (85 − 82); 0.78: 1.007 + 0.0016 × (80 − 78); 0.75: 1.007 + 0.0016 × 5.
        PowerBenchmark.LoadCorrection(decimal.Parse(load)).ShouldBe(decimal.Parse(expected));
    }

    [Fact]
    public void the_2023_to_2024_peak_correction_applies_below_65_percent_only()
    {
        PowerBenchmark.PeakCorrection(0.65m).ShouldBe(1m);
        // 16 − 20 × 0.6 = 4: 1.015^4 = 1.061364 (to six places).
        PowerBenchmark.PeakCorrection(0.60m).ShouldBe(1.061364m);
        PowerBenchmark.HeatCorrection(PowerCategories.Coal300MwPlus, 0.2m).ShouldBe(0.956m);
        PowerBenchmark.HeatCorrection(PowerCategories.Gas, 0.2m).ShouldBe(0.88m);
        PowerBenchmark.CoolingCorrection(CoolingTypes.Air).ShouldBe(1.05m);
    }

    [Theory]
    [InlineData(1_000_000.2, null, null, 1_000_001)]
    [InlineData(1_000_000, 700_000L, "coal", 900_000)]
    [InlineData(1_000_000, 900_000L, "coal", 1_000_000)]
    [InlineData(1_000_000, 700_000L, "gas", 700_000)]
    [InlineData(1_000_000, null, "coal", 1_000_000)]
    public void obligations_round_a_started_tonne_up_and_cap_power_units_by_their_final_allocation(double emissions, long? allocation, string? capRule, long owed)
    {
        Obligations.Of((decimal)emissions, allocation, capRule, 0).ShouldBe(owed);
    }
}
