using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using AngleSharp.Html.Parser;

namespace Mrv.Registry.Tests.Documents;

public sealed class CoveredListDocumentTests(RegistryFixture registry) : IClassFixture<RegistryFixture>
{
    [Fact]
    public async Task anyone_reads_the_covered_list_notice_as_html_in_chinese_and_english()
    {
        var anonymous = registry.Anonymous();
        var list = await (await anonymous.GetAsync("/api/v1/public/covered-list/2024")).JsonAsync();
        var names = list.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("nameZh").GetString()!).ToList();
        names.ShouldNotBeEmpty();

        var zh = await anonymous.GetAsync("/api/v1/public/covered-list/2024/document?format=html");
        zh.StatusCode.ShouldBe(HttpStatusCode.OK);
        zh.Content.Headers.ContentType!.MediaType.ShouldBe("text/html");
        zh.Headers.GetValues("X-Template-Hash").Single().ShouldMatch("^[0-9a-f]{64}$");
        var page = new HtmlParser().ParseDocument(await zh.Content.ReadAsStringAsync());
        page.QuerySelector("h1")!.TextContent.ShouldBe("2024年度纳入全国碳排放权交易市场重点排放单位名录");
        page.QuerySelector(".summary")!.TextContent.ShouldContain($"共纳入 {names.Count} 家");
        foreach (var name in names) page.Body!.TextContent.ShouldContain(name);

        var en = new HtmlParser().ParseDocument(await anonymous.GetStringAsync("/api/v1/public/covered-list/2024/document?lang=en"));
        en.QuerySelector("h1")!.TextContent.ShouldBe("Enterprises covered by the national carbon emission trading market, 2024");
    }

    [Fact]
    public async Task the_notice_prints_to_a_pdf_whose_text_holds_the_chinese_names_and_the_total()
    {
        var anonymous = registry.Anonymous();
        var list = await (await anonymous.GetAsync("/api/v1/public/covered-list/2024")).JsonAsync();
        var first = list.GetProperty("items")[0].GetProperty("nameZh").GetString()!;
        var total = list.GetProperty("total").GetInt32();

        var response = await anonymous.GetAsync("/api/v1/public/covered-list/2024/document?format=pdf");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/pdf");
        var text = PdfText(await response.Content.ReadAsByteArrayAsync());
        text.ShouldContain(first);
        text.ShouldContain($"共纳入 {total} 家");
        text.ShouldContain("合计");
    }

    [Fact]
    public async Task an_issued_notice_is_returned_byte_for_byte_and_verifies_while_an_edited_copy_does_not()
    {
        var drc = await registry.ClientAsync("drc");

        var issued = await drc.PostAsync("/api/v1/covered-list/2024/documents", null);

        issued.StatusCode.ShouldBe(HttpStatusCode.Created, await issued.Content.ReadAsStringAsync());
        var record = await issued.JsonAsync();
        record.GetProperty("kind").GetString().ShouldBe("covered_list_notice");
        record.GetProperty("templateHash").GetString()!.ShouldMatch("^[0-9a-f]{64}$");
        var anonymous = registry.Anonymous();
        var bytes = await anonymous.GetByteArrayAsync(issued.Headers.Location);
        Convert.ToHexStringLower(SHA256.HashData(bytes)).ShouldBe(record.GetProperty("sha256").GetString());
        (await (await anonymous.GetAsync("/api/v1/public/covered-list/2024/documents")).JsonAsync())
            .EnumerateArray().Select(d => d.GetProperty("documentId").GetString()).ShouldContain(record.GetProperty("documentId").GetString());

        var genuine = await (await anonymous.PostAsync("/api/v1/public/documents/check", Upload(bytes))).JsonAsync();
        genuine.GetProperty("authentic").GetBoolean().ShouldBeTrue();
        genuine.GetProperty("document").GetProperty("documentId").GetString().ShouldBe(record.GetProperty("documentId").GetString());

        var edited = (byte[])bytes.Clone();
        edited[edited.Length / 2] ^= 0x20;
        var forged = await (await anonymous.PostAsync("/api/v1/public/documents/check", Upload(edited))).JsonAsync();
        forged.GetProperty("authentic").GetBoolean().ShouldBeFalse();
        forged.GetProperty("document").ValueKind.ShouldBe(System.Text.Json.JsonValueKind.Null);

        var raw = await (await anonymous.PostAsync("/api/v1/public/documents/check", new ByteArrayContent(bytes))).JsonAsync();
        raw.GetProperty("authentic").GetBoolean().ShouldBeTrue();
    }

    [Fact]
    public async Task only_the_drc_issues_notices_and_a_bad_format_is_400()
    {
        var league = await registry.ClientAsync("league-baotou");
        await (await league.PostAsync("/api/v1/covered-list/2024/documents", null)).ShouldBeProblemAsync(HttpStatusCode.Forbidden);

        var problem = await (await registry.Anonymous().GetAsync("/api/v1/public/covered-list/2024/document?format=docx")).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        problem.ShouldNameField("format", "one_of");
    }

    static MultipartFormDataContent Upload(byte[] bytes)
    {
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        return new MultipartFormDataContent { { file, "file", "notice.pdf" } };
    }

    /// <summary>The text of a PDF, as poppler's pdftotext reads it.</summary>
    public static string PdfText(byte[] pdf)
    {
        var file = Path.GetTempFileName();
        try
        {
            File.WriteAllBytes(file, pdf);
            using var process = Process.Start(new ProcessStartInfo("pdftotext", [file, "-"]) { RedirectStandardOutput = true })!;
            var text = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return text;
        }
        finally
        {
            File.Delete(file);
        }
    }
}
