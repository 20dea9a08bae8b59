namespace Mrv.Registry.Allowances.Compliance;

/// <summary>How a power unit's obligation is capped by its allocation (factor table allocation.formula.shortfall_cap).</summary>
public static class CapRules
{
    /// <summary>Coal units never owe more than their allocation plus 20% of their verified emissions.</summary>
    public const string Coal = "coal";
    /// <summary>Gas units never owe more than their allocation.</summary>
    public const string Gas = "gas";

    public static readonly IReadOnlyList<string> All = [Coal, Gas];
}

/// <summary>The obligation (应清缴量) of a compliance year: what an enterprise must surrender.</summary>
public static class Obligations
{
    /// <summary>
    /// A coal unit's shortfall is capped at 20% of its verified emissions (国环规气候〔2020〕3号 and
    /// 〔2023〕1号, as the factor table's allocation.formula.shortfall_cap quotes them).
    /// </summary>
    public const decimal CoalShortfallShare = 0.20m;

    /// <param name="determinedTco2">The determined (核定) emissions: 1 allowance = 1 tCO2e, and a started tonne counts whole.</param>
    /// <param name="finalAllocation">The year's final allocation; the cap applies only once it is issued, since the pre-allocation is no measure of the unit's benchmark.</param>
    /// <param name="outstandingRecovery">What true-ups could not recover from the account: owed on top.</param>
    public static long Of(decimal determinedTco2, long? finalAllocation, string? capRule, long outstandingRecovery)
    {
        var emissions = (long)Math.Ceiling(determinedTco2);
        var owed = (capRule, finalAllocation) switch
        {
            // "Never exceeds allocation + 20%": rounded down, so the cap is never passed.
            (CapRules.Coal, { } allocation) => Math.Min(emissions, allocation + (long)Math.Floor(emissions * CoalShortfallShare)),
            (CapRules.Gas, { } allocation) => Math.Min(emissions, allocation),
            _ => emissions,
        };
        return owed + outstandingRecovery;
    }
}
