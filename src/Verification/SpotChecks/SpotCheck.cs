using Mrv.EventStore;
using Mrv.Verification.Assignment;

namespace Mrv.Verification.SpotChecks;

/// <summary>
/// The DRC drew a spot-check sample (双随机抽查) of a year's signed engagements:
/// <c>SeededDraw.Pick(Seed, Candidates, Count)</c> gives <see cref="Sample"/> again.
/// </summary>
public sealed record SpotCheckDrawn(int Year, string Seed, IReadOnlyList<string> Candidates, int Count, IReadOnlyList<Guid> Sample, string? DrawnBy, DateTimeOffset DrawnAt);

/// <summary>A year's spot check, folded from <c>spot-check-{year}</c>; also its read model (table <c>verification_spot_checks</c>).</summary>
public sealed record SpotCheck(int Year, SpotCheckDrawn? Drawn)
{
    public const string StreamType = "verification_spot_check";

    public static string StreamId(int year) => $"spot-check-{year}";

    public static SpotCheck Evolve(SpotCheck state, object @event) => @event switch
    {
        SpotCheckDrawn d => new SpotCheck(d.Year, d),
        _ => state,
    };

    public static Decider<SpotCheck> DeciderFor(int year) => new(StreamType, new SpotCheck(year, null), Evolve);

    public static readonly IReadOnlyList<Type> EventTypes = [typeof(SpotCheckDrawn)];

    /// <param name="Candidates">The year's signed engagements (ids in "D" form).</param>
    public sealed record Draw(IReadOnlyList<Guid> Candidates, int Count, string Seed, string? By);

    /// <summary>One sample a year: drawing again would let the DRC pick the sample it likes.</summary>
    public static IReadOnlyList<object> Decide(Draw c, SpotCheck state, DateTimeOffset now)
    {
        if (state.Drawn is not null)
        {
            throw new DomainRuleViolation("spot_check.already_drawn",
                $"{state.Year} 年度的抽查样本已于 {state.Drawn.DrawnAt:yyyy-MM-dd} 抽取，不能重抽。",
                $"The {state.Year} spot-check sample was drawn on {state.Drawn.DrawnAt:yyyy-MM-dd} and cannot be drawn again.");
        }
        var candidates = c.Candidates.Select(id => id.ToString("D")).Distinct().Order(StringComparer.Ordinal).ToList();
        if (candidates.Count == 0)
        {
            throw new DomainRuleViolation("spot_check.no_signed_engagements",
                $"{state.Year} 年度还没有已签发的核查任务可供抽查。", $"No engagement of {state.Year} is signed off yet; there is nothing to sample.");
        }
        var sample = SeededDraw.Pick(c.Seed, candidates, c.Count).Select(Guid.Parse).ToList();
        return [new SpotCheckDrawn(state.Year, c.Seed, candidates, Math.Min(c.Count, candidates.Count), sample, c.By, now)];
    }
}
