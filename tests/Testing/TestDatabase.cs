using Npgsql;

namespace Mrv.Testing;

/// <summary>
/// A real PostgreSQL database of its own for a test class, cloned from a template that was
/// migrated once per test run, and dropped afterwards. Needs <c>MRV_TEST_ADMIN_DB</c> (set by
/// <c>./mrv test</c>): a connection string of a role that may create databases.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    public const string AppRole = "mrv_app";
    static readonly SemaphoreSlim TemplateLock = new(1, 1);
    static string? template;

    TestDatabase(string name)
    {
        Name = name;
        AdminConnectionString = ConnectionStringFor(name);
        AppConnectionString = new NpgsqlConnectionStringBuilder(AdminConnectionString)
        {
            Username = AppRole,
            Password = AppRolePassword,
        }.ConnectionString;
    }

    public string Name { get; }

    /// <summary>The owner's (superuser's) connection: migrations, and tampering with the log in tests.</summary>
    public string AdminConnectionString { get; }

    /// <summary>The application role's connection, as the registry itself connects.</summary>
    public string AppConnectionString { get; }

    public static string AppRolePassword =>
        Environment.GetEnvironmentVariable("Mrv__AppRolePassword") ?? "mrv_app_local_only";

    static string ServerAdminConnectionString =>
        Environment.GetEnvironmentVariable("MRV_TEST_ADMIN_DB")
        ?? throw new InvalidOperationException("MRV_TEST_ADMIN_DB is not set: run the tests with ./mrv test, which starts PostgreSQL and sets it.");

    static string ConnectionStringFor(string database) =>
        new NpgsqlConnectionStringBuilder(ServerAdminConnectionString) { Database = database, Pooling = true }.ConnectionString;

    /// <summary>
    /// A fresh database with the schema applied by <paramref name="migrate"/> (given the admin
    /// connection string). The template is built on the first call of the process.
    /// </summary>
    public static async Task<TestDatabase> CreateAsync(Func<string, Task> migrate)
    {
        var source = await TemplateAsync(migrate);
        var name = NewName("db");
        await ExecuteOnServerAsync($"create database {name} template {source}");
        return new TestDatabase(name);
    }

    static async Task<string> TemplateAsync(Func<string, Task> migrate)
    {
        await TemplateLock.WaitAsync();
        try
        {
            if (template is not null) return template;
            var name = NewName("tpl");
            await ExecuteOnServerAsync($"create database {name}");
            var connectionString = ConnectionStringFor(name);
            await migrate(connectionString);
            // A template may have no open connections while it is copied.
            await using (var connection = new NpgsqlConnection(connectionString)) NpgsqlConnection.ClearPool(connection);
            AppDomain.CurrentDomain.ProcessExit += (_, _) => DropAsync(name).GetAwaiter().GetResult();
            template = name;
            return name;
        }
        finally
        {
            TemplateLock.Release();
        }
    }

    /// <summary>
    /// mrv_t_YYMMDDHHMM_kind_random: the creation time (UTC) in the name lets ./mrv test sweep the
    /// leftovers of crashed runs without touching databases of a run still going on.
    /// </summary>
    static string NewName(string kind) => $"mrv_t_{DateTime.UtcNow:yyMMddHHmm}_{kind}_{Guid.NewGuid():N}"[..32];

    public NpgsqlDataSource CreateAppDataSource() => NpgsqlDataSource.Create(AppConnectionString);

    public NpgsqlDataSource CreateAdminDataSource() => NpgsqlDataSource.Create(AdminConnectionString);

    public async Task ExecuteAsAdminAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    public async Task<T> ScalarAsAdminAsync<T>(string sql)
    {
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    public async ValueTask DisposeAsync()
    {
        await using (var app = new NpgsqlConnection(AppConnectionString)) NpgsqlConnection.ClearPool(app);
        await using (var admin = new NpgsqlConnection(AdminConnectionString)) NpgsqlConnection.ClearPool(admin);
        await DropAsync(Name);
    }

    static async Task DropAsync(string name)
    {
        try
        {
            await ExecuteOnServerAsync($"drop database if exists {name} with (force)");
        }
        catch (NpgsqlException)
        {
            // Left for ./mrv test to sweep at the start of the next run.
        }
    }

    static async Task ExecuteOnServerAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ServerAdminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
