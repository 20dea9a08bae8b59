using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Mrv.EventStore;
using Mrv.EventStore.Http;

namespace Mrv.Registry.Security;

/// <summary>
/// Hardening around every request: security headers, a per-user limit on writes (429 with
/// Retry-After), a size limit on JSON bodies, and the access audit of authentication decisions
/// and refused requests.
/// </summary>
public static class SecurityModule
{
    /// <summary>JSON commands are small; files (evidence, CSV imports) have limits of their own.</summary>
    public const long MaxJsonBodyBytes = 1024 * 1024;

    static readonly LocalizedText TooManyWrites = new(
        "写入操作过于频繁，请稍后再试。", "Too many changes in a short time; try again shortly.");
    static readonly LocalizedText JsonTooLarge = new(
        "请求体超过 1 MB；JSON 命令不应如此之大。", "The request body is over 1 MB; a JSON command is never that large.");

    public static IServiceCollection AddMrvSecurity(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<AccessAudit>();
        // Generous for people and scripts alike; a runaway client is stopped, the others are not.
        var perMinute = configuration.GetValue("Mrv:RateLimits:WritesPerMinute", 600);
        services.AddRateLimiter(options =>
        {
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http =>
                HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method) || HttpMethods.IsOptions(http.Request.Method)
                    ? RateLimitPartition.GetNoLimiter("reads")
                    : RateLimitPartition.GetTokenBucketLimiter(Caller.From(http.User)?.Username ?? "anonymous:" + http.Connection.RemoteIpAddress,
                        _ => new TokenBucketRateLimiterOptions
                        {
                            TokenLimit = perMinute,
                            TokensPerPeriod = perMinute,
                            ReplenishmentPeriod = TimeSpan.FromMinutes(1),
                            QueueLimit = 0,
                            AutoReplenishment = true,
                        }));
            options.OnRejected = async (context, ct) =>
            {
                var http = context.HttpContext;
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(60);
                await http.RequestServices.GetRequiredService<AccessAudit>().RecordAsync(http, AccessKinds.RateLimited, Caller.From(http.User)?.Username, 429);
                await Problems.TooManyRequests(retryAfter, TooManyWrites, http).ExecuteAsync(http);
            };
        });
        return services;
    }

    /// <summary>Headers that keep pages from being framed, sniffed or leaking their address, and scripts to our own.</summary>
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        http.Response.OnStarting(() =>
        {
            var headers = http.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "same-origin";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
            // Documents and pages style themselves inline; scripts come only from this site.
            headers.ContentSecurityPolicy = "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'self'";
            return Task.CompletedTask;
        });
        await next(http);
    });

    /// <summary>Refuses JSON bodies over the limit before anything reads them.</summary>
    public static IApplicationBuilder UseJsonBodyLimit(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        if (http.Request.HasJsonContentType())
        {
            if (http.Request.ContentLength > MaxJsonBodyBytes)
            {
                await Problems.Result(413, "too-large", ProblemText.MalformedTitle, JsonTooLarge.ToString(), http).ExecuteAsync(http);
                return;
            }
            var size = http.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>();
            if (size is { IsReadOnly: false }) size.MaxRequestBodySize = MaxJsonBodyBytes;
        }
        await next(http);
    });

    /// <summary>Records every 401 and 403 the registry answers, whoever refused it.</summary>
    public static IApplicationBuilder UseAccessAudit(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        await next(http);
        var kind = http.Response.StatusCode switch
        {
            StatusCodes.Status401Unauthorized => AccessKinds.Unauthenticated,
            StatusCodes.Status403Forbidden => AccessKinds.Forbidden,
            _ => null,
        };
        // Sign-in endpoints record their own decisions, with the username that was tried.
        if (kind is not null && !http.Request.Path.StartsWithSegments("/api/v1/auth"))
        {
            await http.RequestServices.GetRequiredService<AccessAudit>().RecordAsync(http, kind, Caller.From(http.User)?.Username, http.Response.StatusCode);
        }
    });

    public static IEndpointRouteBuilder MapSecurityEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/admin/access-audit", AccessAudit.Handle).RequireAuthorization(Policies.Drc).WithTags("Admin")
            .WithSummary("Authentication decisions and refused requests: who, what, when, correlation id");
        return app;
    }
}
