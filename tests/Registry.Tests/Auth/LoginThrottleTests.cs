using System.Net;
using System.Net.Http.Json;

namespace Mrv.Registry.Tests.Auth;

public sealed class LoginThrottleTests(RegistryFixture registry) : IClassFixture<RegistryFixture>
{
    [Fact]
    public async Task ten_failed_logins_in_a_minute_lock_the_account_until_the_minute_passes()
    {
        var client = registry.Anonymous("en");
        for (var i = 0; i < 10; i++)
        {
            registry.Clock.Advance(TimeSpan.FromSeconds(2));
            var failed = await client.PostAsJsonAsync("/api/v1/auth/token", new { username = "verifier-demo", password = $"guess-{i}" });
            failed.StatusCode.ShouldBe(HttpStatusCode.Unauthorized, $"attempt {i + 1}");
        }

        // Even the right password is refused while the account is throttled.
        var throttled = await client.PostAsJsonAsync("/api/v1/auth/token", new { username = "verifier-demo", password = "mrv-demo" });
        var problem = await throttled.ShouldBeProblemAsync(HttpStatusCode.TooManyRequests);
        var retryAfter = int.Parse(throttled.Headers.GetValues("Retry-After").Single());
        retryAfter.ShouldBeInRange(1, 60);
        problem.GetProperty("detail").GetString()!.ShouldContain("Too many failed sign-ins");

        // Other accounts are not affected.
        (await client.PostAsJsonAsync("/api/v1/auth/token", new { username = "drc", password = "mrv-demo" })).StatusCode.ShouldBe(HttpStatusCode.OK);

        registry.Clock.Advance(TimeSpan.FromSeconds(retryAfter + 1));
        (await client.PostAsJsonAsync("/api/v1/auth/token", new { username = "verifier-demo", password = "mrv-demo" })).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task nine_failures_do_not_lock_the_account()
    {
        var client = registry.Anonymous();
        for (var i = 0; i < 9; i++)
        {
            (await client.PostAsJsonAsync("/api/v1/auth/token", new { username = "league-baotou", password = "nope-nope" })).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        }

        (await client.PostAsJsonAsync("/api/v1/auth/token", new { username = "league-baotou", password = "mrv-demo" })).StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}
