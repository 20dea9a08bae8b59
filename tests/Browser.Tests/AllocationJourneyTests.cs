using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Mrv.Browser.Tests;

[Collection("portal")]
public sealed class AllocationJourneyTests(PortalHost host)
{
    /// <summary>包头青岚钢铁有限公司: on the 2024 covered list, with no 2024 allocation in the demo.</summary>
    const string SteelWorks = "91150203MAM9LPDEEM";
    const string SteelWorksName = "包头青岚钢铁有限公司";

    [Fact(Timeout = 240_000)]
    public async Task a_drc_user_uploads_a_table_cannot_approve_it_and_a_second_drc_user_approves_it_with_a_one_time_code()
    {
        var folder = Directory.CreateTempSubdirectory("mrv-allocation-").FullName;
        var wrong = Path.Combine(folder, "allocation-wrong.csv");
        var right = Path.Combine(folder, "allocation.csv");
        await File.WriteAllTextAsync(wrong, $"credit_code,quantity,note\n{SteelWorks},1200000.5,钢铁行业强度法（省外测算）\n");
        await File.WriteAllTextAsync(right, $"credit_code,quantity,note\n{SteelWorks},1200000,钢铁行业强度法（省外测算）\n");

        // drc uploads the table (a file with a fractional quantity first) and submits it.
        var drc = await host.NewPageAsync();
        await host.SignInAsync(drc, "drc");
        await drc.GetByRole(AriaRole.Link, new() { Name = "配额分配", Exact = true }).ClickAsync();
        await drc.GetByRole(AriaRole.Link, new() { Name = "上传分配表" }).ClickAsync();
        await drc.GetByLabel("分配年度").FillAsync("2024");
        await drc.GetByLabel("阶段").SelectOptionAsync("pre_allocation");
        await drc.GetByLabel("CSV 文件").SetInputFilesAsync(wrong);
        await drc.GetByRole(AriaRole.Button, new() { Name = "上传" }).ClickAsync();
        var rowErrors = drc.Locator("#row-errors tbody tr");
        await Assertions.Expect(rowErrors).ToHaveCountAsync(1);
        await Assertions.Expect(rowErrors.First).ToContainTextAsync("quantity");
        await Assertions.Expect(rowErrors.First.Locator("td").First).ToHaveTextAsync("2");

        await drc.GetByLabel("CSV 文件").SetInputFilesAsync(right);
        await drc.GetByRole(AriaRole.Button, new() { Name = "上传" }).ClickAsync();
        await Assertions.Expect(drc.Locator("#table-status")).ToHaveTextAsync("已计算，待提交");
        await Assertions.Expect(drc.Locator("#entries")).ToContainTextAsync(SteelWorksName);
        await Assertions.Expect(drc.Locator("#total-to-issue")).ToHaveTextAsync("1,200,000");
        var tableUrl = drc.Url;
        await drc.GetByRole(AriaRole.Button, new() { Name = "提交审批" }).ClickAsync();
        await Assertions.Expect(drc.Locator("#table-status")).ToHaveTextAsync("待审批");

        // Approving is a movement: without a second factor the page says so and the button waits.
        await Assertions.Expect(drc.Locator("#movement-gate")).ToContainTextAsync("第二重身份验证");
        await Assertions.Expect(drc.GetByRole(AriaRole.Button, new() { Name = "批准并发放" })).ToBeDisabledAsync();
        await host.PassMovementGateAsync(drc, "drc");
        drc.Url.ShouldBe(tableUrl);
        await Assertions.Expect(drc.Locator("#table-status")).ToHaveTextAsync("待审批");
        await Assertions.Expect(drc.Locator("#movement-gate")).ToHaveCountAsync(0);

        // Signed in with the code, drc still cannot approve what drc submitted.
        await drc.GetByRole(AriaRole.Button, new() { Name = "批准并发放" }).ClickAsync();
        await Assertions.Expect(drc.Locator("#review-problem")).ToContainTextAsync("四眼原则");
        await Assertions.Expect(drc.Locator("#table-status")).ToHaveTextAsync("待审批");
        await PortalHost.ScreenshotAsync(drc, "drc-self-approval-refused");

        // drc-reviewer finds it in the queue, enrols, signs in again with a code and approves it.
        var reviewer = await host.NewPageAsync();
        await host.SignInAsync(reviewer, "drc-reviewer");
        await reviewer.GetByRole(AriaRole.Link, new() { Name = "四眼审批", Exact = true }).ClickAsync();
        var queued = reviewer.Locator("#allocation-tables tbody tr", new() { HasText = "预分配" }).Filter(new() { HasText = "1,200,000" });
        await Assertions.Expect(queued).ToHaveCountAsync(1);
        await Assertions.Expect(queued).ToContainTextAsync("待审批");
        await PortalHost.ScreenshotAsync(reviewer, "drc-approval-queue");
        await reviewer.GetByRole(AriaRole.Link, new() { Name = "动态口令", Exact = true }).ClickAsync();
        await host.EnrolSecondFactorAsync(reviewer, "drc-reviewer");
        await reviewer.GetByRole(AriaRole.Button, new() { Name = "退出" }).ClickAsync();
        await host.SignInAsync(reviewer, "drc-reviewer");
        await reviewer.GotoAsync(tableUrl);
        await Assertions.Expect(reviewer.Locator("#movement-gate")).ToHaveCountAsync(0);
        await reviewer.GetByRole(AriaRole.Button, new() { Name = "批准并发放" }).ClickAsync();

        await Assertions.Expect(reviewer.Locator("#table-status")).ToHaveTextAsync("已批准并发放");
        await Assertions.Expect(reviewer.Locator("#approved-by")).ToContainTextAsync("drc-reviewer");
        await PortalHost.ScreenshotAsync(reviewer, "drc-table-approved");

        // The steel works' account now holds the allocation, and its ledger says where it came from.
        await reviewer.Locator("#entries").GetByRole(AriaRole.Link, new() { Name = SteelWorksName }).ClickAsync();
        await Assertions.Expect(reviewer.Locator("h1")).ToContainTextAsync(SteelWorksName);
        await Assertions.Expect(reviewer.Locator("#holdings tbody tr", new() { HasText = "2024" })).ToContainTextAsync("1,200,000");
        await Assertions.Expect(reviewer.Locator("#movements tbody tr").First).ToContainTextAsync("配额发放（预分配）");
        await Assertions.Expect(reviewer.Locator("#movements tbody tr").First).ToContainTextAsync("+1,200,000");
        await PortalHost.ScreenshotAsync(reviewer, "enterprise-account-allocated");
    }
}
