using Mrv.EventStore;
using Mrv.EventStore.Schema;
using Npgsql;

namespace Mrv.Registry.Hosting;

/// <summary>Every module's migrations, in dependency order.</summary>
public static class RegistrySchema
{
    public static IReadOnlyList<MigrationScript> Scripts() =>
    [
        .. MigrationScript.FromAssembly(typeof(EventLog).Assembly, "eventstore"),
        .. MigrationScript.FromAssembly(typeof(Verification.VerificationModule).Assembly, "verification"),
        .. MigrationScript.FromAssembly(typeof(RegistrySchema).Assembly, "registry"),
    ];

    public static Task<int> MigrateAsync(RegistryDatabase database, EventStoreOptions store, ILogger logger, CancellationToken ct = default)
    {
        var admin = database.AdminConnectionString
            ?? throw new InvalidOperationException("Migrations need ConnectionStrings:Admin (the schema owner).");
        return new SchemaMigrator(admin, logger).MigrateAsync(Scripts(), store.Documents, database.AppRole, database.AppRolePassword, ct);
    }
}

/// <summary>Runs the migrations before anything else starts, when the owner's connection is configured.</summary>
public sealed class MigrateOnStartup(RegistryDatabase database, EventStoreOptions store, IConfiguration configuration, ILogger<MigrateOnStartup> logger)
    : IHostedLifecycleService
{
    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        if (database.AdminConnectionString is null || !configuration.GetValue("Mrv:MigrateOnStartup", true)) return;
        var applied = await RegistrySchema.MigrateAsync(database, store, logger, cancellationToken);
        if (applied > 0) logger.LogInformation("Applied {Count} migrations", applied);
        // A password given to the role just now must be used by fresh connections.
        NpgsqlConnection.ClearAllPools();
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
