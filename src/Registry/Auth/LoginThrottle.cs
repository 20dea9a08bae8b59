using Npgsql;

namespace Mrv.Registry.Auth;

/// <summary>
/// Failed logins per account, counted in PostgreSQL so every registry node sees the same count:
/// after <see cref="MaxFailures"/> failures within <see cref="Window"/>, further attempts on that
/// account are refused (429) until the oldest failure leaves the window.
/// </summary>
public sealed class LoginThrottle(NpgsqlDataSource dataSource, TimeProvider time)
{
    public const int MaxFailures = 10;
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    /// <summary>How long the caller must wait, or null when an attempt is allowed.</summary>
    public async Task<TimeSpan?> RetryAfterAsync(string username, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        await using var command = dataSource.CreateCommand(
            "select count(*), min(at) from (select at from registry.login_failures where username = $1 and at > $2 order by at desc limit $3) recent");
        command.Parameters.Add(new() { Value = username });
        command.Parameters.Add(new() { Value = now - Window });
        command.Parameters.Add(new() { Value = MaxFailures });
        await using var reader = await command.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        if (reader.GetInt64(0) < MaxFailures) return null;
        return reader.GetFieldValue<DateTimeOffset>(1) + Window - now;
    }

    public async Task RecordFailureAsync(string username, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        await using var batch = dataSource.CreateBatch();
        var insert = new NpgsqlBatchCommand("insert into registry.login_failures (username, at) values ($1, $2)");
        insert.Parameters.Add(new() { Value = username });
        insert.Parameters.Add(new() { Value = now });
        var prune = new NpgsqlBatchCommand("delete from registry.login_failures where at < $1");
        prune.Parameters.Add(new() { Value = now - TimeSpan.FromDays(1) });
        batch.BatchCommands.Add(insert);
        batch.BatchCommands.Add(prune);
        await batch.ExecuteNonQueryAsync(ct);
    }
}
