using System.Collections.Immutable;
using Mrv.EventStore;

namespace Mrv.Registry.DualControl.Assessment;

/// <summary>The DRC set the early-warning thresholds (预警阈值), as a new version, with a reason.</summary>
public sealed record WarningThresholdsSet(int Version, decimal YellowBandPct, string Reason, string? SetBy, DateTimeOffset SetAt);

/// <summary>The thresholds an assessment used, recorded with it.</summary>
/// <param name="YellowBandPct">How far behind its path an indicator may be and stay yellow, as a percentage of the year's expected progress.</param>
public sealed record Thresholds(int Version, decimal YellowBandPct);

/// <summary>
/// The early-warning thresholds, data the DRC edits, folded from the one stream
/// <c>warning-thresholds</c>. Version 1 is seeded at start-up with the default band of 10% of the
/// year's expected progress (issue 9).
/// </summary>
public sealed record WarningThresholds(ImmutableList<WarningThresholdsSet> Versions)
{
    public const string StreamId = "warning-thresholds";
    public const decimal DefaultYellowBandPct = 10m;
    public const string DefaultReason = "默认值：年度进度目标的 10% / default: 10% of the year's expected progress";

    public static readonly WarningThresholds None = new([]);

    public WarningThresholdsSet? Current => Versions.IsEmpty ? null : Versions[^1];

    /// <summary>The thresholds in force; the default band until version 1 is on record.</summary>
    public Thresholds InForce => Current is { } current ? new Thresholds(current.Version, current.YellowBandPct) : new Thresholds(0, DefaultYellowBandPct);

    public static WarningThresholds Evolve(WarningThresholds state, object @event) => @event switch
    {
        WarningThresholdsSet s => new(state.Versions.Add(s)),
        _ => state,
    };

    public static readonly Decider<WarningThresholds> Decider = new("warning_thresholds", None, Evolve);

    public sealed record Set(decimal YellowBandPct, string Reason, string? By);

    /// <summary>Setting the band in force again is a repeat.</summary>
    public static IReadOnlyList<object> Decide(Set c, WarningThresholds state, DateTimeOffset now) =>
        state.Current?.YellowBandPct == c.YellowBandPct ? [] : [new WarningThresholdsSet(state.Versions.Count + 1, c.YellowBandPct, c.Reason, c.By, now)];

    public static Task<Aggregate<WarningThresholds>> LoadAsync(EventLog log, CancellationToken ct) =>
        log.AggregateAsync(StreamId, None, Evolve, ct: ct);
}
