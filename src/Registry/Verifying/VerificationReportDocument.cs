using System.Globalization;
using Mrv.EventStore;
using Mrv.EventStore.Http;
using Mrv.Registry.Documents;
using Mrv.Registry.Enterprises;
using Mrv.Registry.Reporting;
using Mrv.Verification.Agencies;
using Mrv.Verification.Engagements;
using Mrv.Verification.Ports;

namespace Mrv.Registry.Verifying;

/// <summary>A verifier as the report names them: in the document's language, with the certificate number.</summary>
public sealed record ReportPerson(string Name, string? CertificateNo);

/// <summary>One step of the engagement: what, when (written out), by whom.</summary>
public sealed record ReportTimelineRow(string Step, string When, string? Who, string? Note);

public sealed record ReportAnswerRow(string Answer, bool DataCorrected, string When);

/// <summary>
/// A finding (不符合项) with the enterprise's answers and how it was settled. <see cref="No"/> is the
/// finding's number (a property called Number would be taken for the number helper).
/// </summary>
public sealed record ReportFindingRow(
    int No, string SourceCode, string SourceName, string Period, string Description, string? ProposedCorrection, string RaisedBy, string RaisedWhen,
    string Status, IReadOnlyList<ReportAnswerRow> Answers, string? ClosingNote, string? ClosedBy, string? ClosedWhen, string? EscalationNote);

public sealed record ReportSignatureRow(string Role, string Name, string? CertificateNo, string When);

/// <summary>The report this engagement verified, as it was submitted.</summary>
public sealed record ReportSubmissionRow(int No, string SubmittedWhen, bool Late, int FactorTableVersion);

