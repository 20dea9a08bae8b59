using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;

namespace Mrv.EventStore.Http;

/// <summary>
/// Read models served from a streaming replica with read-your-writes. Every successful write answers
/// with its position in the primary's WAL (<see cref="PositionHeader"/>); a read that sends it back
/// (<see cref="ReadAfterHeader"/>, or the portal's <see cref="PositionCookie"/>) is served from the
/// replica once the replica has replayed that far — it waits at most <see cref="MaxWait"/> — and from
/// the primary otherwise. Reads without a position use the replica as it stands.
/// </summary>
/// <param name="replica">
/// A pool that prefers a standby and falls back to the primary (Npgsql's prefer-standby), so a replica
/// that is down slows nothing but itself.
/// </param>
public sealed class ReplicaReads(NpgsqlDataSource primary, NpgsqlDataSource replica, TimeSpan maxWait, ILogger<ReplicaReads> logger) : IAsyncDisposable
{
    public const string PositionHeader = "X-Mrv-Position";
    public const string ReadAfterHeader = "X-Mrv-Read-After";
    public const string ReadFromHeader = "X-Mrv-Read-From";
    public const string PositionCookie = "mrv_position";

    static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(5);
    // Long enough for a replica that is seconds behind, short enough that a cookie left behind stops costing a probe soon.
    static readonly TimeSpan CookieLifetime = TimeSpan.FromSeconds(30);

    public NpgsqlDataSource Replica => replica;
    public TimeSpan MaxWait => maxWait;

    /// <summary>The primary's WAL position now: after a commit, at or past that commit.</summary>
    public async Task<NpgsqlLogSequenceNumber> PrimaryPositionAsync(CancellationToken ct)
    {
        await using var command = primary.CreateCommand("select pg_current_wal_lsn()");
        return (NpgsqlLogSequenceNumber)(await command.ExecuteScalarAsync(ct))!;
    }

    /// <summary>
    /// Whether the server the replica pool hands out has replayed <paramref name="position"/>, waiting
    /// up to <see cref="MaxWait"/>. False when that server is the primary (the pool fell back to it),
    /// so the read goes to the primary by name.
    /// </summary>
    public async Task<bool> ReachedAsync(NpgsqlLogSequenceNumber position, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        await using var connection = await replica.OpenConnectionAsync(ct);
        await using var command = new NpgsqlCommand("select pg_last_wal_replay_lsn()", connection);
        while (true)
        {
            if (await command.ExecuteScalarAsync(ct) is not NpgsqlLogSequenceNumber replayed) return false;
            if (replayed >= position) return true;
            if (Stopwatch.GetElapsedTime(started) >= maxWait) return false;
            await Task.Delay(PollInterval, ct);
        }
    }

    /// <summary>Which source serves this read: the replica, unless it carries a position the replica has not reached.</summary>
    internal async Task<bool> ServeFromReplicaAsync(HttpContext http)
    {
        var sent = http.Request.Headers[ReadAfterHeader].ToString();
        if (sent.Length == 0) sent = http.Request.Cookies[PositionCookie] ?? "";
        if (sent.Length == 0) return true;
        // A position that does not parse cannot be checked; the primary answers it correctly anyway.
        return NpgsqlLogSequenceNumber.TryParse(sent.Trim(), out var position) && await ReachedAsync(position, http.RequestAborted);
    }

    /// <summary>
    /// Puts the position on a write's answer (and in a cookie for the portal's browser) unless it
    /// failed: a portal form that succeeds answers with a redirect to the page showing the result.
    /// </summary>
    internal async Task StampAsync(HttpContext http)
    {
        if (http.Response.StatusCode is < 200 or >= 400) return;
        try
        {
            var position = (await PrimaryPositionAsync(http.RequestAborted)).ToString();
            http.Response.Headers[PositionHeader] = position;
            if (!http.Request.Path.StartsWithSegments("/api"))
            {
                http.Response.Cookies.Append(PositionCookie, position, new CookieOptions
                {
                    HttpOnly = true, SameSite = SameSiteMode.Lax, Secure = http.Request.IsHttps, Path = "/", MaxAge = CookieLifetime,
                });
            }
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or OperationCanceledException)
        {
            // The write has committed; without a position the client's next read may come from the replica as it stands.
            logger.LogWarning(e, "Could not read the WAL position after a write to {Path}", http.Request.Path);
        }
    }

    public ValueTask DisposeAsync() => replica.DisposeAsync();
}

public static class ReplicaReadsMiddleware
{
    /// <summary>Routes read-model queries of GET/HEAD requests to the replica (when one is configured) and stamps writes with their position.</summary>
    public static IApplicationBuilder UseMrvReplicaReads(this IApplicationBuilder app)
    {
        var replicas = app.ApplicationServices.GetService<ReplicaReads>();
        if (replicas is null) return app;
        var reads = app.ApplicationServices.GetRequiredService<ReadSource>();
        return app.Use(async (http, next) =>
        {
            if (HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method))
            {
                var fromReplica = await replicas.ServeFromReplicaAsync(http);
                reads.Current = fromReplica ? replicas.Replica : null;
                http.Response.Headers[ReplicaReads.ReadFromHeader] = fromReplica ? "replica" : "primary";
            }
            else
            {
                http.Response.OnStarting(() => replicas.StampAsync(http));
            }
            await next(http);
        });
    }
}
