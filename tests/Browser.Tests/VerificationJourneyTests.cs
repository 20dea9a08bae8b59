using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Mrv.Registry.Demo;
using Mrv.Verification.Assignment;

namespace Mrv.Browser.Tests;

[Collection("portal")]
public sealed class VerificationJourneyTests(PortalHost host)
{
    const string ReviewerPassword = "review-pass-2024";
    const string EnterprisePassword = "answer-pass-2024";

    [Fact]
    public async Task the_verifier_raises_a_finding_the_enterprise_answers_it_and_two_different_people_sign_the_opinion()
    {
        // A 2024 engagement of 北方碳核查 that 王建国 (verifier-demo) leads, with its site visit done; the
        // technical reviewer and an energy manager of the enterprise get accounts through the API.
        using var drc = await host.ApiAsync("drc", DemoData.Password);
        var engagement = await PlannedEngagementLedByAsync(drc, "verifier-demo");
        var id = engagement.GetProperty("id").GetString()!;
        var enterpriseId = engagement.GetProperty("enterpriseId").GetGuid();
        var enterpriseName = engagement.GetProperty("enterpriseName").GetString()!;
        var reviewer = engagement.GetProperty("team").GetProperty("reviewer");
        var reviewerLogin = reviewer.GetProperty("username").GetString()!;
        var reviewerName = reviewer.GetProperty("nameZh").GetString()!;
        var findingsBefore = engagement.GetProperty("findings").GetArrayLength();
        var openBefore = engagement.GetProperty("findings").EnumerateArray().Count(f => f.GetProperty("status").GetString() != "closed");
        var number = findingsBefore + 1;
        var enterpriseLogin = "energy-manager-" + enterpriseId.ToString("N")[..8];
        (await drc.PostAsJsonAsync("/api/v1/users", new { username = reviewerLogin, password = ReviewerPassword, role = "verifier", agencyId = DemoData.DemoAgencyId }))
            .EnsureSuccessStatusCode();
        (await drc.PostAsJsonAsync("/api/v1/users", new { username = enterpriseLogin, password = EnterprisePassword, role = "enterprise", enterpriseId }))
            .EnsureSuccessStatusCode();

        // The lead verifier finds the engagement in the agency's queue.
        var verifier = await host.NewPageAsync();
        await host.SignInAsync(verifier, "verifier-demo");
        await Assertions.Expect(verifier.Locator("h1")).ToHaveTextAsync("核查任务");
        await verifier.GetByLabel("数据年度").SelectOptionAsync("2024");
        await verifier.GetByLabel("状态").SelectOptionAsync("planned");
        await verifier.GetByRole(AriaRole.Button, new() { Name = "筛选" }).ClickAsync();
        await verifier.Locator($"#queue a[href='/verification/engagements/{id}']").ClickAsync();
        await Assertions.Expect(verifier.Locator("h1")).ToContainTextAsync($"{enterpriseName} 2024 年度核查");
        await Assertions.Expect(verifier.Locator("#engagement-status")).ToHaveTextAsync("核查中");

        // A finding without a description is refused by the field; with one it is raised.
        await verifier.Locator("#raise summary").ClickAsync();
        await verifier.GetByLabel("排放源", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Index = 1 });
        await verifier.GetByLabel("月份", new() { Exact = true }).SelectOptionAsync("9");
        await verifier.GetByRole(AriaRole.Button, new() { Name = "提出不符合项" }).ClickAsync();
        await Assertions.Expect(verifier.Locator("#description-error")).ToBeVisibleAsync();
        await Assertions.Expect(verifier.GetByLabel("不符合情况描述")).ToHaveAttributeAsync("aria-invalid", "true");
        await verifier.GetByLabel("不符合情况描述").FillAsync("9 月入炉煤低位发热量化验报告缺失，无法核实实测值。");
        await verifier.GetByLabel("建议更正（可选）").FillAsync("补充 9 月化验报告，或改用缺省值。");
        await verifier.GetByRole(AriaRole.Button, new() { Name = "提出不符合项" }).ClickAsync();
        await Assertions.Expect(verifier.GetByRole(AriaRole.Status)).ToHaveTextAsync("已提出不符合项，等待企业答复。");
        var card = Finding(verifier, number);
        await Assertions.Expect(card.Locator(".finding-status")).ToHaveTextAsync("待企业答复");
        await Assertions.Expect(card).ToContainTextAsync("9月");
        await PortalHost.ScreenshotAsync(verifier, "verifier-finding-raised");

