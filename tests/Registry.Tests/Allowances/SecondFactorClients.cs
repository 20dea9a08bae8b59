using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Mrv.Registry.Auth;
using Mrv.Registry.Demo;

namespace Mrv.Registry.Tests.Allowances;

/// <summary>
/// Clients that sign in with a second factor, as a person with an authenticator app would: the
/// secret is enrolled once per user and database, and each code is computed from it with the
/// registry's own algorithm at the test clock's time. Every sign-in first moves the clock to the next
/// 30-second step, because the registry accepts each step's code only once.
/// </summary>
public static class SecondFactorClients
{
    static readonly ConcurrentDictionary<(string Database, string Username), byte[]> Secrets = new();

    public static async Task<HttpClient> ClientAsync(this RegistryFixture registry, string username, string password, string? language, bool secondFactor)
    {
        if (!secondFactor) return await registry.ClientAsync(username, language, password);
        var secret = await SecretAsync(registry, username, password);
        registry.Clock.Advance(TimeSpan.FromSeconds(Totp.StepSeconds));
        var response = await registry.Anonymous().PostAsJsonAsync("/api/v1/auth/token",
            new { username, password, totp = Totp.CodeAt(secret, registry.Clock.GetUtcNow()) });
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var client = registry.Anonymous(language);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer",
            (await response.JsonAsync()).GetProperty("access_token").GetString());
        return client;
    }

    /// <summary>A DRC or enterprise client whose session carries the second factor (password mrv-demo unless told).</summary>
    public static Task<HttpClient> MoverAsync(this RegistryFixture registry, string username, string password = DemoData.Password, string? language = "en") =>
        registry.ClientAsync(username, password, language, secondFactor: true);

    public static async Task<byte[]> SecretAsync(RegistryFixture registry, string username, string password = DemoData.Password)
    {
        if (Secrets.TryGetValue((registry.Database.Name, username), out var known)) return known;
        var client = await registry.ClientAsync(username, "en", password);
        var enrolled = await client.PostAsync("/api/v1/auth/totp", null);
        enrolled.StatusCode.ShouldBe(HttpStatusCode.OK, await enrolled.Content.ReadAsStringAsync());
        var secret = Totp.FromBase32((await enrolled.JsonAsync()).GetProperty("secret").GetString()!);
        var confirmed = await client.PostAsJsonAsync("/api/v1/auth/totp/confirm", new { code = Totp.CodeAt(secret, registry.Clock.GetUtcNow()) });
        confirmed.StatusCode.ShouldBe(HttpStatusCode.OK, await confirmed.Content.ReadAsStringAsync());
        Secrets[(registry.Database.Name, username)] = secret;
        return secret;
    }
}
