using System.Globalization;
using Mrv.EventStore;
using Mrv.EventStore.Http;
using Mrv.Registry.Calendar;
using Mrv.Registry.Documents;
using Mrv.Registry.Enterprises;
using Mrv.Verification.Agencies;
using Mrv.Verification.Engagements;

namespace Mrv.Registry.Reporting;

/// <summary>
/// 碳排放核定通知书 — the DRC's notice to an enterprise of the figures it determined (核定) for a year:
/// the determined emissions and energy, whether the verified figures were accepted or others
/// determined (with the reason), the reported, verified and determined figures side by side, and
/// the verification behind them (agency, opinion, sign-off). Built from the annual report, the
/// enterprise and the engagement; issued by the DRC once per determination and language.
/// </summary>
public sealed record DeterminationLetter(
    int Year, string EnterpriseName, string? EnterpriseNameEn, string CreditCode, string League, string Industry, string? Address,
    decimal DeterminedTco2, decimal DeterminedEnergyTce, string Basis, string? Reason, DateTimeOffset DeterminedAt, DataTable Figures,
    int? SubmissionNo, DateTimeOffset? SubmittedAt, string? AgencyName, Guid? EngagementId, string? Opinion, DateTimeOffset? VerifiedAt,
    DateTimeOffset LetterDate, Letterhead Letterhead, Footer Footer)
{
    public const string Document = "determination-letter";
    public const string Kind = "determination_letter";

    public static string Subject(Guid enterpriseId, int year) => $"report/{enterpriseId}/{year}";

    /// <summary>One letter per determination and language: a report determined again (after reopening) gets a new one.</summary>
    public static Guid IdOf(AnnualReport report, Determination determination, string culture) =>
        DocumentIssuer.IdFor(Kind, $"{report.EnterpriseId}:{report.Year}:{determination.DeterminedAt.UtcTicks.ToString(CultureInfo.InvariantCulture)}:{culture}");

    /// <summary>The determination the letter notifies, or the rule violation when the report is not determined.</summary>
    public static Determination DeterminationOf(AnnualReport report, int year) => report is { Status: ReportStatuses.Determined, Determination: { } determination }
        ? determination
        : throw new DomainRuleViolation("report.not_determined_for_letter",
            $"该企业 {year} 年度排放报告当前状态为“{Labels.Of("report_status", report.Status, "zh-CN")}”，尚未核定，不能出具核定通知书。",
            $"The {year} annual report is '{Labels.Of("report_status", report.Status, "en")}', not determined; there is no determination notice to issue.");

    public static DeterminationLetter Build(
        AnnualReport report, Enterprise enterprise, Engagement? engagement, Agency? agency, string culture, DateTimeOffset letterDate)
    {
        var zh = culture == "zh-CN";
        var determination = DeterminationOf(report, report.Year);
        var reported = report.Submission?.Snapshot.Calculation;
        var verified = report.Verification?.Figures;
        string Tonnes(decimal? value) => DocumentHelpers.Number(value, 3);
        DataRow Row(string item, decimal? tco2, decimal? tce) => new([new(item), new(Tonnes(tco2), true), new(Tonnes(tce), true)]);
        var rows = new List<DataRow>
        {
            Row(zh ? "企业报告值" : "Reported by the enterprise", reported?.TotalTco2, reported?.EnergyTce),
            Row(zh ? "第三方核查值" : "Verified by the agency", verified?.EmissionsTco2, verified?.EnergyTce),
            Row(zh ? "核定值" : "Determined", determination.EmissionsTco2, determination.EnergyTce),
        };
        if (verified is not null)
        {
            string Difference(decimal determined, decimal from) => DocumentHelpers.SignedNumber(determined - from, 3) +
                (from == 0 ? "" : $" ({DocumentHelpers.SignedNumber(Math.Round((determined - from) / from * 100m, 2, MidpointRounding.AwayFromZero), 2)}%)");
            rows.Add(new([new(zh ? "核定值与核查值之差" : "Determined less verified"),
                new(Difference(determination.EmissionsTco2, verified.EmissionsTco2), true), new(Difference(determination.EnergyTce, verified.EnergyTce), true)]));
        }
        var figures = new DataTable(
            [new(zh ? "项目" : "Item"), new(zh ? "排放量（吨二氧化碳）" : "Emissions (t CO₂)", true), new(zh ? "综合能源消费量（吨标准煤）" : "Energy (tce)", true)],
            rows);
        var league = Regions.Leagues.Find(enterprise.LeagueCode);
        return new DeterminationLetter(
            report.Year, enterprise.NameZh, enterprise.NameEn, enterprise.CreditCode, (zh ? league?.NameZh : league?.NameEn) ?? enterprise.LeagueCode,
            enterprise.Industry, enterprise.Address, determination.EmissionsTco2, determination.EnergyTce, determination.Basis, determination.Reason,
            determination.DeterminedAt, figures, report.Submission?.Number, report.Submission?.SubmittedAt,
            agency is null ? engagement?.AgencyName : zh || agency.NameEn is null ? agency.NameZh : agency.NameEn,
            report.Verification?.EngagementId, verified?.Opinion, verified?.RecordedAt, letterDate,
            new Letterhead(DocumentParts.Drc.For(new CultureInfo(culture)), null),
            DocumentParts.Footer(culture, letterDate));
    }

    /// <summary>The letter of a determined report in a language and format, ready to issue.</summary>
    public static async Task<DocumentToIssue> PrepareAsync(EventLog log, TemplateCatalog templates, PdfPrinter printer, AnnualReport report,
        string culture, string format, DateTimeOffset letterDate, CancellationToken ct)
    {
        var rendered = templates.Render(Document, culture, await LoadAsync(log, report, culture, letterDate, ct));
        var bytes = format == "pdf" ? await printer.PrintAsync(rendered.Html, ct) : System.Text.Encoding.UTF8.GetBytes(rendered.Html);
        var title = culture == "zh-CN"
            ? $"{report.EnterpriseName} {report.Year}年度碳排放核定通知书"
            : $"Determination notice of emissions and energy {report.Year}: {report.EnterpriseName}";
        return new DocumentToIssue(Kind, Subject(report.EnterpriseId, report.Year), title, rendered, format, bytes,
            $"determination-letter-{report.EnterpriseId:N}-{report.Year}.{culture}.{format}");
    }

    static async Task<DeterminationLetter> LoadAsync(EventLog log, AnnualReport report, string culture, DateTimeOffset letterDate, CancellationToken ct)
    {
        var enterprise = (await log.Documents.LoadAsync<Enterprise>(Enterprise.StreamId(report.EnterpriseId), ct))!.Data;
        var engagement = report.Verification is { } verification
            ? (await log.Documents.LoadAsync<Engagement>(Engagement.StreamId(verification.EngagementId), ct))?.Data
            : null;
        var agency = engagement is null ? null : (await log.Documents.LoadAsync<Agency>(Agency.StreamId(engagement.AgencyId), ct))?.Data;
        return Build(report, enterprise, engagement, agency, culture, letterDate);
    }

    /// <summary>The report of a visible enterprise-year, or the problem to answer.</summary>
    static async Task<(AnnualReport? Report, IResult? Problem)> ReportAsync(Guid id, int year, HttpContext http, EventLog log)
    {
        if ((await http.LoadEnterpriseYearAsync(log, id, year)).Problem is { } problem) return (null, problem);
        return ((await AnnualReport.LoadAsync(log, id, year, ct: http.RequestAborted)).State, null);
    }

    /// <summary>
    /// GET /api/v1/enterprises/{id}/reports/{year}/determination-letter?format=html|pdf&amp;lang= — the
    /// letter as it would be issued now, to whoever may read the report; 409 while it is not determined.
    /// </summary>
    public static async Task<IResult> Render(Guid id, int year, HttpContext http, EventLog log, TemplateCatalog templates, PdfPrinter printer,
        TimeProvider time, string? format = null)
    {
        if (!DocumentResponses.TryFormat(format, out var wanted)) return DocumentResponses.BadFormat(http);
        var (report, problem) = await ReportAsync(id, year, http, log);
        if (problem is not null) return problem;
        DeterminationOf(report!, year);
        var culture = DocumentResponses.CultureOf(http);
        var rendered = templates.Render(Document, culture, await LoadAsync(log, report!, culture, time.GetUtcNow(), http.RequestAborted));
        return await DocumentResponses.RenderAsync(http, rendered, wanted, $"determination-letter-{id:N}-{year}", printer);
    }

    /// <summary>
    /// POST /api/v1/enterprises/{id}/reports/{year}/determination-letter (drc) — issues the letter as a
    /// PDF in the caller's language (201); once issued for this determination, answers that one (200).
    /// Refused (409, nothing written) while the report is not determined.
    /// </summary>
    public static async Task<IResult> Issue(Guid id, int year, HttpContext http, EventLog log, TemplateCatalog templates, PdfPrinter printer,
        DocumentIssuer issuer, TimeProvider time)
    {
        var (report, problem) = await ReportAsync(id, year, http, log);
        if (problem is not null) return problem;
        var culture = DocumentResponses.CultureOf(http);
        var documentId = IdOf(report!, DeterminationOf(report!, year), culture);
        var location = $"/api/v1/enterprises/{id}/reports/{year}/documents/{documentId}";
        if (await issuer.FindAsync(documentId, http.RequestAborted) is { } earlier) return Answer(earlier.Document, issued: false);
        var document = await PrepareAsync(log, templates, printer, report!, culture, "pdf", time.GetUtcNow(), http.RequestAborted);
        var (letter, issued) = await issuer.IssueOnceAsync(documentId, document, HttpCommands.MetadataOf(http), http.RequestAborted);
        return Answer(letter, issued);

        IResult Answer(IssuedDocument letter, bool issued)
        {
            if (issued) return TypedResults.Created(location, letter);
            http.Response.Headers.Location = location;
            return TypedResults.Ok(letter);
        }
    }

    /// <summary>GET /api/v1/enterprises/{id}/reports/{year}/documents — the letters issued for the report.</summary>
    public static async Task<IResult> ListIssued(Guid id, int year, HttpContext http, EventLog log, DocumentIssuer issuer) =>
        (await http.LoadEnterpriseYearAsync(log, id, year)).Problem ?? TypedResults.Ok(await issuer.ListAsync(Subject(id, year), http.RequestAborted));

    /// <summary>GET /api/v1/enterprises/{id}/reports/{year}/documents/{documentId} — exactly the bytes that were issued.</summary>
    public static async Task<IResult> DownloadIssued(Guid id, int year, Guid documentId, HttpContext http, EventLog log, DocumentIssuer issuer) =>
        (await http.LoadEnterpriseYearAsync(log, id, year)).Problem ?? await issuer.DownloadAsync(documentId, Subject(id, year), http);
}
