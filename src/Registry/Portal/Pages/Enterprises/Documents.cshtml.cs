using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Mrv.EventStore;
using Mrv.EventStore.Http;
using Mrv.Registry.Calendar;
using Mrv.Registry.Documents;
using Mrv.Registry.Enterprises;
using Mrv.Registry.Reporting;
using Mrv.Registry.Verifying;
using Mrv.Verification.Engagements;
using Mrv.Verification.Ports;

namespace Mrv.Registry.Portal.Pages.Enterprises;

/// <summary>
/// An enterprise's documents, year by year: the annual emission report as it renders now, and what
/// was issued about it — the verification report signed off, the DRC's determination notice — each
/// with its exact file, issue time and SHA-256. Lists and files come through the API's own handlers
/// and routes; the DRC issues a determination notice here as it would through the API.
/// </summary>
[Authorize(Roles = EnterpriseAccess.ReaderRoles)]
public sealed class DocumentsModel(EventLog log, IVerificationSubjects subjects, DocumentIssuer issuer, TemplateCatalog templates, PdfPrinter printer,
    TimeProvider time) : PageModel
{
    /// <summary>An issued document and where its file is downloaded.</summary>
    public sealed record Issued(IssuedDocument Document, string Href);

    /// <summary>The engagement on a year's report, with the verification report issued at its sign-off (if any).</summary>
    public sealed record EngagementDocuments(Engagement Engagement, IReadOnlyList<Issued> Reports);

    public sealed record YearDocuments(int Year, ReportView Report, IReadOnlyList<EngagementDocuments> Engagements, IReadOnlyList<Issued> Letters)
    {
        public bool Determined => Report.Status == ReportStatuses.Determined;
    }

    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }
    [BindProperty(SupportsGet = true, Name = "issued")] public int? JustIssued { get; set; }

    public string EnterpriseName { get; private set; } = "";
    public IReadOnlyList<YearDocuments> Years { get; private set; } = [];
    public string? Problem { get; private set; }
    public bool IsDrc => Caller.From(User)?.IsDrc == true;

    /// <summary>Whether the DRC may issue the year's determination notice in the visitor's language: determined, and none issued in it yet.</summary>
    public bool CanIssueLetter(YearDocuments year) => IsDrc && year.Determined && year.Letters.All(l => l.Document.Culture != PortalText.Culture);

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() ? Page() : NotFound();

    public async Task<IActionResult> OnPostIssueLetterAsync(int year)
    {
        if (!IsDrc) return HandlerRoles.Forbidden();
        FormOutcome outcome;
        try
        {
            outcome = await PortalCommands.RunAsync(HttpContext, new object(),
                () => DeterminationLetter.Issue(Id, year, HttpContext, log, templates, printer, issuer, time));
        }
        catch (PdfUnavailableException unavailable)
        {
            outcome = FormOutcome.None with { Status = StatusCodes.Status503ServiceUnavailable, Message = unavailable.Text.ToString() };
        }
        if (outcome.Status == 404) return NotFound();
        if (outcome.Succeeded) return LocalRedirect($"/enterprises/{Id}/documents?issued={year}#year-{year}");
        Problem = outcome.Message;
        return await LoadAsync() ? Page() : NotFound();
    }

    async Task<bool> LoadAsync()
    {
        var enterprise = await EnterpriseAccess.LoadVisibleAsync(HttpContext, log, Id);
        if (enterprise is null) return false;
        EnterpriseName = enterprise.Data.NameZh;
        var engagements = await VerificationOf.EnterpriseAsync(HttpContext, log, subjects, time, Id);
        var thisYear = time.GetUtcNow().ToOffset(ComplianceCalendar.ChinaStandardTime).Year;
        // The reports of the recent years in one round trip.
        var reports = await ReportAssembler.LoadAsync(log, Id, [.. Enumerable.Range(thisYear - 4, 5).Reverse()], null, HttpContext.RequestAborted);
        var years = new List<YearDocuments>();
        foreach (var (year, sources) in reports.OrderByDescending(r => r.Key))
        {
            var report = GetReport.ViewOf(sources, null);
            var letters = await IssuedAsync(() => DeterminationLetter.ListIssued(Id, year, HttpContext, log, issuer), $"/api/v1/enterprises/{Id}/reports/{year}/documents");
            var onReport = new List<EngagementDocuments>();
            foreach (var engagement in engagements.Select(v => v.Engagement).Where(e => e.Year == year && e.Status != EngagementStatuses.Declined))
            {
                onReport.Add(new EngagementDocuments(engagement, await IssuedAsync(
                    () => VerificationReportIssuer.ListIssued(engagement.Id, HttpContext, log, issuer), $"/api/v1/verification/engagements/{engagement.Id}/documents")));
            }
            if (report.Status == ReportStatuses.None && report.Calculation.ByMonth.Count == 0 && onReport.Count == 0 && letters.Count == 0) continue;
            years.Add(new YearDocuments(year, report, onReport, letters));
        }
        Years = years;
        return true;
    }

    async Task<IReadOnlyList<Issued>> IssuedAsync(Func<Task<IResult>> list, string downloads) =>
        [.. (await PortalReads.GetAsync<List<IssuedDocument>>(HttpContext, list) ?? []).Select(d => new Issued(d, $"{downloads}/{d.DocumentId}"))];
}
