using Microsoft.Playwright;

namespace Mrv.Browser.Tests;

[Collection("portal")]
public sealed class LeagueJourneyTests(PortalHost host)
{
    [Fact]
    public async Task a_league_official_sees_only_their_league_its_warning_level_and_its_path()
    {
        var page = await host.NewPageAsync();
        await host.SignInAsync(page, "league-baotou");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("企业名录");
        var rows = page.Locator("tbody tr");
        var count = await rows.CountAsync();
        count.ShouldBeGreaterThan(0);
        for (var i = 0; i < count; i++) await Assertions.Expect(rows.Nth(i)).ToContainTextAsync("包头市");

        await page.GetByRole(AriaRole.Link, new() { Name = "目标进度" }).ClickAsync();
        await page.GetByLabel("年度").SelectOptionAsync("2020");
        await page.GetByRole(AriaRole.Button, new() { Name = "查看" }).ClickAsync();

        var table = page.Locator("table tbody tr");
        await Assertions.Expect(table).ToHaveCountAsync(1);
        await Assertions.Expect(table.First).ToContainTextAsync("包头市");
        await Assertions.Expect(table.First.Locator(".badge")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^(绿色|黄色|红色)$"));
        var charts = page.Locator("svg.chart");
        await Assertions.Expect(charts).ToHaveCountAsync(2);
        await Assertions.Expect(charts.First).ToHaveAttributeAsync("aria-label", "包头市：单位GDP能耗降低，实际与进度目标");
        await PortalHost.ScreenshotAsync(page, "league-dual-control");
    }
}
