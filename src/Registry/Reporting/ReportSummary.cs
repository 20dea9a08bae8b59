using Mrv.EventStore;

namespace Mrv.Registry.Reporting;

/// <summary>One row of a year's list of reports (报告状态一览): who, where, which status, which figures.</summary>
public sealed record ReportSummary(
    Guid EnterpriseId, int Year, string EnterpriseName, string LeagueCode, string Industry, string Status, int Submissions,
    DateTimeOffset? SubmittedAt, bool Late, decimal? SubmittedTco2, decimal? SubmittedEnergyTce, decimal? VerifiedTco2, decimal? DeterminedTco2,
    DateTimeOffset UpdatedAt);

/// <summary>Async, across every report stream: the DRC's and the leagues' list of reports per year.</summary>
public sealed class ReportSummaryProjection : DocumentPerKeyProjection<ReportSummary>
{
    public override string Name => "report_summaries";

    public override IReadOnlyCollection<Type> EventTypes => [.. AnnualReport.EventTypes];

    protected override string? KeyFor(StoredEvent @event) => @event.StreamId;

    protected override ReportSummary? Apply(ReportSummary? current, StoredEvent @event) => @event.Data switch
    {
        ReportOpened o => new ReportSummary(o.EnterpriseId, o.Year, o.EnterpriseName, o.LeagueCode, o.Industry, ReportStatuses.Draft, 0,
            null, false, null, null, null, null, o.OpenedAt),
        ReportGapsExplained g => current! with { UpdatedAt = g.ExplainedAt },
        ReportSubmitted s => current! with
        {
            Status = ReportStatuses.Submitted, Submissions = s.Submission, SubmittedAt = s.SubmittedAt, Late = s.Late,
            SubmittedTco2 = s.Snapshot.Calculation.TotalTco2, SubmittedEnergyTce = s.Snapshot.Calculation.EnergyTce, UpdatedAt = s.SubmittedAt,
        },
        ReportVerificationStarted v => current! with { Status = ReportStatuses.UnderVerification, UpdatedAt = v.StartedAt },
        ReportVerifiedFiguresRecorded f => current! with { Status = ReportStatuses.Verified, VerifiedTco2 = f.VerifiedEmissionsTco2, UpdatedAt = f.RecordedAt },
        ReportDetermined d => current! with { Status = ReportStatuses.Determined, DeterminedTco2 = d.DeterminedEmissionsTco2, UpdatedAt = d.DeterminedAt },
        ReportReopened r => current! with { Status = ReportStatuses.Draft, VerifiedTco2 = null, DeterminedTco2 = null, UpdatedAt = r.ReopenedAt },
        _ => current,
    };
}