        // The enterprise sees the open findings on its dashboard and answers the new one.
        var enterprise = await host.NewPageAsync();
        await host.SignInAsync(enterprise, enterpriseLogin, EnterprisePassword);
        await Assertions.Expect(enterprise.Locator("#open-findings")).ToHaveTextAsync($"未关闭的不符合项：{openBefore + 1} 项");
        await enterprise.Locator("#open-findings").ClickAsync();
        await Assertions.Expect(enterprise.Locator("h1")).ToContainTextAsync("核查不符合项");
        await enterprise.GetByLabel($"答复不符合项 #{number}").FillAsync("已补充 9 月化验报告原件，实测值与报告一致。");
        await Finding(enterprise, number).GetByLabel("已通过月度数据更正（附理由）").CheckAsync();
        await Finding(enterprise, number).GetByRole(AriaRole.Button, new() { Name = "提交答复" }).ClickAsync();
        await Assertions.Expect(enterprise.GetByRole(AriaRole.Status)).ToHaveTextAsync("答复已提交，等待核查机构处理。");
        await Assertions.Expect(Finding(enterprise, number).Locator(".finding-status")).ToHaveTextAsync("企业已答复");
        await Assertions.Expect(Finding(enterprise, number)).ToContainTextAsync("已补充 9 月化验报告原件");
        await PortalHost.ScreenshotAsync(enterprise, "enterprise-finding-answered");

        // The verifier reads the answer, closes the finding and issues the opinion at the reported figures.
        await verifier.ReloadAsync();
        await Assertions.Expect(Finding(verifier, number)).ToContainTextAsync("已补充 9 月化验报告原件");
        await verifier.GetByLabel($"不符合项 #{number} 的处理说明").FillAsync("化验报告已核对，关闭。");
        await verifier.GetByRole(AriaRole.Button, new() { Name = $"关闭 #{number}" }).ClickAsync();
        await Assertions.Expect(verifier.GetByRole(AriaRole.Status)).ToHaveTextAsync("不符合项已关闭。");
        await Assertions.Expect(Finding(verifier, number).Locator(".finding-status")).ToHaveTextAsync("已关闭");

        var reported = (await verifier.Locator("#reported-tco2").TextContentAsync())!;
        await verifier.GetByLabel("核查结论", new() { Exact = true }).SelectOptionAsync("pass");
        await verifier.GetByLabel("结论说明").FillAsync("排放报告数据真实、准确，符合核算与报告指南要求。");
        await verifier.GetByRole(AriaRole.Button, new() { Name = "出具核查结论" }).ClickAsync();
        await Assertions.Expect(verifier.GetByRole(AriaRole.Status)).ToHaveTextAsync("核查结论已出具，等待签字。");
        await Assertions.Expect(verifier.Locator("#opinion-value")).ToHaveTextAsync("通过");
        await Assertions.Expect(verifier.Locator("#verified-tco2")).ToHaveTextAsync(reported);

        // The lead signs; the page says the reviewer still must, and offers the lead no reviewer's signature.
        await verifier.GetByRole(AriaRole.Button, new() { Name = "以核查组长身份签字" }).ClickAsync();
        await Assertions.Expect(verifier.GetByRole(AriaRole.Status)).ToHaveTextAsync("已签字。");
        await Assertions.Expect(verifier.Locator("#signature-lead")).ToContainTextAsync("已签字");
        await Assertions.Expect(verifier.Locator("#signature-reviewer")).ToContainTextAsync(reviewerName);
        await Assertions.Expect(verifier.Locator("#signature-reviewer")).ToContainTextAsync("待签字");
        await Assertions.Expect(verifier.GetByRole(AriaRole.Button, new() { Name = "以技术复核人身份签字" })).ToHaveCountAsync(0);
        await Assertions.Expect(verifier.Locator("#engagement-status")).ToHaveTextAsync("已出具结论");
        await PortalHost.ScreenshotAsync(verifier, "verifier-engagement");
        await PortalHost.ScreenshotBetweenAsync(verifier, "verifier-engagement-opinion", Finding(verifier, number), verifier.Locator("#signatures"));

        // The technical reviewer, a second person, signs: the engagement is signed off and the report verified.
        var second = await host.NewPageAsync();
        await host.SignInAsync(second, reviewerLogin, ReviewerPassword);
        await second.Locator($"#queue a[href='/verification/engagements/{id}']").ClickAsync();
        await second.GetByRole(AriaRole.Button, new() { Name = "以技术复核人身份签字" }).ClickAsync();
        await Assertions.Expect(second.Locator("#engagement-status")).ToHaveTextAsync("已签发");
        await Assertions.Expect(second.Locator("#signature-reviewer")).ToContainTextAsync("已签字");
        await Assertions.Expect(second.Locator("#signature-lead")).ToContainTextAsync("已签字");
        await Assertions.Expect(second.Locator("#signed-off")).ToContainTextAsync($"核查排放量 {reported} 吨CO₂");
        await Assertions.Expect(second.Locator("#report-status")).ToContainTextAsync("已核查");
        await PortalHost.ScreenshotAsync(second, "verifier-engagement-signed");

