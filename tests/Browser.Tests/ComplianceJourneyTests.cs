using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Mrv.Browser.Tests;

[Collection("portal")]
public sealed class ComplianceJourneyTests(PortalHost host)
{
    [Fact(Timeout = 180_000)]
    public async Task the_drc_reads_the_2023_board_narrows_it_to_a_league_and_decides_a_fine_within_five_to_ten_times_the_price()
    {
        var page = await host.NewPageAsync();
        await host.SignInAsync(page, "drc");
        await page.GetByRole(AriaRole.Link, new() { Name = "履约情况", Exact = true }).ClickAsync();
        await page.GetByLabel("履约年度").SelectOptionAsync("2023");
        await page.GetByRole(AriaRole.Button, new() { Name = "查看" }).ClickAsync();

        // The demo's 2023: four plants surrendered in full, two fell short.
        await Assertions.Expect(page.Locator("#compliance-counts [data-status=compliant]")).ToHaveTextAsync("已履约 4");
        await Assertions.Expect(page.Locator("#compliance-counts [data-status=shortfall]")).ToHaveTextAsync("未足额清缴 2");
        var shortRows = page.Locator("#compliance-board tbody tr[data-status=shortfall]");
        await Assertions.Expect(shortRows).ToHaveCountAsync(2);
        await Assertions.Expect(shortRows.First.Locator(".badge")).ToHaveClassAsync(new Regex("red"));
        await PortalHost.ScreenshotAsync(page, "drc-compliance-board");

        await page.GetByLabel("盟市").SelectOptionAsync("150700");
        await page.GetByRole(AriaRole.Button, new() { Name = "查看" }).ClickAsync();
        var rows = page.Locator("#compliance-board tbody tr");
        await Assertions.Expect(rows).ToHaveCountAsync(2);
        for (var i = 0; i < 2; i++) await Assertions.Expect(rows.Nth(i)).ToContainTextAsync("呼伦贝尔市");
        var shortInLeague = page.Locator("#compliance-board tbody tr[data-status=shortfall]");
        await Assertions.Expect(shortInLeague).ToHaveCountAsync(1);

        // Hulunbuir's short plant has its fine decided; the other short plant's case has no price yet:
        // the DRC records it and decides the fine.
        await shortInLeague.GetByRole(AriaRole.Link, new() { Name = "处罚案件", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("#case-status")).ToHaveTextAsync("已决定罚款");
        await page.GotoAsync("/drc/penalties?year=2023");
        await Assertions.Expect(page.Locator("#penalty-cases tbody tr")).ToHaveCountAsync(2);
        await page.Locator("#penalty-cases tbody tr", new() { HasText = "已立案" }).GetByRole(AriaRole.Link).ClickAsync();
        var shortfall = long.Parse((await page.Locator("#shortfall").TextContentAsync())!.Replace(",", ""), CultureInfo.InvariantCulture);
        await page.GetByLabel(new Regex("平均成交价")).FillAsync("98.5");
        await page.GetByLabel(new Regex("^价格来源")).FillAsync("全国碳排放权交易市场 2024 年 11 月交易月报");
        await page.GetByRole(AriaRole.Button, new() { Name = "登记", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("#fine-range")).ToContainTextAsync(Yuan(5 * 98.5m * shortfall));
        await Assertions.Expect(page.Locator("#fine-range")).ToContainTextAsync(Yuan(10 * 98.5m * shortfall));

        await page.GetByLabel("罚款金额（元）").FillAsync("100");
        await page.GetByRole(AriaRole.Button, new() { Name = "决定", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("#f-fineYuan-error")).ToContainTextAsync("5–10");
        await Assertions.Expect(page.GetByLabel("罚款金额（元）")).ToHaveAttributeAsync("aria-invalid", "true");
        await Assertions.Expect(page.Locator("#case-status")).ToHaveTextAsync("已登记市场价格");
        await PortalHost.ScreenshotAsync(page, "drc-penalty-fine-out-of-range");

        var fine = 6 * 98.5m * shortfall;
        await page.GetByLabel("罚款金额（元）").FillAsync(fine.ToString(CultureInfo.InvariantCulture));
        await page.GetByRole(AriaRole.Button, new() { Name = "决定", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("#case-status")).ToHaveTextAsync("已决定罚款");
        await Assertions.Expect(page.Locator("#fine")).ToContainTextAsync(Yuan(fine));
    }

    [Fact(Timeout = 120_000)]
    public async Task the_public_sees_who_complied_once_the_deadline_passed_and_a_league_sees_its_own_plants()
    {
        var page = await host.NewPageAsync();
        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Link, new() { Name = "履约公示" }).ClickAsync();
        await page.GetByLabel("履约年度").SelectOptionAsync("2023");
        await page.GetByRole(AriaRole.Button, new() { Name = "查看" }).ClickAsync();
        await Assertions.Expect(page.Locator("#public-counts")).ToContainTextAsync("已履约 4");
        await Assertions.Expect(page.Locator("#public-counts")).ToContainTextAsync("未足额清缴 2");
        await Assertions.Expect(page.Locator("#public-compliance tbody tr", new() { HasText = "包头北辰热电有限责任公司" })).ToContainTextAsync("已履约");
        await PortalHost.ScreenshotAsync(page, "public-compliance");

        await page.GetByRole(AriaRole.Button, new() { Name = "English" }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Compliance of covered enterprises, 2023");
        await Assertions.Expect(page.Locator("#public-counts")).ToContainTextAsync("Compliant 4");
        await Assertions.Expect(page.Locator("#public-counts")).ToContainTextAsync("Shortfall 2");

        var league = await host.NewPageAsync();
        await host.SignInAsync(league, "league-baotou");
        await league.GetByRole(AriaRole.Link, new() { Name = "本盟市履约" }).ClickAsync();
        await league.GetByLabel("履约年度").SelectOptionAsync("2023");
        await league.GetByRole(AriaRole.Button, new() { Name = "查看" }).ClickAsync();
        var rows = league.Locator("#compliance-board tbody tr");
        var count = await rows.CountAsync();
        count.ShouldBeGreaterThan(0);
        for (var i = 0; i < count; i++) await Assertions.Expect(rows.Nth(i)).ToContainTextAsync("包头市");
        await Assertions.Expect(league.Locator("#compliance-board tbody tr", new() { HasText = "包头北辰热电有限责任公司" })).ToContainTextAsync("已履约");
        await Assertions.Expect(league.GetByLabel("盟市")).ToHaveCountAsync(0);
    }

    static string Yuan(decimal value) => value.ToString("#,0.00", CultureInfo.InvariantCulture);
}
