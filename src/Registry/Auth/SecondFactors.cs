using Microsoft.AspNetCore.DataProtection;
using Npgsql;

namespace Mrv.Registry.Auth;

/// <summary>
/// TOTP secrets, kept beside the log like password hashes (a secret in the log could never be
/// removed). They are encrypted with the registry's data-protection keys, a confirmed secret is
/// never replaced through the API, and each time step is accepted once per user, so a code seen
/// over someone's shoulder cannot be used again.
/// </summary>
public sealed class SecondFactors(NpgsqlDataSource dataSource, IDataProtectionProvider protection, TimeProvider time)
{
    readonly IDataProtector protector = protection.CreateProtector("mrv.totp-secret");

    /// <summary>Stores a new secret awaiting confirmation; false when the user has a confirmed one.</summary>
    public async Task<bool> EnrollAsync(string username, byte[] secret, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("""
            insert into registry.second_factors (username, secret, confirmed_at, last_step, created_at) values ($1, $2, null, 0, $3)
            on conflict (username) do update set secret = excluded.secret, created_at = excluded.created_at
            where registry.second_factors.confirmed_at is null
            """);
        command.Parameters.Add(new() { Value = username });
        command.Parameters.Add(new() { Value = protector.Protect(secret) });
        command.Parameters.Add(new() { Value = time.GetUtcNow() });
        return await command.ExecuteNonQueryAsync(ct) == 1;
    }

    public async Task<bool> IsConfirmedAsync(string username, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("select confirmed_at is not null from registry.second_factors where username = $1");
        command.Parameters.Add(new() { Value = username });
        return await command.ExecuteScalarAsync(ct) is true;
    }

    /// <summary>Whether the code is right for the confirmed secret, using up its step.</summary>
    public Task<bool> VerifyAsync(string username, string code, CancellationToken ct) => UseCodeAsync(null, username, code, confirmed: true, ct);

    /// <summary>Confirms a pending secret with a code from the app, in the caller's transaction.</summary>
    public Task<bool> ConfirmAsync(NpgsqlTransaction transaction, string username, string code, CancellationToken ct) =>
        UseCodeAsync(transaction, username, code, confirmed: false, ct);

    async Task<bool> UseCodeAsync(NpgsqlTransaction? transaction, string username, string code, bool confirmed, CancellationToken ct)
    {
        var connection = transaction?.Connection;
        var owned = connection is null ? await dataSource.OpenConnectionAsync(ct) : null;
        try
        {
            connection ??= owned!;
            byte[] secret;
            await using (var read = new NpgsqlCommand(
                "select secret from registry.second_factors where username = $1 and (confirmed_at is not null) = $2", connection, transaction))
            {
                read.Parameters.Add(new() { Value = username });
                read.Parameters.Add(new() { Value = confirmed });
                if (await read.ExecuteScalarAsync(ct) is not byte[] stored) return false;
                secret = protector.Unprotect(stored);
            }
            if (Totp.MatchingStep(secret, code, time.GetUtcNow()) is not { } step) return false;

            // Claiming the step and confirming happen in one conditional update: of two requests with
            // the same code, one gets the row and the other finds the step used.
            await using var use = new NpgsqlCommand(
                "update registry.second_factors set last_step = $2, confirmed_at = coalesce(confirmed_at, $3) where username = $1 and last_step < $2",
                connection, transaction);
            use.Parameters.Add(new() { Value = username });
            use.Parameters.Add(new() { Value = step });
            use.Parameters.Add(new() { Value = time.GetUtcNow() });
            return await use.ExecuteNonQueryAsync(ct) == 1;
        }
        finally
        {
            if (owned is not null) await owned.DisposeAsync();
        }
    }
}
