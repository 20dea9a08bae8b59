using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Mrv.Testing;

namespace Mrv.Registry.Tests.Admin;

public sealed class ProjectionAdminTests(RegistryFixture registry) : IClassFixture<RegistryFixture>
{
    static JsonElement Projection(JsonElement list, string name) =>
        list.EnumerateArray().Single(p => p.GetProperty("name").GetString() == name);

    [Fact]
    public async Task the_drc_sees_each_projection_caught_up_and_running()
    {
        var drc = await registry.ClientAsync("drc");
        await drc.PostAsJsonAsync("/api/v1/users", new { username = "drc-second", password = "password-123", role = "drc" });
        await registry.WaitForProjectionsAsync();

        var list = await (await drc.GetAsync("/api/v1/admin/projections")).JsonAsync();

        var activity = Projection(list, "daily_activity");
        activity.GetProperty("state").GetString().ShouldBe("running");
        activity.GetProperty("lagEvents").GetInt64().ShouldBe(0);
        activity.GetProperty("lastSeqId").GetInt64().ShouldBe(await registry.CountAsync("select max(seq_id) from eventstore.events"));
        activity.GetProperty("openDeadLetters").GetInt64().ShouldBe(0);
    }

    [Fact]
    public async Task daily_activity_counts_what_was_recorded_by_type()
    {
        var drc = await registry.ClientAsync("drc");
        await registry.WaitForProjectionsAsync();
        var before = await (await drc.GetAsync("/api/v1/admin/activity")).JsonAsync();
        long Count(JsonElement days, string type) => days.EnumerateArray()
            .Sum(d => d.GetProperty("byType").TryGetProperty(type, out var n) ? n.GetInt64() : 0);

        await drc.PostAsJsonAsync("/api/v1/users", new { username = "league-wuhai", password = "password-123", role = "league", leagueCode = "150300" });
        await registry.WaitForProjectionsAsync();
        var after = await (await drc.GetAsync("/api/v1/admin/activity")).JsonAsync();

        (Count(after, "user_created.v1") - Count(before, "user_created.v1")).ShouldBe(1);
        after.EnumerateArray().Sum(d => d.GetProperty("events").GetInt64())
            .ShouldBe(await registry.CountAsync("select count(*) from eventstore.events"));
    }

    [Fact]
    public async Task a_rebuild_through_the_api_gives_the_same_documents()
    {
        var drc = await registry.ClientAsync("drc");
        await registry.WaitForProjectionsAsync();
        const string snapshot = "select string_agg(id || data::text || version, ',' order by id) from readmodels.daily_activity";
        var before = await registry.Database.ScalarAsAdminAsync<string>(snapshot);

        var started = await drc.PostAsync("/api/v1/admin/projections/daily_activity/rebuild", null);

        started.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var status = await Eventually.WaitAsync(
            async () => Projection(await (await drc.GetAsync("/api/v1/admin/projections")).JsonAsync(), "daily_activity"),
            p => p.GetProperty("state").GetString() == "running" && p.GetProperty("rebuiltAt").ValueKind != JsonValueKind.Null,
            TimeSpan.FromSeconds(30));
        status.GetProperty("rebuiltAt").ValueKind.ShouldNotBe(JsonValueKind.Null);
        (await registry.Database.ScalarAsAdminAsync<string>(snapshot)).ShouldBe(before);
    }

    [Fact]
    public async Task an_unknown_projection_is_404_and_other_roles_may_not_operate_projections()
    {
        var drc = await registry.ClientAsync("drc");
        await (await drc.PostAsync("/api/v1/admin/projections/no_such_thing/rebuild", null)).ShouldBeProblemAsync(HttpStatusCode.NotFound);

        var league = await registry.ClientAsync("league-baotou");
        await (await league.GetAsync("/api/v1/admin/projections")).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await league.PostAsync("/api/v1/admin/projections/daily_activity/rebuild", null)).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
    }
}
