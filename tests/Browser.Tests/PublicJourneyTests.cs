using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

namespace Mrv.Browser.Tests;

[Collection("portal")]
public sealed class PublicJourneyTests(PortalHost host)
{
    [Fact]
    public async Task the_public_checks_an_issued_notice_and_an_edited_copy_in_the_browser()
    {
        // The DRC issues the 2024 covered-list notice (through the API, as a DRC client would).
        using var api = await host.ApiAsync("drc");
        var issued = await api.PostAsync("/api/v1/covered-list/2024/documents", null);
        issued.EnsureSuccessStatusCode();
        var record = await issued.Content.ReadFromJsonAsync<JsonElement>();
        var pdf = await api.GetByteArrayAsync(issued.Headers.Location);
        var folder = Directory.CreateTempSubdirectory("mrv-check-").FullName;
        var genuine = Path.Combine(folder, "notice.pdf");
        var edited = Path.Combine(folder, "notice-edited.pdf");
        await File.WriteAllBytesAsync(genuine, pdf);
        pdf[pdf.Length / 2] ^= 0x01;
        await File.WriteAllBytesAsync(edited, pdf);

        var page = await host.NewPageAsync();
        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Link, new() { Name = "文件核验" }).First.ClickAsync();
        await page.GetByLabel("文件").SetInputFilesAsync(genuine);
        await page.GetByRole(AriaRole.Button, new() { Name = "核验" }).ClickAsync();

        var result = page.Locator("#check-result");
        await Assertions.Expect(result).ToContainTextAsync("核验通过");
        await Assertions.Expect(result).ToContainTextAsync(record.GetProperty("documentId").GetString()!);
        await Assertions.Expect(result).ToContainTextAsync("2024年度纳入全国碳排放权交易市场重点排放单位名录");
        await PortalHost.ScreenshotAsync(page, "public-check-authentic");

        await page.GetByLabel("文件").SetInputFilesAsync(edited);
        await page.GetByRole(AriaRole.Button, new() { Name = "核验" }).ClickAsync();
        await Assertions.Expect(page.Locator("#check-result")).ToContainTextAsync("核验未通过");
        await PortalHost.ScreenshotAsync(page, "public-check-forged");
    }

    [Fact]
    public async Task the_public_reads_the_covered_list_and_switches_to_english()
    {
        var page = await host.NewPageAsync();
        await page.GotoAsync("/public/covered-list?year=2024");

        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("2024年度全国碳市场重点排放单位名录");
        var rows = await page.Locator("tbody tr").CountAsync();
        rows.ShouldBeGreaterThan(0);
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync($"共 {rows} 家单位");

        await page.GetByRole(AriaRole.Button, new() { Name = "English" }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Covered list of the national carbon market, 2024");
        await page.GotoAsync("/");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Covered list" }).First).ToBeVisibleAsync();
        await PortalHost.ScreenshotAsync(page, "public-covered-list-en");
    }

    [Fact]
    public async Task the_public_reads_the_regional_bulletin_with_each_leagues_warning_level()
    {
        var page = await host.NewPageAsync();
        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Link, new() { Name = "双控公报" }).ClickAsync();
        await page.GetByLabel("年度").SelectOptionAsync("2020");
        await page.GetByRole(AriaRole.Button, new() { Name = "查看" }).ClickAsync();

        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("2020年度各盟市节能降碳目标完成情况及预警");
        await Assertions.Expect(page.Locator("#bulletin tbody tr")).ToHaveCountAsync(12);
        var levels = await page.Locator("#bulletin tbody .badge").AllTextContentsAsync();
        levels.Distinct().Count().ShouldBeGreaterThan(1);
        levels.ShouldAllBe(level => level == "绿色" || level == "黄色" || level == "红色");
        await PortalHost.ScreenshotAsync(page, "public-bulletin");
    }
}
