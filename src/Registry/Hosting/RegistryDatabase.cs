using Npgsql;

namespace Mrv.Registry.Hosting;

/// <summary>
/// The two connections of the registry: the schema owner's (migrations, integrity checks) and the
/// application role's (everything else; it may append to the log but never change it).
/// </summary>
/// <remarks>
/// <c>ConnectionStrings:Admin</c> is the owner. <c>ConnectionStrings:Registry</c> is the application
/// role; when absent it is the owner's server and database with role <c>mrv_app</c> and the
/// password <c>Mrv:AppRolePassword</c>, which migrations give that role. <c>ConnectionStrings:Replica</c>
/// optionally names streaming replicas (host and port; the database and the application role's
/// credentials are the primary's, as a physical replica has them too) for read models.
/// <c>Mrv:NodeName</c> names this registry node in PostgreSQL's <c>pg_stat_activity</c> and the daemon's logs.
/// </remarks>
public sealed record RegistryDatabase(string? AdminConnectionString, string AppConnectionString, string AppRole, string? AppRolePassword)
{
    /// <summary>
    /// The replicas followed by the primary, with Npgsql's prefer-standby: reads go to the first standby
    /// that answers, and to the primary while none does. Null when no replica is configured.
    /// </summary>
    public string? ReplicaConnectionString { get; init; }

    public const string DefaultAppRole = "mrv_app";

    public static RegistryDatabase From(IConfiguration configuration)
    {
        var admin = configuration.GetConnectionString("Admin");
        var app = configuration.GetConnectionString("Registry");
        var role = configuration["Mrv:AppRole"] ?? DefaultAppRole;
        var password = configuration["Mrv:AppRolePassword"];
        if (app is null)
        {
            if (admin is null)
            {
                throw new InvalidOperationException(
                    "No database configured: set ConnectionStrings:Registry (and ConnectionStrings:Admin for migrations), or start with ./mrv up.");
            }
            app = new NpgsqlConnectionStringBuilder(admin) { Username = role, Password = password }.ConnectionString;
        }
        var builder = new NpgsqlConnectionStringBuilder(app)
        {
            // Statements the registry runs again and again are prepared once per connection.
            MaxAutoPrepare = 64,
            AutoPrepareMinUsages = 2,
            // No session state is left on a pooled connection for the next user (the daemon undoes its
            // advisory locks and settings when it lets a connection go; everything else is
            // transaction-local), so the reset that would otherwise precede every reuse is skipped.
            NoResetOnClose = true,
            // Says which node a session belongs to in pg_stat_activity, and so which node leads a projection.
            ApplicationName = "mrv-registry@" + NodeName(configuration),
        };
        return new RegistryDatabase(admin, builder.ConnectionString, role, password)
        {
            ReplicaConnectionString = configuration.GetConnectionString("Replica") is { Length: > 0 } replica ? ReadPool(builder, replica) : null,
        };
    }

    /// <summary><c>Mrv:NodeName</c>, or host:process id.</summary>
    public static string NodeName(IConfiguration configuration) =>
        configuration["Mrv:NodeName"] is { Length: > 0 } node ? node : $"{Environment.MachineName}:{Environment.ProcessId}";

    static string ReadPool(NpgsqlConnectionStringBuilder app, string replica)
    {
        var replicas = new NpgsqlConnectionStringBuilder(replica);
        return new NpgsqlConnectionStringBuilder(app.ConnectionString)
        {
            Host = HostList(replicas) + "," + HostList(app),
            TargetSessionAttributes = "prefer-standby",
        }.ConnectionString;
    }

    /// <summary>"host:port,…" — Npgsql's multi-host form, each host with its own port.</summary>
    static string HostList(NpgsqlConnectionStringBuilder builder) => string.Join(",",
        (builder.Host ?? throw new InvalidOperationException("A connection string without Host.")).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(host => host.Contains(':') ? host : $"{host}:{builder.Port}"));
}
