using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;

namespace Mrv.Registry.Tests.Auth;

public sealed class TokenTests(RegistryFixture registry) : IClassFixture<RegistryFixture>
{
    [Fact]
    public async Task the_demo_drc_gets_a_token_that_me_accepts()
    {
        var response = await registry.Anonymous().PostAsJsonAsync("/api/v1/auth/token", new { username = "drc", password = "mrv-demo" });

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var token = await response.JsonAsync();
        token.GetProperty("token_type").GetString().ShouldBe("Bearer");
        token.GetProperty("expires_in").GetInt64().ShouldBe(3600);

        var client = registry.Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.GetProperty("access_token").GetString());
        var me = await (await client.GetAsync("/api/v1/me")).JsonAsync();
        me.GetProperty("username").GetString().ShouldBe("drc");
        me.GetProperty("role").GetString().ShouldBe("drc");
        me.GetProperty("scope").GetProperty("kind").GetString().ShouldBe("region");
    }

    [Fact]
    public async Task each_role_sees_its_own_scope()
    {
        var league = await (await (await registry.ClientAsync("league-baotou")).GetAsync("/api/v1/me")).JsonAsync();
        league.GetProperty("scope").GetProperty("code").GetString().ShouldBe("150200");

        var enterprise = await (await (await registry.ClientAsync("enterprise-demo")).GetAsync("/api/v1/me")).JsonAsync();
        enterprise.GetProperty("scope").GetProperty("id").GetGuid().ShouldBe(Demo.DemoData.DemoEnterpriseId);

        var verifier = await (await (await registry.ClientAsync("verifier-demo")).GetAsync("/api/v1/me")).JsonAsync();
        verifier.GetProperty("scope").GetProperty("kind").GetString().ShouldBe("agency");
        verifier.GetProperty("scope").GetProperty("id").GetGuid().ShouldBe(Demo.DemoData.DemoAgencyId);
    }

    [Fact]
    public async Task a_wrong_password_is_401_with_a_problem_body()
    {
        var response = await registry.Anonymous().PostAsJsonAsync("/api/v1/auth/token", new { username = "league-baotou", password = "not-the-password" });

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        problem.GetProperty("detail").GetString().ShouldBe("用户名或密码不正确。");
    }

    [Fact]
    public async Task an_unknown_user_is_401_like_a_wrong_password()
    {
        var response = await registry.Anonymous("en").PostAsJsonAsync("/api/v1/auth/token", new { username = "nobody-here", password = "whatever1" });

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        problem.GetProperty("detail").GetString().ShouldBe("The username or password is wrong.");
    }

    [Fact]
    public async Task a_missing_token_is_401()
    {
        await (await registry.Anonymous().GetAsync("/api/v1/me")).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task a_forged_token_is_401()
    {
        var client = registry.Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "CfDJ8-not-a-real-token");

        await (await client.GetAsync("/api/v1/me")).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task a_token_stops_working_when_it_expires()
    {
        var client = await registry.ClientAsync("verifier-demo");
        (await client.GetAsync("/api/v1/me")).StatusCode.ShouldBe(HttpStatusCode.OK);

        registry.Clock.Advance(TimeSpan.FromMinutes(61));

        await (await client.GetAsync("/api/v1/me")).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task the_wrong_role_is_403()
    {
        var league = await registry.ClientAsync("league-baotou");

        var response = await league.PostAsJsonAsync("/api/v1/users", new { username = "sneaky", password = "password123", role = "drc" });

        await response.ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        (await registry.CountAsync("select count(*) from eventstore.streams where id = 'user-sneaky'")).ShouldBe(0);
    }

    [Fact]
    public async Task the_portal_cookie_signs_in_and_out_on_the_same_users()
    {
        var client = registry.Factory.CreateClient(new() { HandleCookies = true, AllowAutoRedirect = false });

        var login = await client.PostAsJsonAsync("/api/v1/auth/login", new { username = "enterprise-demo", password = "mrv-demo" });
        login.StatusCode.ShouldBe(HttpStatusCode.OK);
        login.Headers.GetValues("Set-Cookie").ShouldContain(c => c.StartsWith("mrv_session=") && c.Contains("httponly"));
        (await (await client.GetAsync("/api/v1/me")).JsonAsync()).GetProperty("role").GetString().ShouldBe("enterprise");

        (await client.PostAsync("/api/v1/auth/logout", null)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await client.GetAsync("/api/v1/me")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }
}
