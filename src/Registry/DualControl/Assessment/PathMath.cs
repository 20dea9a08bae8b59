namespace Mrv.Registry.DualControl.Assessment;

/// <summary>
/// The two fractional powers dual control needs — the pro-rata path of a reduction target and an
/// average yearly growth rate — and the precision every share of dual control is kept at.
/// </summary>
/// <remarks>
/// decimal has no fractional power, so the power alone is taken in double. A double carries 15–16
/// significant digits; the result is kept to <see cref="Decimals"/> decimals (a ten-thousandth of a
/// percentage point), far coarser than double's error, so the rounded figure is the exact decimal
/// one and the same on every machine. Whole-number exponents never go through double.
/// </remarks>
public static class PathMath
{
    /// <summary>Shares (reductions, growth rates, shortfalls) are kept as fractions to 6 decimals: percentages to 4.</summary>
    public const int Decimals = 6;

    public static decimal Round(decimal share) => Math.Round(share, Decimals, MidpointRounding.AwayFromZero);

    /// <summary>
    /// The cumulative reduction expected by a year on the pro-rata path: 1 − (1 − target)^(elapsed/length),
    /// i.e. the same yearly rate in every year of the period (length 5 for a five-year plan).
    /// </summary>
    public static decimal ExpectedCumulativeReduction(decimal targetShare, int elapsedYears, int periodYears) =>
        elapsedYears == periodYears
            ? Round(targetShare)
            : Round(1m - FractionalPower(1m - targetShare, (double)elapsedYears / periodYears));

    /// <summary>The average yearly growth that turns 1 into <paramref name="ratio"/> over the years: ratio^(1/years) − 1.</summary>
    public static decimal AverageYearlyGrowth(decimal ratio, int years) =>
        years == 1 ? Round(ratio - 1m) : Round(FractionalPower(ratio, 1d / years) - 1m);

    static decimal FractionalPower(decimal value, double exponent) => (decimal)Math.Pow((double)value, exponent);

    /// <summary>A whole-number power in decimal, exactly (the demo's yearly growth and compounding).</summary>
    public static decimal Power(decimal value, int exponent)
    {
        var result = 1m;
        for (var i = 0; i < exponent; i++) result *= value;
        return result;
    }
}
