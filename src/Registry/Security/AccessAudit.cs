using Mrv.EventStore.Http;
using Npgsql;

namespace Mrv.Registry.Security;

/// <summary>What an access-audit record is about.</summary>
public static class AccessKinds
{
    public const string SignedIn = "sign_in";
    public const string SignInFailed = "sign_in_failed";
    public const string SignInThrottled = "sign_in_throttled";
    /// <summary>No valid credentials for something that needs them (401).</summary>
    public const string Unauthenticated = "unauthenticated";
    /// <summary>Signed in, but not allowed (403).</summary>
    public const string Forbidden = "forbidden";
    /// <summary>Too many writes in a short time (429).</summary>
    public const string RateLimited = "rate_limited";

    public static readonly IReadOnlyList<string> All = [SignedIn, SignInFailed, SignInThrottled, Unauthenticated, Forbidden, RateLimited];
}

public sealed record AccessRecord(
    long Id, DateTimeOffset At, string? Username, string Kind, string Method, string Path, int Status, string? CorrelationId, string? RemoteAddress);

/// <summary>Writes and reads the access audit (registry.access_audit).</summary>
public sealed class AccessAudit(NpgsqlDataSource dataSource, TimeProvider time, ILogger<AccessAudit> logger)
{
    public async Task RecordAsync(HttpContext http, string kind, string? username, int status)
    {
        try
        {
            await using var command = dataSource.CreateCommand("""
                insert into registry.access_audit (at, username, kind, method, path, status, correlation_id, remote_address)
                values ($1, $2, $3, $4, $5, $6, $7, $8)
                """);
            command.Parameters.Add(new() { Value = time.GetUtcNow() });
            command.Parameters.Add(new() { Value = (object?)username ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
            command.Parameters.Add(new() { Value = kind });
            command.Parameters.Add(new() { Value = http.Request.Method });
            command.Parameters.Add(new() { Value = http.Request.Path.Value ?? "" });
            command.Parameters.Add(new() { Value = status });
            command.Parameters.Add(new() { Value = (object?)HttpCommands.MetadataOf(http).CorrelationId ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
            command.Parameters.Add(new() { Value = (object?)http.Connection.RemoteIpAddress?.ToString() ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
            await command.ExecuteNonQueryAsync(CancellationToken.None);
        }
        catch (NpgsqlException e)
        {
            // The answer to the caller must not depend on the audit table; the failure is logged.
            logger.LogError(e, "Could not record an access-audit entry ({Kind} {Path})", kind, http.Request.Path);
        }
    }

    public async Task<(IReadOnlyList<AccessRecord> Items, long Total)> QueryAsync(
        string? username, string? kind, DateTimeOffset? from, DateTimeOffset? to, int page, int pageSize, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("""
            select id, at, username, kind, method, path, status, correlation_id, remote_address, count(*) over ()
            from registry.access_audit
            where ($1::text is null or username = $1) and ($2::text is null or kind = $2)
              and ($3::timestamptz is null or at >= $3) and ($4::timestamptz is null or at < $4)
            order by at desc, id desc offset $5 limit $6
            """);
        command.Parameters.Add(new() { Value = (object?)username ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        command.Parameters.Add(new() { Value = (object?)kind ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        command.Parameters.Add(new() { Value = (object?)from ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new() { Value = (object?)to ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new() { Value = (Math.Max(1, page) - 1) * pageSize });
        command.Parameters.Add(new() { Value = pageSize });
        var items = new List<AccessRecord>();
        long total = 0;
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            items.Add(new AccessRecord(reader.GetInt64(0), reader.GetFieldValue<DateTimeOffset>(1), reader.IsDBNull(2) ? null : reader.GetString(2),
                reader.GetString(3), reader.GetString(4), reader.GetString(5), reader.GetInt32(6), reader.IsDBNull(7) ? null : reader.GetString(7),
                reader.IsDBNull(8) ? null : reader.GetString(8)));
            total = reader.GetInt64(9);
        }
        return (items, total);
    }

    /// <summary>GET /api/v1/admin/access-audit?username=&amp;kind=&amp;from=&amp;to=&amp;page=&amp;pageSize= (drc).</summary>
    public static async Task<IResult> Handle(HttpContext http, AccessAudit audit, string? username = null, string? kind = null,
        DateTimeOffset? from = null, DateTimeOffset? to = null, int page = 1, int pageSize = 100)
    {
        if (kind is not null && !AccessKinds.All.Contains(kind))
        {
            return Problems.Validation("kind", "one_of", new Mrv.EventStore.LocalizedText(
                $"kind 须为以下之一：{string.Join("、", AccessKinds.All)}。", $"kind is one of: {string.Join(", ", AccessKinds.All)}."), http);
        }
        var (items, total) = await audit.QueryAsync(username, kind, from, to, page, Math.Clamp(pageSize, 1, 1000), http.RequestAborted);
        return TypedResults.Ok(new { total, page, items });
    }
}
