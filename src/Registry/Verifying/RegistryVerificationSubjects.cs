using Mrv.EventStore;
using Mrv.Registry.Calendar;
using Mrv.Registry.Enterprises;
using Mrv.Registry.Reporting;
using Mrv.Verification.Ports;

namespace Mrv.Registry.Verifying;

/// <summary>
/// The registry's answer to what verification needs of an enterprise-year: the enterprise from its
/// read model, the annual report from its stream (so what is handed in is what the report's own
/// Decide would see), and the deadline from the year's compliance calendar.
/// </summary>
public sealed class RegistryVerificationSubjects(EventLog log) : IVerificationSubjects
{
    public IReadOnlyList<string> Industries => Enterprises.Industries.All;

    public bool IsValidCreditCode(string code) => CreditCode.IsValid(code);

    public async Task<VerificationSubject?> FindAsync(Guid enterpriseId, int year, CancellationToken ct)
    {
        var enterprise = await log.Documents.LoadAsync<Enterprise>(Enterprise.StreamId(enterpriseId), ct);
        if (enterprise is null) return null;
        var report = await AnnualReport.LoadAsync(log, enterpriseId, year, ct: ct);
        return Subject(enterprise.Data, year, report.State, await VerificationDueAsync(year, ct));
    }

    /// <summary>The enterprise-year as verification sees it; the reported figures are the submission's frozen snapshot.</summary>
    public static VerificationSubject Subject(Enterprise enterprise, int year, AnnualReport report, DateOnly verificationDue)
    {
        var calculation = report.Submission?.Snapshot.Calculation;
        var reported = calculation is null ? null : new ReportedFigures(calculation.TotalTco2, calculation.EnergyTce,
            [.. calculation.BySource.Select(s => new ReportedSource(s.SourceId, enterprise.SourceOf(s.SourceId)?.NameZh, enterprise.SourceOf(s.SourceId)?.NameEn, s.Tco2, s.Tce))]);
        return new VerificationSubject(enterprise.Id, year, enterprise.CreditCode, enterprise.NameZh, enterprise.NameEn, enterprise.LeagueCode, enterprise.Industry,
            report.Status, report.Status == ReportStatuses.Submitted, reported, verificationDue);
    }

    /// <summary>From the report list (an async read model, a moment behind the log): the batch re-reads each report before assigning it.</summary>
    public async Task<IReadOnlyList<Guid>> SubmittedAsync(int year, CancellationToken ct)
    {
        var reports = await log.Documents.QueryAsync<ReportSummary>(
            new DocumentQuery { Contains = new { year, status = ReportStatuses.Submitted }, OrderBy = "enterpriseName", Limit = 100_000 }, ct);
        return [.. reports.Items.Select(d => d.Data.EnterpriseId)];
    }

    public async Task<DateOnly> VerificationDueAsync(int year, CancellationToken ct) =>
        (await ComplianceCalendar.LoadAsync(log, year, ct: ct)).State.VerificationDue;

    public async Task<IReadOnlyDictionary<(Guid EnterpriseId, int Year), SubjectReport>> ReportsAsync(
        IReadOnlyCollection<(Guid EnterpriseId, int Year)> subjects, CancellationToken ct)
    {
        if (subjects.Count == 0) return new Dictionary<(Guid, int), SubjectReport>();
        var ids = subjects.Select(s => AnnualReport.StreamId(s.EnterpriseId, s.Year)).Distinct().ToList();
        var reports = await log.Documents.QueryAsync<ReportSummary>(new DocumentQuery { Ids = ids, Limit = ids.Count }, ct);
        return reports.Items.Select(d => d.Data)
            .ToDictionary(r => (r.EnterpriseId, r.Year), r => new SubjectReport(r.EnterpriseId, r.Year, r.Status, r.DeterminedTco2));
    }
}
