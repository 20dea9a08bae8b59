using System.Net;

namespace Mrv.Registry.Tests.Host;

public sealed class HostTests(RegistryFixture registry) : IClassFixture<RegistryFixture>
{
    [Fact]
    public async Task health_reports_the_database_as_healthy()
    {
        var response = await registry.Anonymous().GetAsync("/health");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var body = await response.JsonAsync();
        body.GetProperty("status").GetString().ShouldBe("healthy");
        body.GetProperty("checks").GetProperty("database").GetProperty("status").GetString().ShouldBe("healthy");
    }

    [Fact]
    public async Task the_openapi_document_describes_the_api()
    {
        var response = await registry.Anonymous().GetAsync("/openapi/v1.json");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var paths = (await response.JsonAsync()).GetProperty("paths");
        paths.TryGetProperty("/api/v1/auth/token", out _).ShouldBeTrue();
        paths.GetProperty("/api/v1/users").TryGetProperty("post", out _).ShouldBeTrue();
    }

    [Fact]
    public async Task a_portal_page_carries_chinese_as_characters_and_still_escapes_markup()
    {
        var response = await registry.Anonymous().GetAsync("/login");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = await response.Content.ReadAsStringAsync();
        html.ShouldContain("登录");
        html.ShouldNotContain("&#x767B;&#x5F55;");

        var escaped = await (await registry.Anonymous().GetAsync("/login?returnUrl=%22%3E%3Cscript%3E")).Content.ReadAsStringAsync();
        escaped.ShouldNotContain("\"><script>");
    }

    [Fact]
    public async Task an_unknown_route_is_a_404_problem()
    {
        var drc = await registry.ClientAsync("drc");

        await (await drc.GetAsync("/api/v1/no-such-thing")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task an_unknown_user_is_404_for_the_drc()
    {
        var drc = await registry.ClientAsync("drc");

        await (await drc.GetAsync("/api/v1/users/nobody")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }
}
