using System.Net;
using Mrv.Registry.Regions;

namespace Mrv.Registry.Tests.Regions;

public sealed class LeagueTests(RegistryFixture registry) : IClassFixture<RegistryFixture>
{
    [Fact]
    public void the_embedded_league_targets_equal_the_shared_reference_file() =>
        ReferenceFiles.ShouldEqualShared("Mrv.Registry.Regions.SeedData.league-targets-13th-fyp.csv", "league-targets-13th-fyp.csv",
            "037b82453e4486ca47493d285bd56d7dcb4f5e213d621c2dd846c0c0070323cb");

    [Fact]
    public async Task anyone_lists_the_twelve_leagues_with_their_13th_fyp_targets()
    {
        var response = await registry.Anonymous().GetAsync("/api/v1/leagues");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var body = await response.JsonAsync();
        body.GetProperty("total").GetInt32().ShouldBe(12);
        var baotou = body.GetProperty("items").EnumerateArray().Single(l => l.GetProperty("code").GetString() == "150200");
        baotou.GetProperty("nameZh").GetString().ShouldBe("包头市");
        var targets = baotou.GetProperty("targets13thFyp");
        targets.GetProperty("energyIntensityReductionPct").GetDecimal().ShouldBe(15m);
        targets.GetProperty("energyIncrementCap10kTce").GetDecimal().ShouldBe(730m);
        targets.GetProperty("energyGrowthRateCapPct").GetDecimal().ShouldBe(3.4m);
        targets.GetProperty("carbonIntensityReductionPct").GetDecimal().ShouldBe(18m);
    }

    [Fact]
    public async Task one_league_is_public_and_an_unknown_code_is_404()
    {
        var client = registry.Anonymous("en");

        (await (await client.GetAsync("/api/v1/leagues/152900")).JsonAsync()).GetProperty("nameEn").GetString().ShouldBe("Alxa League");
        await (await client.GetAsync("/api/v1/leagues/110000")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("150203", "150200", true)]
    [InlineData("152921", "152900", true)]
    [InlineData("152201", "152200", true)]
    [InlineData("150200", "150200", false)]
    [InlineData("150303", "150200", false)]
    [InlineData("15020A", "150200", false)]
    [InlineData("1502030", "150200", false)]
    [InlineData("150203", "110000", false)]
    public void a_county_code_is_six_digits_under_its_league(string county, string league, bool valid) =>
        Leagues.IsCountyOf(county, league).ShouldBe(valid);
}
