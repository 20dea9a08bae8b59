using Microsoft.AspNetCore.Identity;
using Npgsql;

namespace Mrv.Registry.Auth;

/// <summary>Password hashes (ASP.NET Core Identity's PasswordHasher), kept beside the log, not in it.</summary>
public sealed class Credentials(NpgsqlDataSource dataSource, TimeProvider time)
{
    static readonly PasswordHasher<string> Hasher = new();
    // Checked against when the username is unknown, so a wrong username costs as long as a wrong password.
    static readonly string DecoyHash = Hasher.HashPassword("decoy", Guid.NewGuid().ToString());

    public static string Hash(string username, string password) => Hasher.HashPassword(username, password);

    /// <summary>Stores the hash in the caller's transaction, so the account and its password commit together.</summary>
    public async Task SetAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string username, string password, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(
            "insert into registry.credentials (username, password_hash, updated_at) values ($1, $2, $3) " +
            "on conflict (username) do update set password_hash = excluded.password_hash, updated_at = excluded.updated_at",
            connection, transaction);
        command.Parameters.Add(new() { Value = username });
        command.Parameters.Add(new() { Value = Hash(username, password) });
        command.Parameters.Add(new() { Value = time.GetUtcNow() });
        await command.ExecuteNonQueryAsync(ct);
    }

    public async Task<bool> VerifyAsync(string username, string password, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("select password_hash from registry.credentials where username = $1");
        command.Parameters.Add(new() { Value = username });
        var hash = await command.ExecuteScalarAsync(ct) as string;
        var result = Hasher.VerifyHashedPassword(username, hash ?? DecoyHash, password);
        return hash is not null && result != PasswordVerificationResult.Failed;
    }
}
