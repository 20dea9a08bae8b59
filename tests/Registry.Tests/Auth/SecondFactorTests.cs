using System.Net;
using System.Net.Http.Json;
using System.Text;
using Mrv.Registry.Auth;
using Mrv.Registry.Tests.Allowances;

namespace Mrv.Registry.Tests.Auth;

public sealed class SecondFactorTests(RegistryFixture registry) : IClassFixture<RegistryFixture>
{
    /// <summary>RFC 6238 Appendix B, SHA-1 rows: the last six digits of the eight-digit codes.</summary>
    [Theory]
    [InlineData(59L, "287082")]
    [InlineData(1111111109L, "081804")]
    [InlineData(1234567890L, "005924")]
    [InlineData(2000000000L, "279037")]
    public void codes_match_the_rfc_6238_test_vectors(long unixSeconds, string code)
    {
        var secret = Encoding.ASCII.GetBytes("12345678901234567890");

        Totp.CodeAt(secret, DateTimeOffset.FromUnixTimeSeconds(unixSeconds)).ShouldBe(code);
    }

    [Fact]
    public void a_secret_survives_base32_and_a_code_of_the_step_before_still_counts()
    {
        var secret = Totp.NewSecret();
        var now = new DateTimeOffset(2026, 3, 1, 8, 0, 10, TimeSpan.Zero);

        Totp.FromBase32(Totp.ToBase32(secret)).ShouldBe(secret);
        Totp.ToBase32(Encoding.ASCII.GetBytes("12345678901234567890")).ShouldBe("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
        Totp.MatchingStep(secret, Totp.CodeAt(secret, now.AddSeconds(-30)), now).ShouldBe(Totp.StepAt(now) - 1);
        Totp.MatchingStep(secret, Totp.CodeAt(secret, now.AddSeconds(-60)), now).ShouldBeNull();
    }

    [Fact]
    public async Task an_authenticator_is_enrolled_with_a_qr_code_and_confirmed_with_its_first_code()
    {
        var drc = await registry.ClientAsync("drc", "en");
        await drc.PostAsJsonAsync("/api/v1/users", new { username = "totp-user", password = "totp-pass-1", role = "league", leagueCode = "150200" });
        var user = await registry.ClientAsync("totp-user", "en", "totp-pass-1");

        var enrolled = await (await user.PostAsync("/api/v1/auth/totp", null)).JsonAsync();
        var secret = Totp.FromBase32(enrolled.GetProperty("secret").GetString()!);
        var wrong = await user.PostAsJsonAsync("/api/v1/auth/totp/confirm", new { code = "000000" == Totp.CodeAt(secret, registry.Clock.GetUtcNow()) ? "111111" : "000000" });
        var confirmed = await user.PostAsJsonAsync("/api/v1/auth/totp/confirm", new { code = Totp.CodeAt(secret, registry.Clock.GetUtcNow()) });
        var again = await user.PostAsync("/api/v1/auth/totp", null);

        enrolled.GetProperty("otpauthUri").GetString()!.ShouldStartWith("otpauth://totp/Mrv:totp-user?secret=");
        enrolled.GetProperty("qrCodePng").GetString()!.ShouldStartWith("data:image/png;base64,iVBORw0KGgo");
        (await wrong.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).ShouldNameField("code", "totp_mismatch");
        confirmed.StatusCode.ShouldBe(HttpStatusCode.OK, await confirmed.Content.ReadAsStringAsync());
        (await again.ShouldBeProblemAsync(HttpStatusCode.Conflict)).GetProperty("code").GetString().ShouldBe("auth.second_factor_already_enrolled");
        (await registry.CountAsync("select count(*) from eventstore.events where stream_id = 'user-totp-user' and type = 'second_factor_enrolled.v1'")).ShouldBe(1);
        (await registry.CountAsync("select count(*) from eventstore.events where data::text like '%' || (select encode(secret, 'base64') from registry.second_factors where username = 'totp-user') || '%'"))
            .ShouldBe(0, "the secret is never in the log");
    }

    [Fact]
    public async Task a_code_signs_in_once_a_wrong_code_fails_like_a_wrong_password_and_no_code_still_signs_in()
    {
        var secret = await SecondFactorClients.SecretAsync(registry, "league-baotou");
        registry.Clock.Advance(TimeSpan.FromSeconds(30));
        var code = Totp.CodeAt(secret, registry.Clock.GetUtcNow());

        var first = await registry.Anonymous().PostAsJsonAsync("/api/v1/auth/token", new { username = "league-baotou", password = "mrv-demo", totp = code });
        var replayed = await registry.Anonymous().PostAsJsonAsync("/api/v1/auth/token", new { username = "league-baotou", password = "mrv-demo", totp = code });
        var malformed = await registry.Anonymous("en").PostAsJsonAsync("/api/v1/auth/token", new { username = "league-baotou", password = "mrv-demo", totp = "12ab" });
        var withoutCode = await registry.Anonymous().PostAsJsonAsync("/api/v1/auth/token", new { username = "league-baotou", password = "mrv-demo" });

        first.StatusCode.ShouldBe(HttpStatusCode.OK);
        await replayed.ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        (await malformed.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).ShouldNameField("totp", "totp_format");
        withoutCode.StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}
