using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Mrv.Registry.Demo;

namespace Mrv.Browser.Tests;

/// <summary>The enterprise's records beyond a month's form: the monitoring plan, the yearly CSV import, the documents to download.</summary>
[Collection("portal")]
public sealed class EnterpriseRecordsJourneyTests(PortalHost host)
{
    static readonly Guid Demo = DemoData.DemoEnterpriseId;

    static int ThisYear => DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).Year;

    static ILocator Field(IPage page, string field) => page.Locator($"[id='f-{field}']");

    static ILocator ErrorOf(IPage page, string field) => page.Locator($"[id='f-{field}-error']");

    [Fact]
    public async Task the_enterprise_submits_next_years_monitoring_plan_the_drc_returns_it_with_a_reason_and_the_league_approves_the_revision()
    {
        var year = ThisYear + 1;
        var enterprise = await DashboardAsync(ThisYear);
        await enterprise.Locator("#next-plan").ClickAsync();
        await Assertions.Expect(enterprise.Locator("h1")).ToContainTextAsync($"{year}年度数据质量控制方案");
        await Assertions.Expect(enterprise.Locator("#plan-status")).ToHaveTextAsync("尚未编制");

        // The draft starts from the last plan; an accuracy of ±80% is refused by its field.
        var accuracy = "sources[0].meters[0].requiredAccuracy";
        await Assertions.Expect(Field(enterprise, "sources[0].meters[0].code")).Not.ToBeEmptyAsync();
        await Field(enterprise, accuracy).FillAsync("0.8");
        await Field(enterprise, "sources[0].meters[0].calibrationDueOn").FillAsync($"{year + 1}-06-30");
        await enterprise.GetByRole(AriaRole.Button, new() { Name = "保存草稿" }).ClickAsync();
        await Assertions.Expect(ErrorOf(enterprise, accuracy)).ToContainTextAsync("±2%");
        await Assertions.Expect(Field(enterprise, accuracy)).ToHaveAttributeAsync("aria-invalid", "true");
        await Assertions.Expect(Field(enterprise, "sources[0].meters[0].calibrationDueOn")).ToHaveValueAsync($"{year + 1}-06-30");
        await Assertions.Expect(enterprise.Locator("#plan-status")).ToHaveTextAsync("尚未编制");
        await PortalHost.ScreenshotAsync(enterprise, "enterprise-plan-error");

        await Field(enterprise, accuracy).FillAsync("0.005");
        await enterprise.GetByRole(AriaRole.Button, new() { Name = "保存草稿" }).ClickAsync();
        await Assertions.Expect(enterprise.GetByRole(AriaRole.Status)).ToHaveTextAsync("草稿已保存。");
        await Assertions.Expect(enterprise.Locator("#plan-status")).ToHaveTextAsync("草稿");
        await Assertions.Expect(enterprise.Locator("#plan-sources")).ToContainTextAsync($"{year + 1}年6月30日");
        await enterprise.GetByRole(AriaRole.Button, new() { Name = "保存并提交审核" }).ClickAsync();
        await Assertions.Expect(enterprise.Locator("#plan-status")).ToHaveTextAsync("已提交，待审核");
        await Assertions.Expect(enterprise.Locator("#editor")).ToHaveCountAsync(0);

        // The DRC returns it; a return without a reason is refused by the field.
        var drc = await host.NewPageAsync();
        await host.SignInAsync(drc, "drc");
        await drc.GotoAsync($"/enterprises/{Demo}/plans/{year}");
        await drc.GetByRole(AriaRole.Button, new() { Name = "退回修改" }).ClickAsync();
        await Assertions.Expect(ErrorOf(drc, "reasons")).ToBeVisibleAsync();
        await Assertions.Expect(Field(drc, "reasons")).ToHaveAttributeAsync("aria-invalid", "true");
        const string reason = "1号机组入炉煤皮带秤须补充实煤校验安排。";
        await drc.GetByLabel("退回理由（每行一条）").FillAsync(reason);
        await drc.GetByRole(AriaRole.Button, new() { Name = "退回修改" }).ClickAsync();
        await Assertions.Expect(drc.GetByRole(AriaRole.Status)).ToHaveTextAsync("监测计划已退回企业修改。");
        await Assertions.Expect(drc.Locator("#plan-status")).ToHaveTextAsync("已退回");
        await PortalHost.ScreenshotAsync(drc, "drc-plan-returned");

        // The enterprise reads the reason, revises and submits again: the second version.
        await enterprise.ReloadAsync();
        await Assertions.Expect(enterprise.Locator("#return-reasons")).ToContainTextAsync(reason);
        await Assertions.Expect(enterprise.Locator("#editor")).ToHaveJSPropertyAsync("open", true);
        await Field(enterprise, "sources[0].testing").FillAsync("每季度以标准煤样对皮带秤做实煤校验");
        await enterprise.GetByRole(AriaRole.Button, new() { Name = "保存并提交审核" }).ClickAsync();
        await Assertions.Expect(enterprise.Locator("#plan-status")).ToHaveTextAsync("已提交，待审核");
        await Assertions.Expect(enterprise.Locator("#plan-versions tbody tr")).ToHaveCountAsync(2);
        await PortalHost.ScreenshotAsync(enterprise, "enterprise-plan-resubmitted");

        // The league/city approves it, in English.
        var league = await host.NewPageAsync("en");
        await host.SignInAsync(league, "league-baotou");
        await league.GotoAsync($"/enterprises/{Demo}/plans/{year}");
        await Assertions.Expect(league.Locator("#plan-sources")).ToContainTextAsync("每季度以标准煤样对皮带秤做实煤校验");
        await Assertions.Expect(league.Locator("#editor")).ToHaveCountAsync(0);
        await league.GetByRole(AriaRole.Button, new() { Name = "Approve" }).ClickAsync();
        await Assertions.Expect(league.Locator("#plan-status")).ToHaveTextAsync("Approved");
        await Assertions.Expect(league.Locator("#in-force")).ToContainTextAsync("In force: version 2");
        await PortalHost.ScreenshotAsync(league, "league-plan-approved");
    }

    [Fact]
    public async Task a_csv_with_a_bad_row_imports_nothing_and_lists_the_row_then_the_corrected_file_records_the_months()
    {
        var year = ThisYear;
        await ApprovePlanLikeLastYearsAsync(year);
        const string header = "month,source_code,product,quantity,unit,ncv_gj_per_unit,carbon_content_tc_per_gj,meter_calibrated,meter_actual_accuracy";
        string[] Month(int month, string secondCoal = "118000") =>
        [
            $"{month},G1-COAL,,120000,t,20.8,0.0264,,", $"{month},G2-COAL,,{secondCoal},t,20.8,0.0264,,", $"{month},G1-OIL,,18,t,,,,",
            $"{month},GRID-ELEC,,560,MWh,,,,", $"{month},,electricity_generated,480000,MWh,,,,", $"{month},,electricity_supplied,451000,MWh,,,,",
        ];
        var folder = Directory.CreateTempSubdirectory("mrv-monthly-").FullName;
        var bad = Path.Combine(folder, "bad.csv");
        var good = Path.Combine(folder, "good.csv");
        await File.WriteAllTextAsync(bad, string.Join("\r\n", [header, .. Month(1, secondCoal: "-5")]));
        await File.WriteAllTextAsync(good, string.Join("\r\n", [header, .. Month(1), .. Month(2)]));

        var page = await DashboardAsync(year);
        await page.Locator("#import").ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync($"{year}年度月度数据批量导入（CSV）");

        // The template is the importer's header with a row per planned source and product.
        var template = await page.APIRequest.GetAsync(await page.Locator("#template").GetAttributeAsync("href") ?? "");
        var templateText = await template.TextAsync();
        (await template.BodyAsync())[..3].ShouldBe(Encoding.UTF8.Preamble.ToArray());
        templateText.TrimStart('\uFEFF').ShouldStartWith(header);
        templateText.ShouldContain("1,G2-COAL,,,t,,,,");
        templateText.ShouldContain("1,,electricity_supplied,,MWh,,,,");

        await page.GetByLabel("CSV 文件").SetInputFilesAsync(bad);
        await page.GetByRole(AriaRole.Button, new() { Name = "导入" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("未导入任何数据");
        var errors = page.Locator("#row-errors tbody tr");
        await Assertions.Expect(errors).ToHaveCountAsync(1);
        await Assertions.Expect(errors.First.Locator("td").Nth(0)).ToHaveTextAsync("3");
        await Assertions.Expect(errors.First.Locator("td").Nth(1)).ToHaveTextAsync("quantity");
        await Assertions.Expect(errors.First.Locator("td").Nth(2)).ToHaveTextAsync("quantity_range");
        await PortalHost.ScreenshotAsync(page, "enterprise-import-errors");

        await page.GotoAsync($"/enterprises/{Demo}?year={year}");
        await Assertions.Expect(MonthRow(page, 1)).Not.ToContainTextAsync("已报送");

        await page.Locator("#import").ClickAsync();
        await page.GetByLabel("CSV 文件").SetInputFilesAsync(good);
        await page.GetByRole(AriaRole.Button, new() { Name = "导入" }).ClickAsync();
        await Assertions.Expect(page.Locator("#import-result")).ToContainTextAsync("共 12 行、2 个月，新记录 2 个月");
        await Assertions.Expect(page.Locator("#row-errors")).ToHaveCountAsync(0);

        await page.GetByRole(AriaRole.Link, new() { Name = "查看各月报送情况" }).ClickAsync();
        await Assertions.Expect(MonthRow(page, 1)).ToContainTextAsync("已报送");
        await Assertions.Expect(MonthRow(page, 2)).ToContainTextAsync("已报送");
        await Assertions.Expect(MonthRow(page, 3)).Not.ToContainTextAsync("已报送");
    }

    [Fact]
    public async Task the_enterprise_downloads_its_issued_verification_report_and_the_drc_issues_a_determination_notice_in_english()
    {
        var page = await host.NewPageAsync();
        await host.SignInAsync(page, "enterprise-demo");
        await page.GetByRole(AriaRole.Link, new() { Name = "文件下载", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("文件下载");

        // The verification report issued at the 2023 sign-off: its file is exactly the bytes its SHA-256 says.
        var report = page.Locator("#year-2023 tr.issued[data-kind='verification_report']");
        await Assertions.Expect(report).ToHaveCountAsync(1);
        await Assertions.Expect(report).ToContainTextAsync("核查报告");
        var shown = (await report.Locator("code.sha").TextContentAsync())!.Trim();
        shown.ShouldMatch("^[0-9a-f]{64}$");
        var file = await page.APIRequest.GetAsync((await report.Locator("a.download").GetAttributeAsync("href"))!);
        file.Ok.ShouldBeTrue();
        Convert.ToHexStringLower(SHA256.HashData(await file.BodyAsync())).ShouldBe(shown);
        await Assertions.Expect(report.GetByRole(AriaRole.Link, new() { Name = "核验真伪" })).ToHaveAttributeAsync("href", "/public/check");

        // The annual emission report prints as a PDF.
        var pdf = await page.APIRequest.GetAsync((await page.Locator("#year-2023 tr.report a.pdf").GetAttributeAsync("href"))!);
        Encoding.ASCII.GetString((await pdf.BodyAsync())[..5]).ShouldBe("%PDF-");
        await PortalHost.ScreenshotAsync(page, "enterprise-documents");

        // Another enterprise's documents and plan are not there for it, as in the API.
        var other = DemoEnterprises.All[1].Id;
        (await page.GotoAsync($"/enterprises/{other}/documents"))!.Status.ShouldBe(404);
        (await page.GotoAsync($"/enterprises/{other}/plans/2024"))!.Status.ShouldBe(404);

        // The DRC, in English, issues the 2023 determination notice as a PDF; it is listed with its SHA-256.
        var drc = await host.NewPageAsync("en");
        await host.SignInAsync(drc, "drc");
        await drc.GotoAsync($"/enterprises/{Demo}/documents");
        await drc.GetByRole(AriaRole.Button, new() { Name = "Issue the 2023 determination notice (English PDF)" }).ClickAsync();
        await Assertions.Expect(drc.GetByRole(AriaRole.Status)).ToHaveTextAsync("The determination notice of 2023 is issued.");
        var notice = drc.Locator("#year-2023 tr.issued[data-kind='determination_letter']").Filter(new() { HasText = "English" });
        await Assertions.Expect(notice).ToContainTextAsync("PDF");
        var noticeSha = (await notice.Locator("code.sha").TextContentAsync())!.Trim();
        var bytes = await (await drc.APIRequest.GetAsync((await notice.Locator("a.download").GetAttributeAsync("href"))!)).BodyAsync();
        Encoding.ASCII.GetString(bytes[..5]).ShouldBe("%PDF-");
        Convert.ToHexStringLower(SHA256.HashData(bytes)).ShouldBe(noticeSha);
        await Assertions.Expect(drc.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Issue the 2023") })).ToHaveCountAsync(0);
        await PortalHost.ScreenshotAsync(drc, "drc-documents-en");
    }

    /// <summary>The demo enterprise's energy manager on the dashboard of a year.</summary>
    async Task<IPage> DashboardAsync(int year)
    {
        var page = await host.NewPageAsync();
        await host.SignInAsync(page, "enterprise-demo");
        await page.GetByLabel("数据年度").SelectOptionAsync(year.ToString());
        await page.GetByRole(AriaRole.Button, new() { Name = "查看" }).ClickAsync();
        return page;
    }

    static ILocator MonthRow(IPage page, int month) =>
        page.Locator("tr").Filter(new() { Has = page.GetByRole(AriaRole.Link, new() { Name = $"{month}月", Exact = true }) });

    /// <summary>The year's plan, as the last approved one, submitted and approved through the API (the DRC may do both).</summary>
    async Task ApprovePlanLikeLastYearsAsync(int year)
    {
        using var drc = await host.ApiAsync("drc");
        var last = await drc.GetFromJsonAsync<JsonElement>($"/api/v1/enterprises/{Demo}/monitoring-plans/2024");
        (await drc.PutAsJsonAsync($"/api/v1/enterprises/{Demo}/monitoring-plans/{year}", last.GetProperty("inForce").GetProperty("content"))).EnsureSuccessStatusCode();
        (await drc.PostAsync($"/api/v1/enterprises/{Demo}/monitoring-plans/{year}/submit", null)).EnsureSuccessStatusCode();
        (await drc.PostAsync($"/api/v1/enterprises/{Demo}/monitoring-plans/{year}/approve", null)).EnsureSuccessStatusCode();
    }
}
