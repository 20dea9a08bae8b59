using Npgsql;

namespace Mrv.Registry.Hosting;

/// <summary>
/// The two connections of the registry: the schema owner's (migrations, integrity checks) and the
/// application role's (everything else; it may append to the log but never change it).
/// </summary>
/// <remarks>
/// <c>ConnectionStrings:Admin</c> is the owner. <c>ConnectionStrings:Registry</c> is the application
/// role; when absent it is the owner's server and database with role <c>mrv_app</c> and the
/// password <c>Mrv:AppRolePassword</c>, which migrations give that role.
/// </remarks>
public sealed record RegistryDatabase(string? AdminConnectionString, string AppConnectionString, string AppRole, string? AppRolePassword)
{
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
            ApplicationName = "mrv-registry",
        };
        return new RegistryDatabase(admin, builder.ConnectionString, role, password);
    }
}
