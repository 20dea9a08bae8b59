using Microsoft.Playwright;

namespace Mrv.Browser.Tests;

[Collection("portal")]
public sealed class DrcJourneyTests(PortalHost host)
{
    [Fact]
    public async Task the_drc_registers_an_enterprise_sees_the_check_digit_error_by_the_field_and_fixes_it()
    {
        var page = await host.NewPageAsync();
        await host.SignInAsync(page, "drc");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("企业名录");

        await page.GetByRole(AriaRole.Link, new() { Name = "登记企业" }).ClickAsync();
        // A GB 32100 code typed with its check character wrong.
        var valid = Mrv.Registry.Enterprises.CreditCode.Complete("91150207MA0Q8XYP1");
        var mistyped = valid[..17] + (valid[17] == '0' ? '1' : '0');
        await page.GetByLabel("统一社会信用代码").FillAsync(mistyped);
        await page.GetByLabel("单位名称（中文）").FillAsync("包头测试新材料有限公司");
        await page.GetByLabel("盟市", new() { Exact = true }).SelectOptionAsync("150200");
        await page.GetByLabel("旗县区代码").FillAsync("150207");
        await page.GetByLabel("行业", new() { Exact = true }).SelectOptionAsync("chemical");
        await page.GetByLabel("国民经济行业代码").FillAsync("2614");
        await page.GetByLabel("地址", new() { Exact = true }).FillAsync("包头市九原区建华南路1号");
        await page.GetByLabel("联系人", new() { Exact = true }).FillAsync("王工");
        await page.GetByLabel("联系电话").FillAsync("0472-1234567");
        await page.GetByRole(AriaRole.Button, new() { Name = "登记" }).ClickAsync();

        var error = page.Locator("#creditCode-error");
        await Assertions.Expect(error).ToContainTextAsync("校验码");
        await Assertions.Expect(page.GetByLabel("统一社会信用代码")).ToHaveAttributeAsync("aria-invalid", "true");
        await PortalHost.ScreenshotAsync(page, "drc-register-error");

        await page.GetByLabel("统一社会信用代码").FillAsync(valid);
        await page.GetByRole(AriaRole.Button, new() { Name = "登记" }).ClickAsync();

        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("包头测试新材料有限公司");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("150207");
        await PortalHost.ScreenshotAsync(page, "drc-enterprise-registered");
    }

    [Fact]
    public async Task the_drc_imports_a_gbk_file_sees_every_bad_row_and_then_imports_the_corrected_file()
    {
        System.Text.Encoding.RegisterProvider(System.Text.CodePagesEncodingProvider.Instance);
        var gbk = System.Text.Encoding.GetEncoding("GB18030");
        string Code(int n) => Mrv.Registry.Enterprises.CreditCode.Complete($"91150602MA0R{n:D4}A");
        var header = "credit_code,name_zh,league_code,county_code,industry,gbt4754_code,address,contact_name,contact_phone";
        string Row(int n, string county) => $"{Code(n)},鄂尔多斯导入测试{n}号化工有限公司,150600,{county},chemical,2614,鄂尔多斯市东胜区,李工,0477-1234567";
        var folder = Directory.CreateTempSubdirectory("mrv-import-").FullName;
        var bad = Path.Combine(folder, "bad.csv");
        var good = Path.Combine(folder, "good.csv");
        await File.WriteAllBytesAsync(bad, gbk.GetBytes(string.Join("\r\n", header, Row(1, "150602"), Row(2, "150299"), Row(3, "150602"))));
        await File.WriteAllBytesAsync(good, gbk.GetBytes(string.Join("\r\n", header, Row(1, "150602"), Row(2, "150602"), Row(3, "150602"))));

        var page = await host.NewPageAsync();
        await host.SignInAsync(page, "drc");
        await page.GetByRole(AriaRole.Link, new() { Name = "批量导入" }).ClickAsync();
        await page.GetByLabel("CSV 文件").SetInputFilesAsync(bad);
        await page.GetByRole(AriaRole.Button, new() { Name = "导入" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("未导入任何数据");
        var errors = page.Locator("#row-errors tbody tr");
        await Assertions.Expect(errors).ToHaveCountAsync(1);
        await Assertions.Expect(errors.First).ToContainTextAsync("3");
        await Assertions.Expect(errors.First).ToContainTextAsync("county_code");
        await PortalHost.ScreenshotAsync(page, "drc-import-errors");

        await page.GetByLabel("CSV 文件").SetInputFilesAsync(good);
        await page.GetByRole(AriaRole.Button, new() { Name = "导入" }).ClickAsync();
        await Assertions.Expect(page.Locator("#import-result")).ToContainTextAsync("新登记 3 家");

        await page.GotoAsync("/drc/enterprises?q=" + Uri.EscapeDataString("鄂尔多斯导入测试"));
        await Assertions.Expect(page.Locator("tbody tr")).ToHaveCountAsync(3);
    }
}
