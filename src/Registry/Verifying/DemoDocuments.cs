using Mrv.EventStore;
using Mrv.Registry.Demo;
using Mrv.Registry.Documents;
using Mrv.Registry.Reporting;
using Mrv.Verification.Engagements;

namespace Mrv.Registry.Verifying;

/// <summary>
/// The demo's issued documents: the verification report of every signed engagement, and the
/// determination notices of a few determined 2023 reports (the demo enterprise's and those the spot
/// check drew). They are issued as HTML at the business time they stand for: printing a PDF takes
/// Chromium most of a second each, which would make every demo seed (and every test database) wait
/// a minute. Whatever is issued already is left alone, so seeding again issues nothing.
/// </summary>
public sealed class DemoDocuments(EventLog log, VerificationReportIssuer reports, DocumentIssuer issuer, TemplateCatalog templates, PdfPrinter printer)
{
    const string Format = "html";
    const string Culture = "zh-CN";
    const int LetterYear = 2023;

    static readonly EventMetadata Metadata = new(DemoData.Seeder, DemoData.Seeder, null);

    public async Task SeedAsync(TextWriter output, CancellationToken ct = default)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var issuedReports = await reports.IssueMissingAsync(Format, Metadata, ct);
        var issuedLetters = await IssueLettersAsync(ct);
        if (issuedReports + issuedLetters > 0)
        {
            output.WriteLine($"Demo documents: {issuedReports} verification reports and {issuedLetters} determination notices issued (HTML) in {clock.Elapsed.TotalSeconds:0.00} s.");
        }
    }

    async Task<int> IssueLettersAsync(CancellationToken ct)
    {
        var engagements = (await log.Documents.QueryAsync<Engagement>(
            new DocumentQuery { Contains = new { year = LetterYear, status = EngagementStatuses.Signed }, OrderBy = "enterpriseName", Limit = 100_000 }, ct))
            .Items.Select(d => d.Data);
        var letters = new List<(Guid Id, AnnualReport Report, Determination Determination)>();
        foreach (var engagement in engagements.Where(e => e.EnterpriseId == DemoData.DemoEnterpriseId || e.SpotCheck is not null))
        {
            var report = (await AnnualReport.LoadAsync(log, engagement.EnterpriseId, LetterYear, ct: ct)).State;
            if (report is { Status: ReportStatuses.Determined, Determination: { } determination })
            {
                letters.Add((DeterminationLetter.IdOf(report, determination, Culture), report, determination));
            }
        }
        var issued = await issuer.IssuedAmongAsync([.. letters.Select(l => l.Id)], ct);
        var missing = letters.Where(l => !issued.Contains(l.Id)).ToList();
        if (missing.Count == 0) return 0;
        await using var transaction = await log.BeginAsync(ct);
        foreach (var (id, report, determination) in missing)
        {
            var letter = await DeterminationLetter.PrepareAsync(log, templates, printer, report, Culture, Format, determination.DeterminedAt, ct);
            await issuer.IssueAsync(transaction, id, letter, Metadata, determination.DeterminedAt, ct);
        }
        await transaction.CommitAsync(ct);
        return missing.Count;
    }
}
