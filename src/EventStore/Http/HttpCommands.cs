using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Net.Http.Headers;
using Mrv.EventStore.Serialization;

namespace Mrv.EventStore.Http;

/// <summary>A command's HTTP answer in a form that can be stored with its idempotency key and replayed.</summary>
public sealed record CommandResponse(int Status, long Version, string? Location = null, object? Body = null)
{
    public static CommandResponse Ok(long version, object? body = null) => new(200, version, null, body);
    public static CommandResponse Created(string location, long version, object? body = null) => new(201, version, location, body);

    public IResult ToResult(HttpContext http, bool replayed)
    {
        if (Location is not null) http.Response.Headers.Location = Location;
        if (Version > 0) http.Response.Headers.ETag = HttpCommands.ETagFor(Version);
        if (replayed) http.Response.Headers["Idempotency-Replayed"] = "true";
        return Body is null ? Results.StatusCode(Status) : Results.Json(Body, EventTypes.SerializerOptions, statusCode: Status);
    }
}

/// <summary>Runs a command from an HTTP request through the one write path.</summary>
public static class HttpCommands
{
    public const string IdempotencyKeyHeader = "Idempotency-Key";
    public const string CorrelationIdHeader = "X-Correlation-Id";

    public static string ETagFor(long version) => $"\"{version.ToString(CultureInfo.InvariantCulture)}\"";

    /// <summary>
    /// Load → fold → decide → append for one stream: the expected version comes from If-Match when
    /// sent (a mismatch is 412), the Idempotency-Key header makes a retry return the first answer,
    /// and the caller, correlation id and request id are recorded with the events.
    /// </summary>
    public static async Task<IResult> ExecuteAsync<TState>(
        this HttpContext http,
        Decider<TState> decider,
        string streamId,
        object request,
        Func<TState, IReadOnlyList<object>> decide,
        Func<WriteOutcome<TState>, CommandResponse> respond,
        Func<EventTransaction, CancellationToken, Task>? beforeCommit = null)
    {
        if (!TryReadIfMatch(http, out var expectedVersion))
        {
            return Problems.Validation("If-Match", "etag_format", new LocalizedText("If-Match 应为形如 \"3\" 的版本号。", "If-Match must be a version such as \"3\"."), http);
        }

        var writer = http.RequestServices.GetRequiredService<CommandWriter>();
        var options = new WriteOptions
        {
            ExpectedVersion = expectedVersion,
            Metadata = MetadataOf(http),
            Idempotency = IdempotencyOf(http, streamId, request),
            BeforeCommit = beforeCommit,
        };
        var written = await writer.WriteAsync(decider, streamId, decide, respond, options, http.RequestAborted);
        return written.Result.ToResult(http, written.Replayed);
    }

    public static EventMetadata MetadataOf(HttpContext http) => new(
        UserName: http.User.Identity?.IsAuthenticated == true ? http.User.FindFirstValue(ClaimTypes.Name) : null,
        CorrelationId: http.Request.Headers.TryGetValue(CorrelationIdHeader, out var correlation) && !string.IsNullOrWhiteSpace(correlation)
            ? correlation.ToString()[..Math.Min(100, correlation.ToString().Length)]
            : http.TraceIdentifier,
        CausationId: http.TraceIdentifier);

    public static IdempotencyRequest? IdempotencyOf(HttpContext http, string streamId, object request)
    {
        if (!http.Request.Headers.TryGetValue(IdempotencyKeyHeader, out var header) || string.IsNullOrWhiteSpace(header)) return null;
        var user = http.User.FindFirstValue(ClaimTypes.Name) ?? "anonymous";
        // Keys are per caller, so two users cannot collide on (or read) each other's answers.
        var key = $"{user}|{http.Request.Method} {http.Request.Path}|{header}";
        var requestHash = IdempotencyKeys.HashOf(http.Request.Method, http.Request.Path.Value, streamId,
            JsonSerializer.Serialize(request, request.GetType(), EventTypes.SerializerOptions));
        return new IdempotencyRequest(key, requestHash);
    }

    static bool TryReadIfMatch(HttpContext http, out long? version)
    {
        version = null;
        var header = http.Request.Headers.IfMatch.ToString();
        if (string.IsNullOrWhiteSpace(header) || header.Trim() == "*") return true;
        if (!EntityTagHeaderValue.TryParse(header.Trim(), out var tag)) return false;
        var value = tag.Tag.ToString().Trim('"');
        if (!long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed)) return false;
        version = parsed;
        return true;
    }
}
