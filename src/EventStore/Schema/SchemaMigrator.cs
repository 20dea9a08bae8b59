using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Mrv.EventStore.Schema;

/// <summary>A versioned SQL script of one module. Applied once, never edited afterwards.</summary>
public sealed record MigrationScript(string Module, string Id, string Sql)
{
    public string Checksum { get; } = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Sql)));

    /// <summary>The <c>Schema/NNNN_name.sql</c> files embedded in a module's assembly, in name order.</summary>
    public static IReadOnlyList<MigrationScript> FromAssembly(Assembly assembly, string module)
    {
        var scripts = new List<MigrationScript>();
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.EndsWith(".sql", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            var match = Regex.Match(resource, @"\.Schema\.(\d{4}_[A-Za-z0-9_]+)\.sql$");
            if (!match.Success) continue;
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream, Encoding.UTF8);
            scripts.Add(new MigrationScript(module, match.Groups[1].Value, reader.ReadToEnd()));
        }
        return scripts;
    }
}

/// <summary>
/// Brings a database to the current schema: runs each module's scripts not yet applied, creates the
/// document tables of registered read models, and grants the application role what it may do.
/// Runs as the schema owner; the application itself connects as a role that cannot alter the log.
/// </summary>
public sealed class SchemaMigrator(string adminConnectionString, ILogger logger)
{
    static readonly Regex RoleName = new("^[a-z_][a-z0-9_]*$");

    public async Task<int> MigrateAsync(
        IEnumerable<MigrationScript> scripts,
        DocumentTypes documents,
        string appRole,
        string? appRolePassword,
        CancellationToken ct = default)
    {
        if (!RoleName.IsMatch(appRole)) throw new ArgumentException($"'{appRole}' is not a plain role name.", nameof(appRole));

        await using var connection = new NpgsqlConnection(adminConnectionString);
        await connection.OpenAsync(ct);
        await EnsureRoleAsync(connection, appRole, appRolePassword, ct);

        await using var transaction = await connection.BeginTransactionAsync(ct);
        // Two hosts starting together must not both run the same script.
        await Execute(connection, "select pg_advisory_xact_lock(hashtext('mrv.schema_migrations'))", ct);
        await Execute(connection, """
            create schema if not exists eventstore;
            create table if not exists eventstore.schema_migrations (
                module text not null, id text not null, checksum text not null,
                applied_at timestamptz not null default now(),
                primary key (module, id))
            """, ct);

        var applied = new Dictionary<(string, string), string>();
        await using (var command = new NpgsqlCommand("select module, id, checksum from eventstore.schema_migrations", connection))
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct)) applied[(reader.GetString(0), reader.GetString(1))] = reader.GetString(2);
        }

        var count = 0;
        foreach (var script in scripts)
        {
            if (applied.TryGetValue((script.Module, script.Id), out var checksum))
            {
                if (checksum != script.Checksum)
                {
                    throw new InvalidOperationException(
                        $"Migration {script.Module}/{script.Id} was changed after it was applied; add a new script instead of editing an applied one.");
                }
                continue;
            }
            logger.LogInformation("Applying migration {Module}/{Id}", script.Module, script.Id);
            await Execute(connection, script.Sql.Replace("${app_role}", appRole, StringComparison.Ordinal), ct);
            await using var record = new NpgsqlCommand("insert into eventstore.schema_migrations (module, id, checksum) values ($1, $2, $3)", connection);
            record.Parameters.Add(new() { Value = script.Module });
            record.Parameters.Add(new() { Value = script.Id });
            record.Parameters.Add(new() { Value = script.Checksum });
            await record.ExecuteNonQueryAsync(ct);
            count++;
        }

        foreach (var document in documents.All)
        {
            await Execute(connection, $"""
                create table if not exists readmodels.{document.Table} (
                    id          text primary key,
                    data        jsonb not null,
                    version     bigint not null,
                    updated_at  timestamptz not null)
                """, ct);
            if (document.Filtered)
            {
                await Execute(connection, $"create index if not exists {document.Table}_data on readmodels.{document.Table} using gin (data jsonb_path_ops)", ct);
            }
        }
        await Execute(connection, $"grant select, insert, update, delete, truncate on all tables in schema readmodels to {appRole}", ct);

        await transaction.CommitAsync(ct);
        return count;
    }

    async Task EnsureRoleAsync(NpgsqlConnection connection, string role, string? password, CancellationToken ct)
    {
        var passwordClause = password is null ? "" : $" password '{password.Replace("'", "''")}'";
        await using var exists = new NpgsqlCommand("select 1 from pg_roles where rolname = $1", connection);
        exists.Parameters.Add(new() { Value = role });
        if (await exists.ExecuteScalarAsync(ct) is not null)
        {
            // The configured password is the truth: a regenerated secret takes effect here. Only
            // when it does not already work, as concurrent ALTER ROLEs on one role can collide.
            if (password is not null && !await CanLogInAsync(role, password, ct))
            {
                await Execute(connection, $"alter role {role} login{passwordClause}", ct);
            }
            return;
        }

        // The role is shared by every database of the cluster, so another migrator (another test
        // database, another node) may create it at the same moment; losing that race is fine.
        try
        {
            await Execute(connection, $"create role {role} login{passwordClause}", ct);
        }
        catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.DuplicateObject or PostgresErrorCodes.UniqueViolation)
        {
        }
    }

    async Task<bool> CanLogInAsync(string role, string password, CancellationToken ct)
    {
        var builder = new NpgsqlConnectionStringBuilder(adminConnectionString) { Username = role, Password = password, Pooling = false };
        try
        {
            await using var probe = new NpgsqlConnection(builder.ConnectionString);
            await probe.OpenAsync(ct);
            return true;
        }
        catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.InvalidPassword or PostgresErrorCodes.InvalidAuthorizationSpecification)
        {
            return false;
        }
    }

    static async Task Execute(NpgsqlConnection connection, string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(ct);
    }
}
