using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Mrv.Registry.Demo;

namespace Mrv.Browser.Tests;

[Collection("portal")]
public sealed class AllowanceAccountJourneyTests(PortalHost host)
{
    [Fact(Timeout = 180_000)]
    public async Task the_enterprise_reads_its_balance_and_obligation_and_moves_allowances_only_after_signing_in_with_a_code()
    {
        var yinze = DemoEnterprises.All.Single(d => d.BrandEn == "Yinze");
        var page = await host.NewPageAsync();
        await host.SignInAsync(page, "enterprise-demo");

        // The dashboard of 2023: the balance by vintage and the year's obligation, which the demo's Beichen met.
        await page.GetByLabel("数据年度").SelectOptionAsync("2023");
        await page.GetByRole(AriaRole.Button, new() { Name = "查看" }).ClickAsync();
        var summary = page.Locator("#allowance-summary");
        await Assertions.Expect(summary.Locator("tr", new() { HasText = "2024 年度" })).ToHaveCountAsync(1);
        await Assertions.Expect(summary.Locator("#compliance-status")).ToHaveTextAsync("已履约");
        var obligation = (await summary.Locator("dd").First.TextContentAsync())!.Trim();
        obligation.ShouldMatch(@"^\d{1,3}(,\d{3})+$");
        await PortalHost.ScreenshotAsync(page, "enterprise-dashboard-allowances");

        await summary.GetByRole(AriaRole.Link, new() { Name = "打开配额账户" }).ClickAsync();
        await page.GetByLabel("履约年度").SelectOptionAsync("2023");
        await page.GetByRole(AriaRole.Button, new() { Name = "查看" }).ClickAsync();
        await Assertions.Expect(page.Locator("#obligation dd").First).ToContainTextAsync(obligation);
        await Assertions.Expect(page.Locator("#movements")).ToContainTextAsync("清缴 2023 年度");
        var held2024 = await HeldAsync(page, 2024);
        held2024.ShouldBeGreaterThan(1_000);

        // Signed in with a password only, the account holder sees why the forms wait.
        await Assertions.Expect(page.Locator("#movement-gate")).ToContainTextAsync("第二重身份验证");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "发起转移" })).ToBeDisabledAsync();
        await host.PassMovementGateAsync(page, "enterprise-demo");
        await Assertions.Expect(page.Locator("#movement-gate")).ToHaveCountAsync(0);

        // A trade to a plant off the trusted list waits its 26 hours, and can be called off meanwhile.
        await page.GetByLabel("转入账户", new() { Exact = true }).FillAsync(yinze.CreditCode);
        await page.GetByLabel("配额年度", new() { Exact = true }).SelectOptionAsync("2024");
        await page.GetByLabel("数量（个配额）").FillAsync("1000");
        await page.GetByLabel("交易结算编号或文件文号").FillAsync("SEEE-20261120-000433");
        await page.GetByRole(AriaRole.Button, new() { Name = "发起转移" }).ClickAsync();
        await Assertions.Expect(page.Locator("#done")).ToContainTextAsync("此前可以撤销");
        (await HeldAsync(page, 2024)).ShouldBe(held2024 - 1_000);
        var waiting = page.Locator("#transfer-list tbody tr", new() { HasText = "SEEE-20261120-000433" });
        await Assertions.Expect(waiting).ToContainTextAsync("等待生效，可撤销");
        await Assertions.Expect(waiting).ToContainTextAsync("银泽");
        await PortalHost.ScreenshotAsync(page, "enterprise-transfer-waiting");

        await waiting.GetByRole(AriaRole.Button, new() { Name = "撤销" }).ClickAsync();
        await Assertions.Expect(page.Locator("#done")).ToContainTextAsync("转移已撤销");
        (await HeldAsync(page, 2024)).ShouldBe(held2024);
        await Assertions.Expect(page.Locator("#movements tbody tr").First).ToContainTextAsync("转出已撤销，配额退回");

        // Past the 2023 deadline, a late surrender is refused by the year, and nothing leaves the account.
        await page.GetByLabel("履约年度").SelectOptionAsync("2023");
        await page.GetByRole(AriaRole.Button, new() { Name = "查看" }).ClickAsync();
        await page.GetByLabel(new Regex("^2024 年度（持有")).FillAsync("1");
        await page.GetByRole(AriaRole.Button, new() { Name = "清缴 2023 年度" }).ClickAsync();
        await Assertions.Expect(page.Locator("#surrender-year-error")).ToContainTextAsync("2024-12-31 已过");
        (await HeldAsync(page, 2024)).ShouldBe(held2024);
    }

    static async Task<long> HeldAsync(IPage page, int vintage)
    {
        var row = page.Locator("#holdings tbody tr", new() { HasText = vintage.ToString(CultureInfo.InvariantCulture) });
        var text = await row.Locator("td.number").TextContentAsync();
        return long.Parse(text!.Replace(",", ""), CultureInfo.InvariantCulture);
    }
}
