using System.Collections.Immutable;
using System.Text.Json;
using Mrv.EventStore;
using Mrv.EventStore.Serialization;

namespace Mrv.Registry.Factors;

/// <summary>A factor table version was published: the whole table, applying to data years from <see cref="EffectiveFromDataYear"/> on.</summary>
public sealed record FactorTablePublished(
    int Version, int EffectiveFromDataYear, FactorTable Table, string? Note, string? PublishedBy, DateTimeOffset PublishedAt);

public sealed record FactorTableVersion(
    int Version, int EffectiveFromDataYear, FactorTable Table, string? Note, string? PublishedBy, DateTimeOffset PublishedAt);

/// <summary>
/// Every published version of the factor table, folded from the one stream <c>factor-table</c>.
/// Versions are never changed or withdrawn: a calculation records the version it used, and must
/// stay reproducible.
/// </summary>
public sealed record FactorTableVersions(ImmutableList<FactorTableVersion> Versions)
{
    public const string StreamId = "factor-table";

    /// <summary>
    /// Version 1 (the seed) applies from data year 2019: the earliest year the table itself names
    /// (grid factors and power benchmarks for 2019-2020, the national market's first compliance period).
    /// </summary>
    public const int SeedEffectiveFromDataYear = 2019;

    public static readonly FactorTableVersions None = new([]);

    public FactorTableVersion? Latest => Versions.IsEmpty ? null : Versions[^1];

    public FactorTableVersion? Find(int version) => Versions.Find(v => v.Version == version);

    /// <summary>The version that applies to a data year: the latest published among those effective by then.</summary>
    public FactorTableVersion? ApplyingTo(int dataYear) => Versions.LastOrDefault(v => v.EffectiveFromDataYear <= dataYear);

    public static FactorTableVersions Evolve(FactorTableVersions state, object @event) => @event switch
    {
        FactorTablePublished p => new(state.Versions.Add(new FactorTableVersion(p.Version, p.EffectiveFromDataYear, p.Table, p.Note, p.PublishedBy, p.PublishedAt))),
        _ => state,
    };

    public static readonly Decider<FactorTableVersions> Decider = new("factor_table", None, Evolve);

    public sealed record Publish(int EffectiveFromDataYear, FactorTable Table, string? Note, string? By);

    /// <summary>Publishing the same table with the same effective year as the latest version is a repeat and publishes nothing.</summary>
    public static IReadOnlyList<object> Decide(Publish c, FactorTableVersions state, DateTimeOffset now) =>
        state.Latest is { } latest && latest.EffectiveFromDataYear == c.EffectiveFromDataYear && SameTable(latest.Table, c.Table)
            ? []
            : [new FactorTablePublished(state.Versions.Count + 1, c.EffectiveFromDataYear, c.Table, c.Note, c.By, now)];

    /// <summary>Compared in the log's canonical form, so the order of the formula's keys does not count.</summary>
    static bool SameTable(FactorTable a, FactorTable b) => Canonical(a) == Canonical(b);

    static string Canonical(FactorTable table) => CanonicalJson.Canonicalize(JsonSerializer.SerializeToUtf8Bytes(table, EventTypes.SerializerOptions));
}