        // On a tablet the page keeps to the screen's width; wide tables scroll inside themselves.
        await second.SetViewportSizeAsync(768, 1024);
        (await second.EvaluateAsync<int>("() => document.documentElement.scrollWidth")).ShouldBeLessThanOrEqualTo(768);
        await Assertions.Expect(second.Locator("#signatures")).ToBeVisibleAsync();
        await PortalHost.ScreenshotAsync(second, "verifier-engagement-tablet");
    }

    [Fact]
    public async Task the_drc_draws_an_agency_for_a_waiting_report_and_sees_the_seed_and_the_candidates()
    {
        await host.WaitForProjectionsAsync();
        var page = await host.NewPageAsync();
        await host.SignInAsync(page, "drc");
        await page.GetByRole(AriaRole.Link, new() { Name = "第三方核查" }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("2024 年度核查分配");
        var waiting = page.Locator("#awaiting tbody tr");
        (await waiting.CountAsync()).ShouldBeGreaterThan(0);
        var enterpriseName = (await waiting.First.Locator("td").First.TextContentAsync())!.Trim();
        await waiting.First.GetByRole(AriaRole.Link, new() { Name = "资格与分配" }).ClickAsync();

        // Every agency is listed; the suspended and the blacklisted one say why they are out.
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync($"{enterpriseName} 2024 年度核查分配");
        await Assertions.Expect(page.Locator("#eligibility tbody tr")).ToHaveCountAsync(5);
        await Assertions.Expect(page.Locator("#eligibility")).ToContainTextAsync("已列入黑名单");
        await Assertions.Expect(page.Locator("#eligibility")).ToContainTextAsync("暂停业务至");
        var eligible = await page.Locator("#eligibility .badge.green").CountAsync();
        eligible.ShouldBeGreaterThan(0);
        await PortalHost.ScreenshotAsync(page, "drc-eligibility");

        await page.GetByRole(AriaRole.Button, new() { Name = "随机抽取核查机构" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("已随机抽取核查机构。");
        var seed = (await page.Locator("#draw-seed").TextContentAsync())!;
        seed.ShouldMatch("^[0-9a-f]{32}$");
        var candidates = page.Locator("#draw-candidates tbody tr");
        await Assertions.Expect(candidates).ToHaveCountAsync(eligible);
        var drawn = (await page.Locator("#assigned-agency").TextContentAsync())!;
        await Assertions.Expect(page.Locator("#draw-candidates tr.chosen")).ToContainTextAsync(drawn);

        // Anyone can re-run the draw from what the page shows: the seed and the candidates' ids.
        var ids = new List<string>();
        for (var i = 0; i < eligible; i++) ids.Add((await candidates.Nth(i).Locator("td code").First.TextContentAsync())!);
        var rerun = SeededDraw.PickOne(seed, ids);
        await Assertions.Expect(page.Locator("#draw-candidates tr.chosen td code").First).ToHaveTextAsync(rerun!);
        await PortalHost.ScreenshotAsync(page, "drc-random-draw");

        await page.GotoAsync("/drc/assignments?year=2024");
        await Assertions.Expect(page.Locator("#awaiting")).Not.ToContainTextAsync(enterpriseName);
    }

    [Fact]
    public async Task the_public_reads_the_blacklist_without_signing_in()
    {
        var page = await host.NewPageAsync();
        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Link, new() { Name = "核查机构黑名单", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("第三方核查机构黑名单");
        await Assertions.Expect(page.Locator("#blacklist tbody tr")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("#blacklist")).ToContainTextAsync("鄂尔多斯绿源核查有限公司");
        await Assertions.Expect(page.Locator("#blacklist")).ToContainTextAsync("2028年11月14日");
        await page.GetByRole(AriaRole.Button, new() { Name = "English" }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Blacklist of third-party verification agencies");
        await Assertions.Expect(page.Locator("#blacklist")).ToContainTextAsync("Five years");
    }

    static ILocator Finding(IPage page, int number) =>
        page.Locator("article.finding").Filter(new() { Has = page.GetByRole(AriaRole.Heading, new() { NameRegex = new Regex($"^不符合项 #{number} ") }) });

    static async Task<JsonElement> PlannedEngagementLedByAsync(HttpClient drc, string lead)
    {
        var list = await drc.GetFromJsonAsync<JsonElement>($"/api/v1/verification/engagements?year=2024&status=planned&agency={DemoData.DemoAgencyId}");
        foreach (var item in list.GetProperty("items").EnumerateArray())
        {
            var engagement = (await drc.GetFromJsonAsync<JsonElement>($"/api/v1/verification/engagements/{item.GetProperty("id").GetString()}")).GetProperty("engagement");
            if (engagement.GetProperty("team").GetProperty("lead").GetProperty("username").GetString() == lead &&
                engagement.GetProperty("siteVisits").GetArrayLength() > 0 && engagement.GetProperty("documentReviews").GetArrayLength() > 0)
            {
                return engagement;
            }
        }
        throw new InvalidOperationException($"The demo has no planned 2024 engagement led by {lead} with its fieldwork done.");
    }
}
