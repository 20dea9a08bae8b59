using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Mrv.EventStore.Http;

/// <summary>Turns what a handler throws into the right problem answer: never a 500 for a business rule.</summary>
public static class ProblemMiddleware
{
    public static IApplicationBuilder UseMrvProblems(this IApplicationBuilder app)
    {
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            ExceptionHandler = async http =>
            {
                var exception = http.Features.Get<IExceptionHandlerFeature>()?.Error;
                var result = ToResult(exception, http);
                var logger = http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Mrv.Errors");
                if (result is null)
                {
                    logger.LogError(exception, "Unhandled error on {Method} {Path}", http.Request.Method, http.Request.Path);
                    result = Problems.Result(500, "internal", ProblemText.ErrorTitle, ProblemText.ErrorDetail.ToString(), http);
                }
                else if (DatabaseUnavailable(exception))
                {
                    logger.LogWarning("Database unavailable on {Method} {Path}: {Reason}", http.Request.Method, http.Request.Path, exception?.Message);
                }
                await result.ExecuteAsync(http);
            },
            // The handler logs what deserves it: an error with its stack trace once, a database outage
            // as one line per request (the middleware's own stack trace for each would flood the log
            // while PostgreSQL restarts), and business answers (409, 412, …) not at all.
            SuppressDiagnosticsCallback = _ => true,
        });

        // Bodies for answers that the framework gives without one (401 from a challenge, 403, 404 of an unknown route).
        app.UseStatusCodePages(async context =>
        {
            var http = context.HttpContext;
            if (http.Response.HasStarted || http.Response.ContentLength > 0 || !string.IsNullOrEmpty(http.Response.ContentType)) return;
            var result = http.Response.StatusCode switch
            {
                401 => Problems.Unauthorized(http),
                403 => Problems.Forbidden(http),
                404 => Problems.NotFound(http),
                _ => null,
            };
            if (result is not null) await result.ExecuteAsync(http);
        });
        return app;
    }

    static IResult? ToResult(Exception? exception, HttpContext http) => exception switch
    {
        DomainRuleViolation violation => Problems.Rule(violation, http),
        ConcurrencyException conflict => Problems.VersionConflict(conflict, http),
        IdempotencyKeyReusedException => Problems.Result(422, "idempotency-key-reused", ProblemText.IdempotencyTitle, ProblemText.IdempotencyDetail.ToString(), http),
        BadHttpRequestException bad => Malformed(bad, http),
        _ when DatabaseUnavailable(exception) => Unavailable(http),
        _ => null,
    };

    /// <summary>
    /// PostgreSQL cannot serve right now and a retry soon may succeed: connection refused or broken, pool
    /// timed out, server starting up, shutting down or restarted under the session (Npgsql counts
    /// SQLSTATE 57P01–57P03 and class 08 as transient).
    /// </summary>
    static bool DatabaseUnavailable(Exception? exception) => exception is NpgsqlException { IsTransient: true } or TimeoutException;

    static IResult Unavailable(HttpContext http)
    {
        http.Response.Headers.RetryAfter = "5";
        return Problems.Result(503, "unavailable", ProblemText.UnavailableTitle, ProblemText.UnavailableDetail.ToString(), http);
    }

    /// <summary>A body that is not JSON, or a value of the wrong type: name the field from the JSON path.</summary>
    static IResult Malformed(BadHttpRequestException bad, HttpContext http)
    {
        if (bad.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return Problems.Result(413, "too-large", ProblemText.MalformedTitle,
                new LocalizedText("请求体过大。", "The request body is too large.").ToString(), http);
        }
        var json = bad.InnerException as JsonException;
        var field = json?.Path is { Length: > 1 } path ? JsonPathToField(path) : "body";
        var message = json is null
            ? new LocalizedText("请求无法解析：" + bad.Message, "The request could not be read: " + bad.Message)
            : new LocalizedText($"字段“{field}”的值格式或类型不正确。", $"The value of '{field}' has the wrong format or type.");
        return Problems.Validation(field, json is null ? "malformed" : "type", message, http);
    }

    static string JsonPathToField(string path) => path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');
}
