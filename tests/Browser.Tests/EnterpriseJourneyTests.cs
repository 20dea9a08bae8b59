using Microsoft.Playwright;

namespace Mrv.Browser.Tests;

[Collection("portal")]
public sealed class EnterpriseJourneyTests(PortalHost host)
{
    [Fact]
    public async Task the_energy_manager_corrects_a_wrong_monthly_figure_and_submits_the_report()
    {
        var page = await host.NewPageAsync();
        await host.SignInAsync(page, "enterprise-demo");
        await page.GetByLabel("数据年度").SelectOptionAsync("2024");
        await page.GetByRole(AriaRole.Button, new() { Name = "查看" }).ClickAsync();
        await Assertions.Expect(page.Locator("svg.chart")).ToHaveAttributeAsync("aria-label", "月度排放量：2024年与2023年");
        await PortalHost.ScreenshotAsync(page, "enterprise-dashboard");

        await page.GetByRole(AriaRole.Link, new() { Name = "12月", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("2024年12月活动数据");
        var quantity = page.Locator("input[name='sources[0].quantity']");
        var original = await quantity.InputValueAsync();
        await quantity.FillAsync("-150");
        await page.GetByRole(AriaRole.Button, new() { Name = "保存本月数据" }).ClickAsync();

        var error = page.Locator("#sources\\[0\\]-quantity-error");
        await Assertions.Expect(error).ToBeVisibleAsync();
        (await error.TextContentAsync())!.ShouldNotBeNullOrWhiteSpace();
        await Assertions.Expect(page.Locator("input[name='sources[0].quantity']")).ToHaveAttributeAsync("aria-invalid", "true");
        await PortalHost.ScreenshotAsync(page, "enterprise-month-error");

        await page.Locator("input[name='sources[0].quantity']").FillAsync(original);
        await page.GetByRole(AriaRole.Button, new() { Name = "保存本月数据" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("已保存。");

        // The month's fuel invoice as evidence: kept with its SHA-256.
        var invoice = Path.Combine(Directory.CreateTempSubdirectory("mrv-evidence-").FullName, "coal-invoice-2024-12.pdf");
        var bytes = System.Text.Encoding.ASCII.GetBytes("%PDF-1.4\n% invoice of December coal deliveries\n%%EOF\n");
        await File.WriteAllBytesAsync(invoice, bytes);
        await page.GetByLabel(new System.Text.RegularExpressions.Regex("^文件（")).SetInputFilesAsync(invoice);
        await page.GetByLabel("类别").SelectOptionAsync("invoice");
        await page.GetByRole(AriaRole.Button, new() { Name = "上传" }).ClickAsync();
        var sha = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes));
        await Assertions.Expect(page.Locator("#evidence")).ToContainTextAsync("coal-invoice-2024-12.pdf");
        await Assertions.Expect(page.Locator("#evidence")).ToContainTextAsync(sha[..16]);

        await page.GotoAsync(page.Url.Split("/activity/")[0] + "/reports/2024");
        var total = await page.Locator("#total-tco2 strong").TextContentAsync();
        total.ShouldNotBeNullOrWhiteSpace();
        await page.GetByRole(AriaRole.Button, new() { Name = "提交报告" }).ClickAsync();

        await Assertions.Expect(page.Locator("#report-status")).ToHaveTextAsync("已提交");
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("报告已提交");
        await Assertions.Expect(page.Locator("#total-tco2 strong")).ToHaveTextAsync(total!);
        await PortalHost.ScreenshotAsync(page, "enterprise-report-submitted");
    }
}
