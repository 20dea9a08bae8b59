using Mrv.Registry.Accounting;

namespace Mrv.Registry.Reporting;

public sealed record CheckView(string Code, string Severity, int? Month, string? SourceCode, bool Disclose, string Message)
{
    public static CheckView Of(DataQualityCheck check) =>
        new(check.Code, check.Severity, check.Month, check.SourceCode, check.Disclose, check.Message.ToString());
}

public sealed record IntensityView(
    string Code, decimal? Value, string Unit, string Basis, IntensityTarget? Target, decimal? BandLow, decimal? BandHigh, bool? WithinBand);

public sealed record MonthView(int Month, decimal Tco2, decimal DirectTco2, decimal IndirectTco2, decimal Tce, bool Unconfirmed, IReadOnlyList<LineView> Lines);

/// <summary>A year's accounting in the caller's language.</summary>
public sealed record AnnualCalculationView(
    int DataYear, int FactorTableVersion, decimal TotalTco2, decimal DirectTco2, decimal IndirectTco2, decimal EnergyTce, bool Unconfirmed,
    IReadOnlyList<SourceTotal> BySource, IReadOnlyList<MonthView> ByMonth, IReadOnlyList<CarrierTotal> EnergyByCarrier,
    IReadOnlyList<OutputTotal> Outputs, IReadOnlyList<IntensityView> Intensities)
{
    public static AnnualCalculationView Of(AnnualCalculation c) => new(
        c.DataYear, c.FactorTableVersion, c.TotalTco2, c.DirectTco2, c.IndirectTco2, c.EnergyTce, c.Unconfirmed, c.BySource,
        [.. c.ByMonth.Select(m => new MonthView(m.Month, m.Tco2, m.DirectTco2, m.IndirectTco2, m.Tce, m.Unconfirmed, [.. m.Lines.Select(LineView.Of)]))],
        c.EnergyByCarrier, c.Outputs,
        [.. c.Intensities.Select(i => new IntensityView(i.Code, i.Value, i.Unit, i.Basis.ToString(), i.Target, i.BandLow, i.BandHigh, i.WithinBand))]);
}

public sealed record SubmissionView(int Number, DateOnly DueOn, bool Late, string? SubmittedBy, DateTimeOffset SubmittedAt);

/// <param name="FiguresFrom"><c>submission</c>: the snapshot frozen when it was submitted; <c>current_data</c>: computed now from the data (a draft).</param>
/// <param name="CanSubmit">A draft without data-quality errors.</param>
public sealed record ReportView(
    Guid EnterpriseId, int Year, string Status, string EnterpriseName, string LeagueCode, string Industry, DateTimeOffset? AsOf,
    string FiguresFrom, bool CanSubmit, DateOnly ReportDue, AnnualCalculationView Calculation, IReadOnlyList<CheckView> Checks, ReportInputs Inputs,
    SubmissionView? Submission, Verification? Verification, Determination? Determination, IReadOnlyList<GapExplanation> Gaps,
    IReadOnlyList<ReportHistoryEntry> History);

/// <summary>What a report command answers: the status and the history, not the whole calculation again.</summary>
public sealed record ReportStatusView(Guid EnterpriseId, int Year, string Status, SubmissionView? Submission, Verification? Verification,
    Determination? Determination, IReadOnlyList<ReportHistoryEntry> History)
{
    public static ReportStatusView Of(AnnualReport report) => new(report.EnterpriseId, report.Year, report.Status,
        report.Submission is { } s ? new SubmissionView(s.Number, s.DueOn, s.Late, s.SubmittedBy, s.SubmittedAt) : null,
        report.Verification, report.Determination, report.History);
}
