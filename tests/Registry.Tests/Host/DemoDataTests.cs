using Microsoft.Extensions.DependencyInjection;
using Mrv.Registry.Demo;
using Mrv.Registry.Enterprises;
using Mrv.Registry.Regions;

namespace Mrv.Registry.Tests.Host;

public sealed class DemoDataTests(RegistryFixture registry) : IClassFixture<RegistryFixture>
{
    [Fact]
    public async Task seeding_the_demo_again_appends_nothing()
    {
        var before = await registry.CountAsync("select count(*) from eventstore.events");

        using var scope = registry.Factory.Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<DemoData>().SeedAsync(TextWriter.Null);

        (await registry.CountAsync("select count(*) from eventstore.events")).ShouldBe(before);
    }

    [Fact]
    public void the_demo_has_about_sixty_valid_enterprises_in_every_league_and_every_industry_of_the_seed_documents()
    {
        var all = DemoEnterprises.All;

        all.Count.ShouldBe(60);
        all.Select(d => d.LeagueCode).Distinct().Count().ShouldBe(Leagues.All.Count);
        all.ShouldAllBe(d => CreditCode.IsValid(d.CreditCode) && Leagues.IsCountyOf(d.CountyCode, d.LeagueCode));
        all.Select(d => d.CreditCode).Distinct().Count().ShouldBe(all.Count);
        all.Select(d => d.Kind.Gbt4754Code).Distinct().ShouldBe(["4411", "3120", "3216", "3011", "3140", "2621", "2612", "2619", "3211"], ignoreOrder: true);
        all.Where(d => d.Kind.Tier is not null).Select(d => d.Kind.Tier).Distinct().ShouldBe([KeyEnergyUnitTiers.Qianjia, KeyEnergyUnitTiers.Wanjia], ignoreOrder: true);
        all.Select(d => new RegisterEnterpriseRequestValidator().Validate(new RegisterEnterpriseRequest(
                d.CreditCode, d.Registration(0).NameZh, d.Registration(0).NameEn, d.LeagueCode, d.CountyCode, d.Kind.Industry, d.Kind.Gbt4754Code,
                d.Registration(0).Address, d.Registration(0).ContactName, d.Registration(0).ContactPhone)))
            .ShouldAllBe(result => result.IsValid);
    }

    [Fact]
    public async Task the_demo_login_sees_a_real_enterprise_on_the_covered_lists()
    {
        var client = await registry.ClientAsync("enterprise-demo");

        var enterprise = await (await client.GetAsync($"/api/v1/enterprises/{DemoData.DemoEnterpriseId}")).JsonAsync();

        enterprise.GetProperty("leagueCode").GetString().ShouldBe("150200");
        enterprise.GetProperty("coveredList").EnumerateArray().Select(c => c.GetProperty("year").GetInt32()).ShouldBe([2023, 2024]);
        enterprise.GetProperty("sources").GetArrayLength().ShouldBe(4);
    }
}
