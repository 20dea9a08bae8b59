using System.Net;
using System.Net.Http.Json;
using static Mrv.Registry.Tests.DualControl.DualControlApi;

namespace Mrv.Registry.Tests.DualControl;

/// <summary>Who sees whose progress: the DRC every league/city, a league/city its own; another's answers 404.</summary>
public sealed class ProgressScopeTests(RegistryFixture registry) : IClassFixture<RegistryFixture>
{
    [Fact]
    public async Task the_drc_sees_every_leagues_progress_and_the_regions()
    {
        var drc = await registry.ClientAsync("drc");

        var report = await (await drc.GetAsync("/api/v1/targets/13th-fyp/progress?year=2020")).JsonAsync();

        report.GetProperty("year").GetInt32().ShouldBe(2020);
        report.GetProperty("leagues").GetArrayLength().ShouldBe(12);
        report.GetProperty("leagues").EnumerateArray().ShouldAllBe(l => l.GetProperty("indicators").GetArrayLength() == 4);
        var region = report.GetProperty("region");
        region.Text("leagueCode").ShouldBe("150000");
        region.GetProperty("indicators").GetArrayLength().ShouldBe(5);
        region.Indicator("total_energy").Decimal("target").ShouldBe(22500m);
    }

    [Fact]
    public async Task a_league_user_sees_only_its_own_progress_and_another_leagues_is_404()
    {
        var baotou = await registry.ClientAsync("league-baotou");

        var report = await (await baotou.GetAsync("/api/v1/targets/13th-fyp/progress?year=2019")).JsonAsync();
        var own = await baotou.GetAsync("/api/v1/targets/13th-fyp/progress/150200?year=2019");
        var other = await baotou.GetAsync("/api/v1/targets/13th-fyp/progress/150300?year=2019");

        report.GetProperty("leagues").EnumerateArray().Select(l => l.Text("leagueCode")).ShouldBe(["150200"]);
        own.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await own.JsonAsync()).GetProperty("leagues")[0].GetProperty("assessment").Text("level").ShouldBe("yellow");
        await other.ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await baotou.GetAsync("/api/v1/statistics/leagues/150300")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await baotou.GetAsync("/api/v1/assessments/13th-fyp/2019/150300")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await RecordAsync(baotou, "150300", 2021, Figures(energy: 1))).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        var assessments = await (await baotou.GetAsync("/api/v1/assessments/13th-fyp/2019")).JsonAsync();
        assessments.GetProperty("items").EnumerateArray().Select(a => a.Text("leagueCode")).ShouldBe(["150200"]);
    }

    [Fact]
    public async Task enterprises_and_verifiers_see_no_progress_and_anonymous_callers_must_sign_in()
    {
        foreach (var user in new[] { "enterprise-demo", "verifier-demo" })
        {
            var client = await registry.ClientAsync(user);
            await (await client.GetAsync("/api/v1/targets/13th-fyp/progress")).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        }
        await (await registry.Anonymous().GetAsync("/api/v1/targets/13th-fyp/progress")).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task without_a_year_progress_is_for_the_latest_year_with_statistics_and_a_year_outside_the_period_is_400()
    {
        var drc = await registry.ClientAsync("drc");

        var latest = await (await drc.GetAsync("/api/v1/targets/13th-fyp/progress")).JsonAsync();
        var outside = await drc.GetAsync("/api/v1/targets/13th-fyp/progress?year=2015");

        latest.GetProperty("year").GetInt32().ShouldBe(2020);
        (await outside.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).ShouldNameField("year", "year_outside_period");
        await (await drc.GetAsync("/api/v1/targets/no-such-period/progress")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task a_league_user_cannot_run_assessments()
    {
        var baotou = await registry.ClientAsync("league-baotou");

        var response = await baotou.PostAsJsonAsync("/api/v1/assessments/13th-fyp/2020/150200", new { });

        await response.ShouldBeProblemAsync(HttpStatusCode.Forbidden);
    }
}
