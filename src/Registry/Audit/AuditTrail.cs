using Mrv.EventStore;
using Mrv.EventStore.Http;
using Mrv.Registry.Enterprises;

namespace Mrv.Registry.Audit;

/// <summary>One event of an enterprise's audit trail: when, what, who, and its place in the hash chain.</summary>
public sealed record AuditEntry(
    long SeqId, string StreamId, long Version, string Type, DateTimeOffset OccurredAt, DateTimeOffset RecordedAt, string? UserName,
    string? CorrelationId, string Hash, string PrevHash);

public sealed record AuditTrailPage(Guid EnterpriseId, IReadOnlyList<string> Streams, long Total, IReadOnlyList<AuditEntry> Events);

public sealed record AuditVerification(Guid EnterpriseId, bool Intact, long Streams, long Events, ChainBreak? FirstBreak);

/// <summary>
/// GET /api/v1/enterprises/{id}/audit and POST …/audit/verify (drc) — every event of every stream
/// that belongs to an enterprise (its register entry, plans, monthly data, reports, engagements,
/// accounts…), newest first, and a check of those streams' hash chains.
/// </summary>
public static class AuditTrail
{
    /// <summary>An enterprise's streams are named after its id (enterprise-{id}, report-{id}-{year}, …).</summary>
    public static async Task<IReadOnlyList<string>> StreamsOfAsync(EventLog log, Guid enterpriseId, CancellationToken ct)
    {
        await using var command = log.DataSource.CreateCommand("select id from eventstore.streams where id like $1 order by id");
        command.Parameters.Add(new() { Value = $"%{enterpriseId}%" });
        var streams = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) streams.Add(reader.GetString(0));
        return streams;
    }

    public static async Task<AuditTrailPage> PageAsync(EventLog log, Guid enterpriseId, int page, int pageSize, CancellationToken ct)
    {
        var streams = await StreamsOfAsync(log, enterpriseId, ct);
        await using var command = log.DataSource.CreateCommand("""
            select seq_id, stream_id, version, type, occurred_at, recorded_at, user_name, correlation_id, hash, prev_hash, count(*) over ()
            from eventstore.events where stream_id = any($1)
            order by seq_id desc offset $2 limit $3
            """);
        command.Parameters.Add(new() { Value = streams.ToArray() });
        command.Parameters.Add(new() { Value = (Math.Max(1, page) - 1) * pageSize });
        command.Parameters.Add(new() { Value = pageSize });
        var events = new List<AuditEntry>();
        long total = 0;
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            events.Add(new AuditEntry(reader.GetInt64(0), reader.GetString(1), reader.GetInt64(2), reader.GetString(3),
                reader.GetFieldValue<DateTimeOffset>(4), reader.GetFieldValue<DateTimeOffset>(5), reader.IsDBNull(6) ? null : reader.GetString(6),
                reader.IsDBNull(7) ? null : reader.GetString(7), Convert.ToHexStringLower(reader.GetFieldValue<byte[]>(8)),
                Convert.ToHexStringLower(reader.GetFieldValue<byte[]>(9))));
            total = reader.GetInt64(10);
        }
        return new AuditTrailPage(enterpriseId, streams, total, events);
    }

    public static async Task<AuditVerification> VerifyAsync(EventLog log, Guid enterpriseId, CancellationToken ct)
    {
        var streams = await StreamsOfAsync(log, enterpriseId, ct);
        var result = await HashChainVerifier.VerifyAsync(log.DataSource, ct, streams);
        return new AuditVerification(enterpriseId, result.Intact, result.Streams, result.Events, result.FirstBreak);
    }

    public static async Task<IResult> Get(Guid id, HttpContext http, EventLog log, int page = 1, int pageSize = 100)
    {
        if (await log.Documents.LoadAsync<Enterprise>(Enterprise.StreamId(id), http.RequestAborted) is null) return Problems.NotFound(http);
        return TypedResults.Ok(await PageAsync(log, id, page, Math.Clamp(pageSize, 1, 1000), http.RequestAborted));
    }

    public static async Task<IResult> Verify(Guid id, HttpContext http, EventLog log)
    {
        if (await log.Documents.LoadAsync<Enterprise>(Enterprise.StreamId(id), http.RequestAborted) is null) return Problems.NotFound(http);
        return TypedResults.Ok(await VerifyAsync(log, id, http.RequestAborted));
    }

    public static IEndpointRouteBuilder MapAuditEndpoints(this IEndpointRouteBuilder app)
    {
        var audit = app.MapGroup("/api/v1/enterprises/{id:guid}/audit").WithTags("Audit").RequireAuthorization(Policies.Drc);
        audit.MapGet("/", Get).WithSummary("The enterprise's audit trail: every event of its streams, newest first, with user and hash");
        audit.MapPost("/verify", Verify).WithSummary("Check the hash chains of the enterprise's streams");
        return app;
    }
}
