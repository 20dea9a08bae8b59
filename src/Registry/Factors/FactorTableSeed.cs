using Mrv.EventStore;

namespace Mrv.Registry.Factors;

/// <summary>
/// Publishes the seed table as version 1 when the log has no factor table yet. Runs at start-up
/// after the migrations; several nodes starting together append it once (the losers of the
/// expected-version race find it there on their retry and append nothing).
/// </summary>
public sealed class FactorTableSeed(CommandWriter writer, TimeProvider time) : IHostedService
{
    public const string Note = "种子版本：reference/emission-factors.json / seed version from reference/emission-factors.json";

    public Task StartAsync(CancellationToken cancellationToken) => EnsureAsync(writer, time, cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public static async Task EnsureAsync(CommandWriter writer, TimeProvider time, CancellationToken ct = default)
    {
        var seed = new FactorTableVersions.Publish(FactorTableVersions.SeedEffectiveFromDataYear, FactorTable.Parse(FactorTable.SeedJson()), Note, null);
        var now = time.GetUtcNow();
        await writer.WriteAsync(FactorTableVersions.Decider, FactorTableVersions.StreamId,
            state => state.Versions.IsEmpty ? FactorTableVersions.Decide(seed, state, now) : [],
            outcome => outcome.Appended.Count,
            new WriteOptions { Metadata = new EventMetadata("system", "factor-table-seed", null) }, ct);
    }
}
