using Mrv.Registry.DualControl.Assessment;
using static Mrv.Registry.Tests.DualControl.DualControlApi;

namespace Mrv.Registry.Tests.DualControl;

/// <summary>Each progress formula of issue 9 against figures worked out by hand.</summary>
public sealed class ProgressFormulaTests(RegistryFixture registry) : IClassFixture<RegistryFixture>
{
    const string Period = "formula-test";

    [Theory]
    [InlineData(1, "0.029714")]
    [InlineData(2, "0.058545")]
    [InlineData(3, "0.086520")]
    [InlineData(4, "0.113663")]
    [InlineData(5, "0.14")]
    public void the_pro_rata_path_of_a_14_percent_target_is_one_minus_0_86_to_the_elapsed_fifths(int elapsed, string expected) =>
        // 1 − 0.86^(1/5) = 0.0297142 …, 1 − 0.86^(3/5) = 0.0865199 …; the final year is the target itself.
        PathMath.ExpectedCumulativeReduction(0.14m, elapsed, 5).ShouldBe(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture));

    [Fact]
    public void average_growth_is_the_root_of_the_ratio_over_the_years()
    {
        PathMath.AverageYearlyGrowth(1.1m, 3).ShouldBe(0.032280m);   // 1.1^(1/3) − 1 = 0.0322801 …
        PathMath.AverageYearlyGrowth(1.155m, 4).ShouldBe(0.036682m); // 1.155^(1/4) − 1 = 0.0366815 …
        PathMath.AverageYearlyGrowth(1.05m, 1).ShouldBe(0.05m);      // one year: the ratio itself, no power taken
    }

    [Fact]
    public async Task a_leagues_progress_in_a_middle_year_matches_the_hand_computed_indicators()
    {
        var drc = await registry.ClientAsync("drc");
        await SetUpAsync(drc, Period(Period, 2040, 2045,
            [("150200", Targets(energyIntensity: 14, incrementCap: 100, growthCap: 3.5m, carbonIntensity: 17))]), "150200",
            (2040, Figures(gdp: 1_000_000, energy: 1_000_000, co2: 2_500_000)), (2043, Figures(gdp: 1_200_000, energy: 1_100_000, co2: 2_580_000)));

        var progress = await ProgressAsync(drc, Period, "150200", 2043);

        // Energy intensity: 1.1/1.2 = 0.916667 tce per 10k CNY against 1.0 → achieved 1 − 0.916667 = 8.3333 %;
        // path by 2043 = 1 − 0.86^(3/5) = 8.6520 %; behind by (0.086520 − 0.083333)/0.086520 = 3.6835 % of the path.
        var energyIntensity = progress.Indicator("energy_intensity");
        energyIntensity.Decimal("baseValue").ShouldBe(1m);
        energyIntensity.Decimal("value").ShouldBe(0.916667m);
        energyIntensity.Decimal("achieved").ShouldBe(8.3333m);
        energyIntensity.Decimal("expected").ShouldBe(8.6520m);
        energyIntensity.Text("status").ShouldBe("behind");
        energyIntensity.Decimal("shortfallPct").ShouldBe(3.6835m);
        // Increment: (1,100,000 − 1,000,000) tce = 10 (10k tce) used; the path allows 100 × 3/5 = 60 by 2043.
        var increment = progress.Indicator("energy_increment");
        increment.Decimal("achieved").ShouldBe(10m);
        increment.Decimal("expected").ShouldBe(60m);
        increment.Text("status").ShouldBe("on_track");
        increment.GetProperty("capExceeded").GetBoolean().ShouldBeFalse();
        // Average growth: 1.1^(1/3) − 1 = 3.2280 % a year, under the 3.5 % cap.
        var growth = progress.Indicator("energy_growth");
        growth.Decimal("achieved").ShouldBe(3.2280m);
        growth.Decimal("expected").ShouldBe(3.5m);
        growth.Text("status").ShouldBe("on_track");
        // Carbon intensity: 2.58/1.2 = 2.15 t per 10k CNY against 2.5 → 14.0000 %; path 1 − 0.83^(3/5) = 10.5775 %.
        var carbon = progress.Indicator("carbon_intensity");
        carbon.Decimal("achieved").ShouldBe(14m);
        carbon.Decimal("expected").ShouldBe(10.5775m);
        carbon.Text("status").ShouldBe("on_track");
        progress.Text("level").ShouldBe("yellow");
        progress.GetProperty("missing").GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task in_the_final_year_the_path_is_the_target_and_a_met_target_is_completed()
    {
        var drc = await registry.ClientAsync("drc");
        await SetUpAsync(drc, Period("formula-final", 2040, 2045, [("150100", Targets(energyIntensity: 14, incrementCap: 100, growthCap: 3.5m))]), "150100",
            (2040, Figures(gdp: 1_000_000, energy: 1_000_000)), (2045, Figures(gdp: 1_300_000, energy: 1_105_000)));

        var progress = await ProgressAsync(drc, "formula-final", "150100", 2045);

        // 1.105/1.3 = 0.85 → 15 % ≥ 14 %; 10.5 of 100 (10k tce) used; 1.105^(1/5) − 1 = 2.0170 % a year.
        progress.Indicator("energy_intensity").Decimal("achieved").ShouldBe(15m);
        progress.Indicator("energy_intensity").Decimal("expected").ShouldBe(14m);
        progress.Indicator("energy_intensity").Text("status").ShouldBe("completed");
        progress.Indicator("energy_increment").Decimal("achieved").ShouldBe(10.5m);
        progress.Indicator("energy_increment").Text("status").ShouldBe("completed");
        progress.Indicator("energy_growth").Decimal("achieved").ShouldBe(2.0170m);
        progress.Indicator("energy_growth").Text("status").ShouldBe("completed");
        progress.Text("level").ShouldBe("green");
    }

    [Fact]
    public async Task a_quarterly_warning_projects_the_year_from_the_same_months_of_last_year()
    {
        var drc = await registry.ClientAsync("drc");
        await SetUpAsync(drc, Period("formula-quarter", 2040, 2045,
            [("150700", Targets(energyIntensity: 14, incrementCap: 100, growthCap: 3.5m, carbonIntensity: 17))]), "150700",
            (2040, Figures(gdp: 1_000_000, energy: 1_000_000, co2: 2_000_000)),
            (2043, Figures(gdp: 1_200_000, energy: 1_100_000, co2: 2_200_000)),
            (2043, Figures(gdp: 550_000, energy: 500_000, co2: 1_000_000, quarter: 2)),
            (2044, Figures(gdp: 605_000, energy: 525_000, co2: 1_050_000, quarter: 2)));

        var body = await AssessAsync(drc, "formula-quarter", 2044, "150700", quarter: 2);

        // January–June grew GDP 10 % and energy and CO2 5 % on the same months of 2043, so 2044 is
        // projected at GDP 1,320,000, energy 1,155,000 and CO2 2,310,000.
        var assessment = body.GetProperty("assessment");
        assessment.GetProperty("throughQuarter").GetInt32().ShouldBe(2);
        var figures = assessment.GetProperty("figures");
        figures.Decimal("gdp10kCny").ShouldBe(1_320_000m);
        figures.Decimal("energyTce").ShouldBe(1_155_000m);
        figures.Decimal("emissionsTco2").ShouldBe(2_310_000m);
        // Energy intensity 1.155/1.32 = 0.875 → 12.5 %, ahead of 1 − 0.86^(4/5) = 11.3663 %.
        assessment.Indicator("energy_intensity").Decimal("achieved").ShouldBe(12.5m);
        assessment.Indicator("energy_intensity").Decimal("expected").ShouldBe(11.3663m);
        assessment.Indicator("energy_intensity").Text("status").ShouldBe("on_track");
        // Carbon intensity (2.31/1.32)/2 = 0.875 → 12.5 %, behind 1 − 0.83^(4/5) = 13.8486 % by 0.013486/0.138486 = 9.7382 %.
        assessment.Indicator("carbon_intensity").Decimal("shortfallPct").ShouldBe(9.7382m);
        // Growth 1.155^(1/4) − 1 = 3.6682 %, over the 3.5 % cap by 0.001682/0.035 = 4.8057 %.
        assessment.Indicator("energy_growth").Decimal("achieved").ShouldBe(3.6682m);
        assessment.Indicator("energy_growth").Decimal("shortfallPct").ShouldBe(4.8057m);
        // Increment 15.5 of the 80 (10k tce) the path allows by 2044.
        assessment.Indicator("energy_increment").Decimal("achieved").ShouldBe(15.5m);
        assessment.Indicator("energy_increment").Decimal("expected").ShouldBe(80m);
        assessment.Text("level").ShouldBe("yellow");
        body.GetProperty("restrictionProposed").GetBoolean().ShouldBeFalse();
    }

    [Fact]
    public async Task figures_in_different_prices_are_not_compared()
    {
        var drc = await registry.ClientAsync("drc");
        await SetUpAsync(drc, Period("formula-prices", 2040, 2045, [("152200", Targets(energyIntensity: 12, incrementCap: 50))]), "152200",
            (2040, Figures(gdp: 1_000_000, energy: 1_000_000, priceBaseYear: 2040)), (2041, Figures(gdp: 1_100_000, energy: 1_010_000, priceBaseYear: 2041)));

        var progress = await ProgressAsync(drc, "formula-prices", "152200", 2041);

        var missing = progress.GetProperty("missing").EnumerateArray().Single();
        missing.Text("indicator").ShouldBe("energy_intensity");
        missing.Text("figure").ShouldBe("price_base_mismatch");
        progress.Indicator("energy_increment").Decimal("achieved").ShouldBe(1m);
    }
}
