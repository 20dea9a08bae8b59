using System.Text;
using Mrv.EventStore;
using Mrv.EventStore.Http;
using Mrv.Registry.Documents;
using Mrv.Verification.Engagements;
using Mrv.Verification.Ports;

namespace Mrv.Registry.Verifying;

/// <summary>
/// Issues the signed verification report (核查报告): rendered in Chinese, its SHA-256 and template hash
/// recorded in a <c>document_issued</c> event and the file stored, inside the transaction that signs
/// the engagement off. The document's id follows from the engagement's, so an engagement has at most
/// one issued report: a second issue fails its whole transaction.
/// </summary>
public sealed class VerificationReportIssuer(
    EventLog log, TemplateCatalog templates, PdfPrinter printer, DocumentIssuer issuer, ILogger<VerificationReportIssuer> logger)
{
    public const string IssuedCulture = "zh-CN";

    public static Guid DocumentIdOf(Guid engagementId) => DocumentIssuer.IdFor(VerificationReportDocument.Kind, engagementId.ToString());

    /// <summary>Renders and issues the report of the engagement as it stands in <paramref name="transaction"/> (html or pdf).</summary>
    public async Task<IssuedDocument> IssueAsync(
        EventTransaction transaction, Guid engagementId, string format, EventMetadata metadata, DateTimeOffset issuedAt, CancellationToken ct)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var engagement = (await transaction.Documents.LoadAsync<Engagement>(Engagement.StreamId(engagementId), ct))!.Data;
        var model = await VerificationReportDocument.LoadAsync(log, engagement, IssuedCulture, issuedAt, ct);
        var rendered = templates.Render(VerificationReportDocument.Document, IssuedCulture, model);
        var renderedIn = clock.Elapsed;
        var bytes = format == "pdf" ? await printer.PrintAsync(rendered.Html, ct) : Encoding.UTF8.GetBytes(rendered.Html);
        var printedIn = clock.Elapsed - renderedIn;
        var issued = await issuer.IssueAsync(transaction, DocumentIdOf(engagementId), new DocumentToIssue(
                VerificationReportDocument.Kind, VerificationReportDocument.Subject(engagementId), VerificationReportDocument.Title(engagement, IssuedCulture),
                rendered, format, bytes, $"{VerificationReportDocument.FileStem(engagement)}.{IssuedCulture}.{format}"),
            metadata, issuedAt, ct);
        logger.LogInformation("Issued the verification report of engagement {Engagement} as {Format} ({Bytes} bytes): rendered in {Render} ms, printed in {Print} ms",
            engagementId, format, bytes.Length, (int)renderedIn.TotalMilliseconds, (int)printedIn.TotalMilliseconds);
        return issued;
    }

    /// <summary>
    /// Issues the report of every signed engagement that has none (the demo's, which are signed
    /// without the API), in one transaction; answers how many it issued. Running it again issues nothing.
    /// </summary>
    public async Task<int> IssueMissingAsync(string format, EventMetadata metadata, CancellationToken ct)
    {
        var signed = (await log.Documents.QueryAsync<Engagement>(
            new DocumentQuery { Contains = new { status = EngagementStatuses.Signed }, OrderBy = "enterpriseName", Limit = 100_000 }, ct)).Items.Select(d => d.Data).ToList();
        var issued = await issuer.IssuedAmongAsync([.. signed.Select(e => DocumentIdOf(e.Id))], ct);
        var missing = signed.Where(e => !issued.Contains(DocumentIdOf(e.Id))).ToList();
        if (missing.Count == 0) return 0;
        await using var transaction = await log.BeginAsync(ct);
        foreach (var engagement in missing)
        {
            await IssueAsync(transaction, engagement.Id, format, metadata, engagement.Completion!.SignedOffAt, ct);
        }
        await transaction.CommitAsync(ct);
        return missing.Count;
    }

    /// <summary>GET /api/v1/verification/engagements/{id}/documents — the reports issued for the engagement, to whoever sees it.</summary>
    public static async Task<IResult> ListIssued(Guid id, HttpContext http, EventLog log, DocumentIssuer issuer) =>
        await EngagementCommands.LoadVisibleAsync(http, log, id) is null
            ? Problems.NotFound(http)
            : TypedResults.Ok(await issuer.ListAsync(VerificationReportDocument.Subject(id), http.RequestAborted));

    /// <summary>GET /api/v1/verification/engagements/{id}/documents/{documentId} — exactly the bytes that were issued.</summary>
    public static async Task<IResult> DownloadIssued(Guid id, Guid documentId, HttpContext http, EventLog log, DocumentIssuer issuer) =>
        await EngagementCommands.LoadVisibleAsync(http, log, id) is null
            ? Problems.NotFound(http)
            : await issuer.DownloadAsync(documentId, VerificationReportDocument.Subject(id), http);
}

/// <summary>
/// The engagement's outcomes as the registry carries them: the annual report follows (see
/// <see cref="RegistryEngagementOutcomes"/>), and at sign-off the signed verification report is
/// issued as a PDF in the same transaction. When the PDF cannot be printed, nothing of the sign-off
/// is written and the signer is told so (503).
/// </summary>
public sealed class IssuingEngagementOutcomes(RegistryEngagementOutcomes report, VerificationReportIssuer reports) : IEngagementOutcomes
{
    public Task StartedAsync(EventTransaction transaction, VerificationStarted started, EventMetadata metadata, DateTimeOffset now, CancellationToken ct) =>
        report.StartedAsync(transaction, started, metadata, now, ct);

    public async Task SignedOffAsync(EventTransaction transaction, VerificationSignedOff signedOff, EventMetadata metadata, DateTimeOffset now, CancellationToken ct)
    {
        await report.SignedOffAsync(transaction, signedOff, metadata, now, ct);
        try
        {
            await reports.IssueAsync(transaction, signedOff.EngagementId, "pdf", metadata, now, ct);
        }
        catch (PdfUnavailableException e)
        {
            throw new PdfUnavailableException(new LocalizedText(
                "签字未生效：签发时须出具 PDF 格式的核查报告，" + e.Text.ZhCn + " 请稍后重新签字。",
                "Nothing was signed: the verification report is issued as a PDF at sign-off, and " + e.Text.En + " Sign again later."));
        }
    }
}
