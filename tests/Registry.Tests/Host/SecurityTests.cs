using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Mrv.Registry.Tests.Host;

public sealed class SecurityTests(RegistryFixture registry) : IClassFixture<RegistryFixture>
{
    [Fact]
    public async Task pages_and_answers_carry_the_security_headers()
    {
        foreach (var path in new[] { "/", "/api/v1/leagues" })
        {
            var response = await registry.Anonymous().GetAsync(path);
            response.Headers.GetValues("X-Content-Type-Options").Single().ShouldBe("nosniff");
            response.Headers.GetValues("X-Frame-Options").Single().ShouldBe("DENY");
            response.Headers.GetValues("Content-Security-Policy").Single().ShouldContain("script-src 'self'");
            response.Headers.GetValues("Referrer-Policy").Single().ShouldBe("same-origin");
        }
    }

    [Fact]
    public async Task a_portal_form_without_its_antiforgery_token_is_refused()
    {
        var response = await registry.Anonymous().PostAsync("/login", new FormUrlEncodedContent([new("username", "drc"), new("password", "mrv-demo")]));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Headers.Contains("Set-Cookie").ShouldBeFalse();
    }

    [Fact]
    public async Task a_json_body_over_one_megabyte_is_413_and_appends_nothing()
    {
        var drc = await registry.ClientAsync("drc");
        var before = await registry.CountAsync("select count(*) from eventstore.events");
        var huge = "{\"username\":\"" + new string('a', 1_100_000) + "\",\"password\":\"password-123\",\"role\":\"drc\"}";

        var response = await drc.PostAsync("/api/v1/users", new StringContent(huge, Encoding.UTF8, "application/json"));

        await response.ShouldBeProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        (await registry.CountAsync("select count(*) from eventstore.events")).ShouldBe(before);
    }

    [Fact]
    public async Task sign_in_decisions_and_refused_requests_are_in_the_access_audit_for_the_drc()
    {
        var anonymous = registry.Anonymous();
        await anonymous.PostAsJsonAsync("/api/v1/auth/token", new { username = "league-baotou", password = "wrong-password" });
        var league = await registry.ClientAsync("league-baotou");
        var refused = new HttpRequestMessage(HttpMethod.Get, "/api/v1/admin/projections") { Headers = { { "X-Correlation-Id", "audit-test-42" } } };
        (await league.SendAsync(refused)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        await anonymous.GetAsync("/api/v1/me");

        var drc = await registry.ClientAsync("drc");
        var failed = await (await drc.GetAsync("/api/v1/admin/access-audit?username=league-baotou&kind=sign_in_failed")).JsonAsync();
        failed.GetProperty("items").EnumerateArray().ShouldContain(i => i.GetProperty("path").GetString() == "/api/v1/auth/token" && i.GetProperty("status").GetInt32() == 401);
        var signedIn = await (await drc.GetAsync("/api/v1/admin/access-audit?username=league-baotou&kind=sign_in")).JsonAsync();
        signedIn.GetProperty("total").GetInt64().ShouldBeGreaterThan(0);
        var forbidden = await (await drc.GetAsync("/api/v1/admin/access-audit?kind=forbidden")).JsonAsync();
        forbidden.GetProperty("items").EnumerateArray().ShouldContain(i =>
            i.GetProperty("username").GetString() == "league-baotou" && i.GetProperty("correlationId").GetString() == "audit-test-42"
            && i.GetProperty("path").GetString() == "/api/v1/admin/projections");
        var unauthenticated = await (await drc.GetAsync("/api/v1/admin/access-audit?kind=unauthenticated")).JsonAsync();
        unauthenticated.GetProperty("items").EnumerateArray().ShouldContain(i => i.GetProperty("path").GetString() == "/api/v1/me");

        await (await league.GetAsync("/api/v1/admin/access-audit")).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
    }
}

/// <summary>A registry whose users may each make five writes a minute.</summary>
public sealed class RateLimitedRegistryFixture : RegistryFixture
{
    protected override void Configure(IWebHostBuilder host) => host.UseSetting("Mrv:RateLimits:WritesPerMinute", "5");
}

public sealed class WriteRateLimitTests(RateLimitedRegistryFixture registry) : IClassFixture<RateLimitedRegistryFixture>
{
    [Fact]
    public async Task a_user_over_the_write_limit_gets_429_with_retry_after_while_others_and_reads_go_on()
    {
        var drc = await registry.ClientAsync("drc", "en");
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++)
        {
            var response = await drc.PostAsJsonAsync("/api/v1/users", new { username = $"limited-{i}", password = "password-123", role = "drc" });
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                var problem = await response.ShouldBeProblemAsync(HttpStatusCode.TooManyRequests);
                problem.GetProperty("detail").GetString()!.ShouldContain("Too many changes");
                int.Parse(response.Headers.GetValues("Retry-After").Single()).ShouldBeGreaterThan(0);
            }
        }

        statuses.Count(s => s == HttpStatusCode.Created).ShouldBe(5);
        statuses.Last().ShouldBe(HttpStatusCode.TooManyRequests);
        (await registry.CountAsync("select count(*) from eventstore.streams where id = 'user-limited-5'")).ShouldBe(0);
        (await drc.GetAsync("/api/v1/me")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var other = await registry.ClientAsync("league-baotou");
        (await other.PostAsJsonAsync("/api/v1/auth/logout", new { })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
    }
}
