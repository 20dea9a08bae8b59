using Npgsql;

namespace Mrv.Benchmarks;

/// <summary>A benchmark's database of its own, dropped and created afresh for each run.</summary>
static class BenchDatabase
{
    /// <returns>The admin and app connection strings to the new database, and the server's version.</returns>
    public static async Task<(string Admin, string App, string Postgres)> CreateAsync(string admin, string database, string appRole, string appPassword)
    {
        var server = new NpgsqlConnectionStringBuilder(admin) { Database = "postgres" }.ConnectionString;
        await using (var connection = new NpgsqlConnection(server))
        {
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"drop database if exists {database} with (force)", connection);
            await drop.ExecuteNonQueryAsync();
            await using var create = new NpgsqlCommand($"create database {database}", connection);
            await create.ExecuteNonQueryAsync();
        }
        var adminDb = new NpgsqlConnectionStringBuilder(admin) { Database = database }.ConnectionString;
        var appDb = new NpgsqlConnectionStringBuilder(admin) { Database = database, Username = appRole, Password = appPassword }.ConnectionString;
        await using var probe = new NpgsqlConnection(adminDb);
        await probe.OpenAsync();
        return (adminDb, appDb, "PostgreSQL " + probe.PostgreSqlVersion);
    }
}
