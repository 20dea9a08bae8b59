namespace Mrv.Verification.Ports;

/// <summary>A source's figures as the enterprise reported them in its submitted report.</summary>
public sealed record ReportedSource(string SourceCode, string? NameZh, string? NameEn, decimal? EmissionsTco2, decimal? EnergyTce);

/// <summary>The submitted report's totals and its sources: what a verification opinion is compared with.</summary>
public sealed record ReportedFigures(decimal EmissionsTco2, decimal EnergyTce, IReadOnlyList<ReportedSource> Sources);

/// <summary>
/// An enterprise-year as verification needs to know it: who the enterprise is (credit code, names,
/// league/city, industry), where its annual report stands, what it reported, and the year's
/// verification deadline from the compliance calendar.
/// </summary>
/// <param name="Submitted">The report is submitted and waits for verification (not a draft, not already under verification or beyond).</param>
/// <param name="Reported">The figures of the submission; null while nothing is submitted.</param>
public sealed record VerificationSubject(
    Guid EnterpriseId, int Year, string CreditCode, string NameZh, string? NameEn, string LeagueCode, string Industry,
    string ReportStatus, bool Submitted, ReportedFigures? Reported, DateOnly VerificationDue);

/// <summary>Where an enterprise-year's report stands now, and the figure the DRC determined (核定) when it did.</summary>
public sealed record SubjectReport(Guid EnterpriseId, int Year, string Status, decimal? DeterminedTco2);

/// <summary>
/// What verification takes from the host about enterprises and their reports. Verification knows
/// nothing of the registry's modules; the host implements this port and hands the answers in on
/// each command.
/// </summary>
public interface IVerificationSubjects
{
    /// <summary>The industry codes an agency's scope and a verifier's industries are chosen from.</summary>
    IReadOnlyList<string> Industries { get; }

    /// <summary>Whether a unified social credit code is well formed (length, characters, check character).</summary>
    bool IsValidCreditCode(string code);

    /// <summary>The enterprise-year, or null when the enterprise is unknown.</summary>
    Task<VerificationSubject?> FindAsync(Guid enterpriseId, int year, CancellationToken ct);

    /// <summary>The enterprises whose report of the year is submitted and waits for verification.</summary>
    Task<IReadOnlyList<Guid>> SubmittedAsync(int year, CancellationToken ct);

    /// <summary>The year's verification deadline (30 June of the following year unless the DRC changed it).</summary>
    Task<DateOnly> VerificationDueAsync(int year, CancellationToken ct);

    /// <summary>Where the reports of these enterprise-years stand, for list views.</summary>
    Task<IReadOnlyDictionary<(Guid EnterpriseId, int Year), SubjectReport>> ReportsAsync(
        IReadOnlyCollection<(Guid EnterpriseId, int Year)> subjects, CancellationToken ct);
}
