using System.Net;
using System.Net.Http.Json;
using System.Text;

namespace Mrv.Registry.Tests.Auth;

public sealed class UserTests(RegistryFixture registry) : IClassFixture<RegistryFixture>
{
    [Fact]
    public async Task the_drc_creates_a_league_user_who_can_then_sign_in_with_that_scope()
    {
        var drc = await registry.ClientAsync("drc");

        var created = await drc.PostAsJsonAsync("/api/v1/users", new { username = "league-ordos", password = "ordos-pass-1", role = "league", leagueCode = "150600" });

        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        created.Headers.Location!.ToString().ShouldBe("/api/v1/users/league-ordos");
        created.Headers.ETag!.Tag.ShouldBe("\"2\"");
        var me = await (await (await registry.ClientAsync("league-ordos", password: "ordos-pass-1")).GetAsync("/api/v1/me")).JsonAsync();
        me.GetProperty("role").GetString().ShouldBe("league");
        me.GetProperty("scope").GetProperty("code").GetString().ShouldBe("150600");

        var fetched = await drc.GetAsync("/api/v1/users/league-ordos");
        (await fetched.JsonAsync()).GetProperty("createdBy").GetString().ShouldBe("drc");
    }

    [Fact]
    public async Task a_role_without_its_scope_field_is_400_naming_the_field_in_chinese_by_default()
    {
        var drc = await registry.ClientAsync("drc");

        var response = await drc.PostAsJsonAsync("/api/v1/users", new { username = "ent-user-1", password = "password-123", role = "enterprise" });

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        problem.ShouldNameField("enterpriseId", "required_for_role").ShouldBe("企业用户须指定企业（enterpriseId）。");
        (await registry.CountAsync("select count(*) from eventstore.streams where id = 'user-ent-user-1'")).ShouldBe(0);
    }

    [Fact]
    public async Task validation_messages_follow_accept_language()
    {
        var drc = await registry.ClientAsync("drc", language: "en-US,en;q=0.9");

        var response = await drc.PostAsJsonAsync("/api/v1/users", new { username = "ok-name", password = "password-123", role = "league", leagueCode = "110000" });

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        problem.GetProperty("title").GetString().ShouldBe("The request is not valid");
        problem.ShouldNameField("leagueCode", "league_unknown").ShouldBe("'110000' is not a league/city code of Inner Mongolia (GB/T 2260).");
    }

    [Fact]
    public async Task a_field_of_the_wrong_type_is_400_naming_that_field()
    {
        var drc = await registry.ClientAsync("drc", "en");

        var response = await drc.PostAsync("/api/v1/users", new StringContent(
            """{"username":"typed","password":"password-123","role":"enterprise","enterpriseId":12345}""", Encoding.UTF8, "application/json"));

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        problem.ShouldNameField("enterpriseId", "type");
    }

    [Fact]
    public async Task a_body_that_is_not_json_is_400()
    {
        var drc = await registry.ClientAsync("drc");

        var response = await drc.PostAsync("/api/v1/users", new StringContent("{not json", Encoding.UTF8, "application/json"));

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task a_taken_username_is_409_with_a_stable_code_and_appends_nothing()
    {
        var drc = await registry.ClientAsync("drc", "en");
        var eventsBefore = await registry.CountAsync("select count(*) from eventstore.events");

        var response = await drc.PostAsJsonAsync("/api/v1/users", new { username = "league-baotou", password = "password-123", role = "drc" });

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.Conflict);
        problem.GetProperty("code").GetString().ShouldBe("user.already_exists");
        (await registry.CountAsync("select count(*) from eventstore.events")).ShouldBe(eventsBefore);
    }

    [Fact]
    public async Task a_repeated_idempotency_key_creates_once_and_answers_the_same()
    {
        var drc = await registry.ClientAsync("drc");
        HttpRequestMessage Request() => new(HttpMethod.Post, "/api/v1/users")
        {
            Content = JsonContent.Create(new { username = "verifier-two", password = "password-123", role = "verifier", agencyId = new Guid("7f1d7c1e-5b67-4a57-9d0d-5c7d1f0a0b11") }),
            Headers = { { "Idempotency-Key", "create-verifier-two" } },
        };

        var first = await drc.SendAsync(Request());
        var second = await drc.SendAsync(Request());

        first.StatusCode.ShouldBe(HttpStatusCode.Created);
        second.StatusCode.ShouldBe(HttpStatusCode.Created);
        (await second.Content.ReadAsStringAsync()).ShouldBe(await first.Content.ReadAsStringAsync());
        second.Headers.Location.ShouldBe(first.Headers.Location);
        second.Headers.GetValues("Idempotency-Replayed").Single().ShouldBe("true");
        (await registry.CountAsync("select count(*) from eventstore.events where stream_id = 'user-verifier-two'")).ShouldBe(2);
    }

    [Fact]
    public async Task an_idempotency_key_sent_concurrently_creates_once()
    {
        var drc = await registry.ClientAsync("drc");
        var agency = Guid.NewGuid();
        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => drc.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/api/v1/users")
        {
            Content = JsonContent.Create(new { username = "verifier-race", password = "password-123", role = "verifier", agencyId = agency }),
            Headers = { { "Idempotency-Key", "race-key" } },
        })));

        responses.ShouldAllBe(r => r.StatusCode == HttpStatusCode.Created);
        (await Task.WhenAll(responses.Select(r => r.Content.ReadAsStringAsync()))).Distinct().Count().ShouldBe(1);
        (await registry.CountAsync("select count(*) from eventstore.events where stream_id = 'user-verifier-race'")).ShouldBe(2);
    }

    [Fact]
    public async Task an_idempotency_key_reused_for_another_request_is_refused()
    {
        var drc = await registry.ClientAsync("drc");
        HttpRequestMessage Request(string username) => new(HttpMethod.Post, "/api/v1/users")
        {
            Content = JsonContent.Create(new { username, password = "password-123", role = "drc" }),
            Headers = { { "Idempotency-Key", "one-key" } },
        };

        (await drc.SendAsync(Request("drc-one"))).StatusCode.ShouldBe(HttpStatusCode.Created);
        await (await drc.SendAsync(Request("drc-two"))).ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity);
        (await registry.CountAsync("select count(*) from eventstore.streams where id = 'user-drc-two'")).ShouldBe(0);
    }

    [Fact]
    public async Task a_stale_if_match_is_412()
    {
        var drc = await registry.ClientAsync("drc");
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/users")
        {
            Content = JsonContent.Create(new { username = "drc-stale", password = "password-123", role = "drc" }),
        };
        request.Headers.IfMatch.ParseAdd("\"5\"");

        var problem = await (await drc.SendAsync(request)).ShouldBeProblemAsync(HttpStatusCode.PreconditionFailed);

        problem.GetProperty("currentVersion").GetInt64().ShouldBe(0);
        (await registry.CountAsync("select count(*) from eventstore.streams where id = 'user-drc-stale'")).ShouldBe(0);
    }
}
