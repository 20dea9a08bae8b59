using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Mrv.Registry.Demo;
using Mrv.Registry.Tests.Monitoring;

namespace Mrv.Registry.Tests.Activity;

public sealed class EvidenceTests(RegistryFixture registry) : IClassFixture<RegistryFixture>
{
    static EvidenceTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");
    static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52];

    static async Task<HttpResponseMessage> UploadAsync(HttpClient client, Guid id, byte[] file, string contentType, string fileName = "invoice.pdf", int month = 1)
    {
        var content = new ByteArrayContent(file);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return await client.PostAsync($"/api/v1/enterprises/{id}/activity/2025/{month}/evidence?fileName={Uri.EscapeDataString(fileName)}&kind=invoice&description=煤款发票", content);
    }

    static byte[] Workbook()
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var entry in new[] { "[Content_Types].xml", "xl/workbook.xml" })
            {
                using var writer = new StreamWriter(zip.CreateEntry(entry).Open());
                writer.Write("<?xml version=\"1.0\"?><x/>");
            }
        }
        return buffer.ToArray();
    }

    Task<long> EvidenceRowsAsync(Guid id) => registry.CountAsync($"select count(*) from registry.evidence_files where enterprise_id = '{id}'");

    [Fact]
    public async Task an_evidence_file_is_stored_with_its_sha256_in_the_event_and_downloads_byte_for_byte()
    {
        var plant = await PlannedEnterprises.CreateAsync(registry);

        var response = await UploadAsync(plant.Enterprise, plant.Id, Pdf, "application/pdf");
        var again = await UploadAsync(plant.Enterprise, plant.Id, Pdf, "application/pdf");

        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var file = await response.JsonAsync();
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(Pdf));
        file.GetProperty("sha256").GetString().ShouldBe(sha256);
        file.GetProperty("sizeBytes").GetInt64().ShouldBe(Pdf.Length);
        again.Headers.Location.ShouldBe(response.Headers.Location);
        (await registry.CountAsync($"select count(*) from eventstore.events where stream_id = 'activity-{plant.Id}-2025' and data->>'sha256' = '{sha256}'")).ShouldBe(1);
        (await EvidenceRowsAsync(plant.Id)).ShouldBe(1);

        var download = await plant.Drc.GetAsync(response.Headers.Location);
        download.StatusCode.ShouldBe(HttpStatusCode.OK);
        download.Content.Headers.ContentType!.MediaType.ShouldBe("application/pdf");
        (await download.Content.ReadAsByteArrayAsync()).ShouldBe(Pdf);
        await (await (await registry.ClientAsync("enterprise-demo")).GetAsync(response.Headers.Location)).ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task images_workbooks_and_text_csv_are_accepted_when_their_bytes_say_so()
    {
        var plant = await PlannedEnterprises.CreateAsync(registry);

        (await UploadAsync(plant.Enterprise, plant.Id, Png, "image/png", "meter.png")).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await UploadAsync(plant.Enterprise, plant.Id, Workbook(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "lab.xlsx"))
            .StatusCode.ShouldBe(HttpStatusCode.Created);
        (await UploadAsync(plant.Enterprise, plant.Id, Encoding.GetEncoding("GB18030").GetBytes("日期,读数\n2025-01-31,1200\n"), "text/csv", "抄表.csv"))
            .StatusCode.ShouldBe(HttpStatusCode.Created);
        (await EvidenceRowsAsync(plant.Id)).ShouldBe(3);
    }

    [Fact]
    public async Task a_file_whose_bytes_are_not_its_declared_type_or_of_another_type_or_too_large_is_refused_and_nothing_is_kept()
    {
        var plant = await PlannedEnterprises.CreateAsync(registry);
        var executable = new byte[] { 0x4D, 0x5A, 0x90, 0x00, 0x03, 0x00 };

        var disguised = await UploadAsync(plant.Enterprise, plant.Id, executable, "application/pdf", "invoice.pdf");
        var zipNotWorkbook = await UploadAsync(plant.Enterprise, plant.Id, [0x50, 0x4B, 0x03, 0x04, 0, 0], "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "x.xlsx");
        var binaryCsv = await UploadAsync(plant.Enterprise, plant.Id, executable, "text/csv", "x.csv");
        var word = await UploadAsync(plant.Enterprise, plant.Id, Pdf, "application/msword", "x.doc");
        var tooLarge = await UploadAsync(plant.Enterprise, plant.Id, [.. Pdf, .. new byte[20 * 1024 * 1024]], "application/pdf", "big.pdf");
        var pathName = await UploadAsync(plant.Enterprise, plant.Id, Pdf, "application/pdf", "../../etc/passwd");

        (await disguised.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).ShouldNameField("body", "content_mismatch");
        (await zipNotWorkbook.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).ShouldNameField("body", "content_mismatch");
        (await binaryCsv.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).ShouldNameField("body", "content_mismatch");
        await word.ShouldBeProblemAsync(HttpStatusCode.UnsupportedMediaType);
        await tooLarge.ShouldBeProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        (await pathName.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).ShouldNameField("fileName", "file_name");
        (await EvidenceRowsAsync(plant.Id)).ShouldBe(0);
        (await registry.CountAsync($"select count(*) from eventstore.events where stream_id = 'activity-{plant.Id}-2025'")).ShouldBe(0);
    }

    [Fact]
    public async Task a_file_changed_behind_the_registrys_back_is_no_longer_served()
    {
        var plant = await PlannedEnterprises.CreateAsync(registry);
        var location = (await UploadAsync(plant.Enterprise, plant.Id, Pdf, "application/pdf")).Headers.Location!;

        await registry.Database.ExecuteAsAdminAsync($"update registry.evidence_files set bytes = '\\x255044462d'::bytea where enterprise_id = '{plant.Id}'");

        var problem = await (await plant.Enterprise.GetAsync(location)).ShouldBeProblemAsync(HttpStatusCode.InternalServerError);
        problem.GetProperty("type").GetString().ShouldBe("/problems/evidence-integrity");
    }

    [Fact]
    public async Task the_demo_enterprise_has_a_meter_reading_on_record_for_january()
    {
        var month = await (await (await registry.ClientAsync("enterprise-demo")).GetAsync($"/api/v1/enterprises/{DemoData.DemoEnterpriseId}/activity/2024/1")).JsonAsync();

        var evidence = month.GetProperty("evidence")[0];
        evidence.GetProperty("kind").GetString().ShouldBe("meter_reading");
        var file = await (await registry.ClientAsync("drc")).GetAsync(
            $"/api/v1/enterprises/{DemoData.DemoEnterpriseId}/activity/2024/1/evidence/{evidence.GetProperty("evidenceId").GetGuid()}");
        Convert.ToHexStringLower(SHA256.HashData(await file.Content.ReadAsByteArrayAsync())).ShouldBe(evidence.GetProperty("sha256").GetString());
    }
}
