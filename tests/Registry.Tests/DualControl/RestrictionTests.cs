using System.Net;
using System.Net.Http.Json;
using static Mrv.Registry.Tests.DualControl.DualControlApi;

namespace Mrv.Registry.Tests.DualControl;

/// <summary>Approval restrictions (区域限批): proposed by a red annual assessment, imposed and lifted by the DRC, listed publicly while in force.</summary>
public sealed class RestrictionTests(RegistryFixture registry) : IClassFixture<RegistryFixture>
{
    const string Period = "restriction-test";

    static readonly object Definition = Period(Period, 2040, 2045,
        [("150100", Targets(energyIntensity: 14)), ("152200", Targets(energyIntensity: 12))]);

    [Fact]
    public async Task a_red_assessment_proposes_a_restriction_that_the_drc_imposes_and_lifts_with_reasons()
    {
        var drc = await registry.ClientAsync("drc");
        await SetUpAsync(drc, Definition, "150100",
            (2040, Figures(gdp: 1_000_000, energy: 1_000_000)), (2042, Figures(gdp: 1_000_000, energy: 1_000_000)));

        var assessed = await AssessAsync(drc, Period, 2042, "150100");
        var proposed = await (await drc.GetAsync("/api/v1/restrictions/150100")).JsonAsync();
        var imposed = await drc.PostAsJsonAsync("/api/v1/restrictions/150100/impose", new { reason = "2042 年度评价为红色，暂停新上高耗能项目审批" });
        var whileInForce = await PublicLeaguesAsync();
        var lifted = await drc.PostAsJsonAsync("/api/v1/restrictions/150100/lift", new { reason = "整改到位" });
        var afterLift = await PublicLeaguesAsync();

        // No reduction at all against a 5.8545 % path: behind by 100 % of the path.
        assessed.GetProperty("assessment").Text("level").ShouldBe("red");
        assessed.GetProperty("restrictionProposed").GetBoolean().ShouldBeTrue();
        proposed.Text("status").ShouldBe("proposed");
        proposed.GetProperty("basis").Text("periodCode").ShouldBe(Period);
        proposed.GetProperty("basis").GetProperty("year").GetInt32().ShouldBe(2042);
        imposed.StatusCode.ShouldBe(HttpStatusCode.OK, await imposed.Content.ReadAsStringAsync());
        (await imposed.JsonAsync()).Text("status").ShouldBe("imposed");
        whileInForce.ShouldContain("150100");
        lifted.StatusCode.ShouldBe(HttpStatusCode.OK, await lifted.Content.ReadAsStringAsync());
        afterLift.ShouldNotContain("150100");
        var history = (await lifted.JsonAsync()).GetProperty("history").EnumerateArray()
            .Select(s => (s.Text("step"), s.GetProperty("reason").GetString(), s.GetProperty("by").GetString())).ToList();
        history.ShouldBe([("proposed", null, null), ("imposed", "2042 年度评价为红色，暂停新上高耗能项目审批", "drc"), ("lifted", "整改到位", "drc")]);
    }

    [Fact]
    public async Task a_red_quarterly_warning_proposes_nothing()
    {
        var drc = await registry.ClientAsync("drc");
        await SetUpAsync(drc, Definition, "152200",
            (2040, Figures(gdp: 1_000_000, energy: 1_000_000)),
            (2042, Figures(gdp: 1_000_000, energy: 1_000_000)),
            (2042, Figures(gdp: 500_000, energy: 500_000, quarter: 3)),
            (2043, Figures(gdp: 500_000, energy: 520_000, quarter: 3)));

        var warning = await AssessAsync(drc, Period, 2043, "152200", quarter: 3);

        warning.GetProperty("assessment").Text("level").ShouldBe("red");
        warning.GetProperty("restrictionProposed").GetBoolean().ShouldBeFalse();
        (await (await drc.GetAsync("/api/v1/restrictions/152200")).JsonAsync()).Text("status").ShouldBe("none");
    }

    [Fact]
    public async Task the_public_list_needs_no_login_and_shows_only_restrictions_in_force()
    {
        var inForce = await PublicLeaguesAsync();

        // The demo: Wuhai (red from 2016) and Ulanqab (red from 2018) are restricted; Xilingol's was lifted
        // after a green 2020; Alxa's, proposed by its red 2020, awaits the DRC.
        inForce.ShouldContain("150300");
        inForce.ShouldContain("150900");
        inForce.ShouldNotContain("152500");
        inForce.ShouldNotContain("152900");
        var item = (await (await registry.Anonymous().GetAsync("/api/v1/public/restrictions")).JsonAsync()).GetProperty("items").EnumerateArray()
            .Single(i => i.Text("leagueCode") == "150300");
        item.Text("nameZh").ShouldBe("乌海市");
        item.Text("scopeZh").ShouldContain("高耗能项目");
        item.Text("reason").ShouldContain("演示数据");
    }

    [Fact]
    public async Task lifting_or_dismissing_what_is_not_there_is_409()
    {
        var drc = await registry.ClientAsync("drc", "en");

        var lift = await drc.PostAsJsonAsync("/api/v1/restrictions/150700/lift", new { reason = "none" });
        var dismiss = await drc.PostAsJsonAsync("/api/v1/restrictions/150700/dismiss", new { reason = "none" });

        (await lift.ShouldBeProblemAsync(HttpStatusCode.Conflict)).Text("code").ShouldBe("restriction.not_imposed");
        (await dismiss.ShouldBeProblemAsync(HttpStatusCode.Conflict)).Text("code").ShouldBe("restriction.not_proposed");
    }

    [Fact]
    public async Task the_drc_dismisses_a_proposal_and_a_reason_is_required()
    {
        var drc = await registry.ClientAsync("drc");

        var withoutReason = await drc.PostAsJsonAsync("/api/v1/restrictions/152900/dismiss", new { reason = "" });
        var dismissed = await drc.PostAsJsonAsync("/api/v1/restrictions/152900/dismiss", new { reason = "已制定整改方案" });

        (await withoutReason.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).ShouldNameField("reason", "not_empty");
        dismissed.StatusCode.ShouldBe(HttpStatusCode.OK, await dismissed.Content.ReadAsStringAsync());
        var restriction = await dismissed.JsonAsync();
        restriction.Text("status").ShouldBe("none");
        restriction.GetProperty("history").EnumerateArray().Last().Text("step").ShouldBe("dismissed");
    }

    [Fact]
    public async Task a_league_user_cannot_decide_and_sees_only_its_own_restriction()
    {
        var baotou = await registry.ClientAsync("league-baotou");

        await (await baotou.PostAsJsonAsync("/api/v1/restrictions/150200/impose", new { reason = "x" })).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await baotou.GetAsync("/api/v1/restrictions/150300")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        (await (await baotou.GetAsync("/api/v1/restrictions/150200")).JsonAsync()).Text("leagueCode").ShouldBe("150200");
        var list = await (await baotou.GetAsync("/api/v1/restrictions")).JsonAsync();
        list.GetProperty("items").EnumerateArray().ShouldAllBe(r => r.GetProperty("leagueCode").GetString() == "150200");
    }

    async Task<List<string>> PublicLeaguesAsync()
    {
        var response = await registry.Anonymous().GetAsync("/api/v1/public/restrictions");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return [.. (await response.JsonAsync()).GetProperty("items").EnumerateArray().Select(i => i.GetProperty("leagueCode").GetString()!)];
    }
}
