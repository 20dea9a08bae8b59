using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;

namespace Mrv.EventStore.Http;

/// <summary>One field error: which field, which rule, and what to do, in the caller's language.</summary>
public sealed record FieldViolation(string Field, string Rule, string Message);

/// <summary>RFC 9457 problem answers, in the caller's language (zh-CN unless Accept-Language asks for en).</summary>
public static partial class Problems
{
    public const string ContentType = "application/problem+json";

    public static IResult Validation(IReadOnlyList<FieldViolation> violations, HttpContext? http = null) =>
        Result(400, "validation", ProblemText.ValidationTitle, ProblemText.ValidationDetail.ToString(), http, new Dictionary<string, object?>
        {
            ["errors"] = violations.GroupBy(v => v.Field).ToDictionary(g => g.Key, g => g.Select(v => v.Message).ToArray()),
            ["violations"] = violations,
        });

    public static IResult Validation(string field, string rule, LocalizedText message, HttpContext? http = null) =>
        Validation([new FieldViolation(field, rule, message.ToString())], http);

    public static IResult Rule(DomainRuleViolation violation, HttpContext? http = null) =>
        Result(409, "rule", ProblemText.RuleTitle, violation.Text.ToString(), http, new Dictionary<string, object?> { ["code"] = violation.Code });

    public static IResult VersionConflict(ConcurrencyException conflict, HttpContext? http = null) =>
        Result(412, "version-conflict", ProblemText.VersionTitle, ProblemText.VersionDetail.ToString(), http, new Dictionary<string, object?>
        {
            ["expectedVersion"] = conflict.ExpectedVersion,
            ["currentVersion"] = conflict.ActualVersion,
        });

    public static IResult NotFound(HttpContext? http = null) =>
        Result(404, "not-found", ProblemText.NotFoundTitle, ProblemText.NotFoundDetail.ToString(), http);

    public static IResult Forbidden(HttpContext? http = null) =>
        Result(403, "forbidden", ProblemText.ForbiddenTitle, ProblemText.ForbiddenDetail.ToString(), http);

    public static IResult Unauthorized(HttpContext? http = null) =>
        Result(401, "unauthorized", ProblemText.UnauthorizedTitle, ProblemText.UnauthorizedDetail.ToString(), http);

    public static IResult TooManyRequests(TimeSpan retryAfter, LocalizedText detail, HttpContext? http = null)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        if (http is not null) http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        return Result(429, "too-many-requests", ProblemText.TooManyTitle, detail.ToString(), http,
            new Dictionary<string, object?> { ["retryAfterSeconds"] = seconds });
    }

    public static IResult Result(int status, string type, LocalizedText title, string detail, HttpContext? http,
        IDictionary<string, object?>? extensions = null)
    {
        var problem = new Dictionary<string, object?>
        {
            ["type"] = $"/problems/{type}",
            ["title"] = title.ToString(),
            ["status"] = status,
            ["detail"] = detail,
        };
        if (http is not null)
        {
            problem["instance"] = http.Request.Path.Value;
            problem["traceId"] = http.TraceIdentifier;
        }
        if (extensions is not null)
        {
            foreach (var (key, value) in extensions) problem[key] = value;
        }
        return Results.Json(problem, Serialization.EventTypes.SerializerOptions, ContentType, status);
    }

    /// <summary>FluentValidation's error code (<c>NotEmptyValidator</c>) as a rule name (<c>not_empty</c>).</summary>
    public static string RuleName(string? errorCode)
    {
        if (string.IsNullOrEmpty(errorCode)) return "invalid";
        var name = errorCode.EndsWith("Validator", StringComparison.Ordinal) ? errorCode[..^"Validator".Length] : errorCode;
        return CamelBoundary().Replace(name, "$1_$2").ToLowerInvariant();
    }

    [GeneratedRegex("([a-z0-9])([A-Z])")]
    private static partial Regex CamelBoundary();
}