/// <summary>
/// 核查报告 — the document model of a verification engagement: the enterprise and the agency, the team
/// (lead verifier, members, technical reviewer), the timeline from assignment to the signatures,
/// the findings with the enterprise's answers and their closure, reported against verified figures
/// per source with the differences, materiality, the opinion and the two signatures. Built from the
/// engagement, agency and enterprise read models and the annual report; templates see nothing else.
/// </summary>
public sealed record VerificationReportDocument(
    Guid EngagementId, int Year, string Status, bool IsSigned, string EnterpriseName, string? EnterpriseNameEn, string CreditCode, string League,
    string Industry, string? Address, string AgencyName, string? AgencyNameEn, string AgencyCreditCode, string Method,
    ReportPerson? Lead, IReadOnlyList<ReportPerson> Members, ReportPerson? Reviewer, string? Declaration, IReadOnlyList<ReportTimelineRow> Timeline,
    IReadOnlyList<string> DocumentReviews, IReadOnlyList<string> SiteVisits, ReportSubmissionRow? Submission, IReadOnlyList<ReportFindingRow> Findings,
    decimal ReportedTco2, decimal ReportedEnergyTce, decimal? VerifiedTco2, decimal? VerifiedEnergyTce, string? DifferencePct, DataTable Emissions, DataTable Energy,
    ChartModel? Chart, bool HasOpinion, decimal MaterialityPercent, bool MaterialMisstatement, string? Opinion, string? OpinionSummary, string? OpinionIssuedWhen,
    IReadOnlyList<int> OpenFindingsAtOpinion, IReadOnlyList<ReportSignatureRow> Signatures, string? DueOn, bool SignedLate, string? SignedOffWhen,
    string? SpotCheckedWhen, Letterhead Letterhead, Footer Footer)
{
    public const string Document = "verification-report";
    public const string Kind = "verification_report";

    public static string Subject(Guid engagementId) => $"engagement/{engagementId}";

    public static VerificationReportDocument Build(
        Engagement engagement, Agency agency, Enterprise? enterprise, AnnualReport? report, string culture, DateTimeOffset generatedAt)
    {
        var zh = culture == "zh-CN";
        string When(DateTimeOffset at) => DocumentHelpers.DateTime(at, zh);
        string Day(DateOnly day) => DocumentHelpers.Date(day, zh);
        ReportPerson Person(TeamMember member)
        {
            var verifier = agency.VerifierOf(member.VerifierId);
            var name = zh || verifier?.NameEn is null ? member.NameZh : $"{verifier.NameEn} ({member.NameZh})";
            return new ReportPerson(name, verifier?.CertificateNo);
        }
        string Names(IEnumerable<TeamMember> members) => string.Join(zh ? "、" : ", ", members.Select(m => Person(m).Name));
        string SourceName(string code)
        {
            var source = engagement.Reported.Sources.FirstOrDefault(s => s.SourceCode == code);
            return (zh ? source?.NameZh : source?.NameEn ?? source?.NameZh) ?? code;
        }

        var team = engagement.Team;
        var opinion = engagement.Opinion;
        var league = Regions.Leagues.Find(engagement.LeagueCode);
        var submission = report?.Verification?.EngagementId == engagement.Id ? report.Submission : null;

        var timeline = new List<ReportTimelineRow>
        {
            new(zh ? "分配核查任务" : "Engagement assigned", When(engagement.OpenedAt), DocumentParts.Drc.For(new CultureInfo(culture)),
                Labels.Of("assignment_method", engagement.Method, culture)),
        };
        if (engagement.AcceptedAt is { } acceptedAt)
        {
            timeline.Add(new(zh ? "接受任务并声明无利益冲突" : "Accepted, no conflict of interest declared", When(acceptedAt), Person(engagement.AcceptedBy!).Name, null));
        }
        if (engagement.History.FirstOrDefault(h => h.Step == "declined") is { } declined)
        {
            timeline.Add(new(zh ? "拒绝任务" : "Declined", When(declined.At), null, engagement.DeclineReason));
        }
        if (team is not null) timeline.Add(new(zh ? "组建核查组" : "Team planned", When(team.PlannedAt), Person(team.Lead).Name, team.Notes));
        timeline.AddRange(engagement.DocumentReviews.Select(r => new ReportTimelineRow(zh ? "文件评审" : "Document review", Day(r.ReviewedOn), Person(r.RecordedBy).Name, null)));
        timeline.AddRange(engagement.SiteVisits.Select(v => new ReportTimelineRow(zh ? "现场核查" : "Site visit", Day(v.VisitedOn), Names(v.Verifiers), null)));
        if (opinion is not null) timeline.Add(new(zh ? "出具核查结论" : "Opinion issued", When(opinion.IssuedAt), Person(opinion.IssuedBy).Name, null));
        timeline.AddRange(engagement.Signatures.Select(s => new ReportTimelineRow(
            (zh ? "签字：" : "Signed as ") + Labels.Of("signature_role", s.Role, culture).ToLowerInvariant(), When(s.SignedAt), Person(s.Signer).Name, null)));
        if (engagement.Completion is { } signedOff) timeline.Add(new(zh ? "核查报告签发" : "Engagement signed off", When(signedOff.SignedOffAt), null, null));

        var findings = engagement.Findings.Select(f => new ReportFindingRow(
            f.Number, f.SourceCode, SourceName(f.SourceCode),
            f.Month is { } month ? zh ? $"{month}月" : CultureInfo.InvariantCulture.DateTimeFormat.GetMonthName(month) : zh ? "全年" : "Whole year",
            f.Description, f.ProposedCorrection, Person(f.RaisedBy).Name, When(f.RaisedAt), Labels.Of("finding_status", f.Status, culture),
            [.. f.Answers.Select(a => new ReportAnswerRow(a.Answer, a.DataCorrected, When(a.AnsweredAt)))],
            f.ClosingNote, f.ClosedBy is null ? null : Person(f.ClosedBy).Name, f.ClosedAt is { } closedAt ? When(closedAt) : null, f.EscalationNote)).ToList();

        var reportedByCode = engagement.Reported.Sources.ToDictionary(s => s.SourceCode);
        var compared = opinion?.Sources.ToDictionary(s => s.SourceCode) ?? [];
        var codes = engagement.Reported.Sources.Select(s => s.SourceCode).Concat(compared.Keys.Where(c => !reportedByCode.ContainsKey(c))).ToList();
        DataRow Row(string code, string name, decimal? reported, Comparison? comparison) => new(comparison is null
            ? [new(code), new(name), new(Figure(reported), true), new("—", true), new("—", true), new("—", true)]
            : [new(code), new(name), new(Figure(comparison.Reported), true), new(Figure(comparison.Verified), true),
               new(DocumentHelpers.SignedNumber(comparison.Difference, 3), true), new(Percent(comparison), true)]);
        DataTable Figures(string unit, Func<ReportedSource, decimal?> reported, Func<SourceComparison, Comparison> verified, decimal reportedTotal, Comparison? total) => new(
            [new(zh ? "排放源" : "Source"), new(zh ? "名称" : "Name"), new((zh ? "报告值" : "Reported") + unit, true), new((zh ? "核查值" : "Verified") + unit, true),
             new(zh ? "差异" : "Difference", true), new(zh ? "差异率" : "Difference %", true)],
            [.. codes.Select(code => Row(code, SourceName(code), reportedByCode.TryGetValue(code, out var r) ? reported(r) : null,
                    compared.TryGetValue(code, out var c) ? verified(c) : null)),
             Row("", zh ? "合计" : "Total", reportedTotal, total)]);
        var emissions = Figures(zh ? "（吨CO₂）" : " (t CO₂)", s => s.EmissionsTco2, s => s.EmissionsTco2, engagement.Reported.EmissionsTco2, opinion?.EmissionsTco2);
        var energy = Figures(zh ? "（吨标准煤）" : " (tce)", s => s.EnergyTce, s => s.EnergyTce, engagement.Reported.EnergyTce, opinion?.EnergyTce);
        var chart = opinion is null ? null : new ChartModel(
            zh ? $"{engagement.Year}年度各排放源报告排放量与核查排放量" : $"Reported and verified emissions by source, {engagement.Year}",
            zh ? "吨二氧化碳" : "t CO₂",
            [.. opinion.Sources.Select(s => s.SourceCode)],
            [
                new ChartSeries(zh ? "报告值" : "Reported", [.. opinion.Sources.Select(s => (decimal?)s.EmissionsTco2.Reported)]),
                new ChartSeries(zh ? "核查值" : "Verified", [.. opinion.Sources.Select(s => (decimal?)s.EmissionsTco2.Verified)]),
            ]);

        return new VerificationReportDocument(
            engagement.Id, engagement.Year, engagement.Status, engagement.Status == EngagementStatuses.Signed,
            engagement.EnterpriseName, engagement.EnterpriseNameEn, engagement.CreditCode, (zh ? league?.NameZh : league?.NameEn) ?? engagement.LeagueCode,
            engagement.Industry, enterprise?.Address, agency.NameZh, agency.NameEn, agency.CreditCode, engagement.Method,
            team is null ? null : Person(team.Lead), team is null ? [] : [.. team.Members.Select(Person)], team is null ? null : Person(team.Reviewer),
            engagement.Declaration, timeline,
            [.. engagement.DocumentReviews.Select(r => $"{Day(r.ReviewedOn)}{(zh ? "：" : ": ")}{r.Summary}")],
            [.. engagement.SiteVisits.Select(v => $"{Day(v.VisitedOn)}{(zh ? "：" : ": ")}{v.Summary}" +
                (v.EnterpriseAttendees.Count == 0 ? "" : zh ? $"（企业陪同人员：{string.Join("、", v.EnterpriseAttendees)}）" : $" (for the enterprise: {string.Join(", ", v.EnterpriseAttendees)})"))],
            submission is null ? null : new ReportSubmissionRow(submission.Number, When(submission.SubmittedAt), submission.Late, submission.Snapshot.Calculation.FactorTableVersion),
            findings,
            engagement.Reported.EmissionsTco2, engagement.Reported.EnergyTce, opinion?.EmissionsTco2.Verified, opinion?.EnergyTce.Verified,
            opinion is null ? null : Percent(opinion.EmissionsTco2), emissions, energy,
            chart, opinion is not null, Engagement.MaterialityPercent, opinion?.MaterialMisstatement ?? false,
            opinion?.Opinion, opinion?.Summary, opinion is null ? null : When(opinion.IssuedAt), opinion?.OpenFindings ?? [],
            [.. engagement.Signatures.Select(s => new ReportSignatureRow(Labels.Of("signature_role", s.Role, culture), Person(s.Signer).Name,
                Person(s.Signer).CertificateNo, When(s.SignedAt)))],
            engagement.Completion is { } completion ? Day(completion.DueOn) : null, engagement.Completion?.Late ?? false,
            engagement.Completion is { } done ? When(done.SignedOffAt) : null,
            engagement.SpotCheck is { } spotCheck ? When(spotCheck.SelectedAt) : null,
            new Letterhead(zh || agency.NameEn is null ? agency.NameZh : agency.NameEn,
                zh ? $"统一社会信用代码：{agency.CreditCode}" : $"Unified social credit code: {agency.CreditCode}"),
            DocumentParts.Footer(culture, generatedAt));
    }

    static string Figure(decimal? value) => DocumentHelpers.Number(value, 3);

    static string Percent(Comparison comparison) => comparison.DifferencePercent is { } pct ? DocumentHelpers.SignedNumber(pct, 2) + "%" : "—";

    /// <summary>What the document is built from, all read models but the annual report (folded from its stream).</summary>
    public static async Task<VerificationReportDocument> LoadAsync(EventLog log, Engagement engagement, string culture, DateTimeOffset generatedAt, CancellationToken ct)
    {
        var agency = (await log.Documents.LoadAsync<Agency>(Agency.StreamId(engagement.AgencyId), ct))!.Data;
        var enterprise = (await log.Documents.LoadAsync<Enterprise>(Enterprise.StreamId(engagement.EnterpriseId), ct))?.Data;
        var report = (await AnnualReport.LoadAsync(log, engagement.EnterpriseId, engagement.Year, ct: ct)).State;
        return Build(engagement, agency, enterprise, report, culture, generatedAt);
    }

    public static string FileStem(Engagement engagement) => $"verification-report-{engagement.CreditCode}-{engagement.Year}";

    public static string Title(Engagement engagement, string culture) => culture == "zh-CN"
        ? $"{engagement.EnterpriseName} {engagement.Year}年度温室气体排放核查报告"
        : $"Greenhouse gas verification report {engagement.Year}: {engagement.EnterpriseNameEn ?? engagement.EnterpriseName}";

    /// <summary>
    /// GET /api/v1/verification/engagements/{id}/document?format=html|pdf&amp;lang= — the report as the
    /// engagement stands now (a preview until it is signed); whoever sees the engagement sees this.
    /// </summary>
    public static async Task<IResult> Render(Guid id, HttpContext http, EventLog log, TemplateCatalog templates, PdfPrinter printer, TimeProvider time,
        string? format = null)
    {
        if (!DocumentResponses.TryFormat(format, out var wanted)) return DocumentResponses.BadFormat(http);
        var engagement = await EngagementCommands.LoadVisibleAsync(http, log, id);
        if (engagement is null) return Problems.NotFound(http);
        var culture = DocumentResponses.CultureOf(http);
        var model = await LoadAsync(log, engagement.Data, culture, time.GetUtcNow(), http.RequestAborted);
        return await DocumentResponses.RenderAsync(http, templates.Render(Document, culture, model), wanted, FileStem(engagement.Data), printer);
    }
}
