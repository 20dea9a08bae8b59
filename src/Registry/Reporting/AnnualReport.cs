using System.Collections.Immutable;
using System.Text.Json.Serialization;
using Mrv.EventStore;
using Mrv.Registry.Accounting;
using Mrv.Registry.Calendar;

namespace Mrv.Registry.Reporting;

public static class ReportStatuses
{
    public const string None = "none";
    public const string Draft = "draft";
    public const string Submitted = "submitted";
    /// <summary>核查中 — an agency's engagement has started.</summary>
    public const string UnderVerification = "under_verification";
    /// <summary>已核查 — the agency signed off verified figures.</summary>
    public const string Verified = "verified";
    /// <summary>已核定 — the DRC determined the figure that counts for compliance.</summary>
    public const string Determined = "determined";

    public static readonly IReadOnlyList<string> All = [Draft, Submitted, UnderVerification, Verified, Determined];
}

/// <summary>A verification opinion (核查结论).</summary>
public static class Opinions
{
    public const string Pass = "pass";
    public const string Qualified = "qualified";
    public const string Adverse = "adverse";

    public static readonly IReadOnlyList<string> All = [Pass, Qualified, Adverse];
}

/// <summary>How the DRC determined (核定) the figure: accepting the verified one, or overriding it with a reason.</summary>
public static class DeterminationBases
{
    public const string Accepted = "accepted";
    public const string Overridden = "overridden";
}

public static class CheckSeverities
{
    /// <summary>Missing required data: blocks submission.</summary>
    public const string Error = "error";
    /// <summary>Shown and kept with the report; does not block.</summary>
    public const string Warning = "warning";
}

/// <summary>A data-quality finding before submission; <see cref="Disclose"/> marks items the report must disclose.</summary>
public sealed record DataQualityCheck(string Code, string Severity, int? Month, string? SourceCode, bool Disclose, LocalizedText Message);

/// <summary>The stream versions a calculation was made from, so it can be recomputed from the log.</summary>
public sealed record ReportInputs(int? PlanVersion, long PlanStreamVersion, long ActivityStreamVersion, int FactorTableVersion, long CalendarStreamVersion);

/// <summary>The figures as submitted: the calculation, the checks, and what they were computed from. Never recomputed afterwards.</summary>
public sealed record ReportSnapshot(AnnualCalculation Calculation, IReadOnlyList<DataQualityCheck> Checks, ReportInputs Inputs)
{
    [JsonIgnore] public bool HasErrors => Checks.Any(c => c.Severity == CheckSeverities.Error);
}

/// <summary>The report of an enterprise-year was opened, with the enterprise's name and place at the time.</summary>
public sealed record ReportOpened(Guid EnterpriseId, int Year, string EnterpriseName, string LeagueCode, string Industry, string? OpenedBy, DateTimeOffset OpenedAt);

/// <summary>Months without data were explained (e.g. a unit shut down); they then warn instead of blocking.</summary>
public sealed record ReportGapsExplained(Guid EnterpriseId, int Year, IReadOnlyList<int> Months, string Explanation, string? ExplainedBy, DateTimeOffset ExplainedAt);

/// <summary>The report was submitted (报送) with its calculation snapshot frozen in the event; late when after the calendar's due day.</summary>
public sealed record ReportSubmitted(
    Guid EnterpriseId, int Year, int Submission, ReportSnapshot Snapshot, DateOnly DueOn, bool Late, string? SubmittedBy, DateTimeOffset SubmittedAt);

/// <summary>A verification engagement started on the submitted report (核查).</summary>
public sealed record ReportVerificationStarted(Guid EnterpriseId, int Year, Guid EngagementId, Guid? AgencyId, string? StartedBy, DateTimeOffset StartedAt);

/// <summary>The engagement's signed-off figures were recorded on the report.</summary>
public sealed record ReportVerifiedFiguresRecorded(
    Guid EnterpriseId, int Year, Guid EngagementId, decimal VerifiedEmissionsTco2, decimal VerifiedEnergyTce, string Opinion, string? RecordedBy, DateTimeOffset RecordedAt);

/// <summary>The DRC determined (核定) the year's emissions and energy: the verified figures, or others with a reason.</summary>
public sealed record ReportDetermined(
    Guid EnterpriseId, int Year, decimal DeterminedEmissionsTco2, decimal DeterminedEnergyTce, string Basis, string? Reason, string? DeterminedBy, DateTimeOffset DeterminedAt);

/// <summary>The report was reopened (退回重报) with a reason: back to draft, its earlier submissions kept in the history.</summary>
public sealed record ReportReopened(Guid EnterpriseId, int Year, string PreviousStatus, string Reason, string? ReopenedBy, DateTimeOffset ReopenedAt);

public sealed record Submission(int Number, ReportSnapshot Snapshot, DateOnly DueOn, bool Late, string? SubmittedBy, DateTimeOffset SubmittedAt);

public sealed record VerifiedFigures(decimal EmissionsTco2, decimal EnergyTce, string Opinion, string? RecordedBy, DateTimeOffset RecordedAt);

public sealed record Verification(Guid EngagementId, Guid? AgencyId, DateTimeOffset StartedAt, VerifiedFigures? Figures);

public sealed record Determination(decimal EmissionsTco2, decimal EnergyTce, string Basis, string? Reason, string? DeterminedBy, DateTimeOffset DeterminedAt);

public sealed record GapExplanation(IReadOnlyList<int> Months, string Explanation, string? ExplainedBy, DateTimeOffset ExplainedAt);

public sealed record ReportHistoryEntry(string Step, string Status, string? By, DateTimeOffset At, string? Note);

/// <summary>
/// The annual report (排放报告, with its energy-utilisation section 能源利用状况报告) of an
/// enterprise-year, folded from <c>report-{id}-{year}</c>: draft → submitted → under verification →
/// verified → determined, reopened with a reason. The figures of a submission are the snapshot in
/// its event; nothing later rewrites them.
/// </summary>
public sealed record AnnualReport(
    Guid EnterpriseId, int Year, string Status, string EnterpriseName, string LeagueCode, string Industry, ImmutableList<GapExplanation> Gaps,
    Submission? Submission, Verification? Verification, Determination? Determination, ImmutableList<ReportHistoryEntry> History)
{
    public const string StreamType = "annual_report";

    public static readonly AnnualReport None = new(Guid.Empty, 0, ReportStatuses.None, "", "", "", [], null, null, null, []);

    public static string StreamId(Guid enterpriseId, int year) => $"report-{enterpriseId}-{year}";

    [JsonIgnore] public bool Exists => Status != ReportStatuses.None;

    /// <summary>Whether the report was ever submitted: from then on its data change only with a reason.</summary>
    [JsonIgnore] public bool EverSubmitted => Submission is not null;

    /// <summary>The months explained as gaps, in all explanations.</summary>
    [JsonIgnore] public IReadOnlySet<int> ExplainedMonths => Gaps.SelectMany(g => g.Months).ToHashSet();

    public static AnnualReport Evolve(AnnualReport state, object @event) => @event switch
    {
        ReportOpened o => state with
        {
            EnterpriseId = o.EnterpriseId, Year = o.Year, Status = ReportStatuses.Draft, EnterpriseName = o.EnterpriseName,
            LeagueCode = o.LeagueCode, Industry = o.Industry,
            History = state.History.Add(new ReportHistoryEntry("opened", ReportStatuses.Draft, o.OpenedBy, o.OpenedAt, null)),
        },
        ReportGapsExplained g => state with
        {
            Gaps = state.Gaps.Add(new GapExplanation(g.Months, g.Explanation, g.ExplainedBy, g.ExplainedAt)),
            History = state.History.Add(new ReportHistoryEntry("gaps_explained", state.Status, g.ExplainedBy, g.ExplainedAt,
                $"{string.Join(",", g.Months)}: {g.Explanation}")),
        },
        ReportSubmitted s => state with
        {
            Status = ReportStatuses.Submitted,
            Submission = new Submission(s.Submission, s.Snapshot, s.DueOn, s.Late, s.SubmittedBy, s.SubmittedAt),
            History = state.History.Add(new ReportHistoryEntry("submitted", ReportStatuses.Submitted, s.SubmittedBy, s.SubmittedAt, s.Late ? "late" : null)),
        },
        ReportVerificationStarted v => state with
        {
            Status = ReportStatuses.UnderVerification,
            Verification = new Verification(v.EngagementId, v.AgencyId, v.StartedAt, null),
            History = state.History.Add(new ReportHistoryEntry("verification_started", ReportStatuses.UnderVerification, v.StartedBy, v.StartedAt,
                $"engagement {v.EngagementId}")),
        },
        ReportVerifiedFiguresRecorded f => state with
        {
            Status = ReportStatuses.Verified,
            Verification = state.Verification! with
            {
                Figures = new VerifiedFigures(f.VerifiedEmissionsTco2, f.VerifiedEnergyTce, f.Opinion, f.RecordedBy, f.RecordedAt),
            },
            History = state.History.Add(new ReportHistoryEntry("verified", ReportStatuses.Verified, f.RecordedBy, f.RecordedAt, f.Opinion)),
        },
        ReportDetermined d => state with
        {
            Status = ReportStatuses.Determined,
            Determination = new Determination(d.DeterminedEmissionsTco2, d.DeterminedEnergyTce, d.Basis, d.Reason, d.DeterminedBy, d.DeterminedAt),
            History = state.History.Add(new ReportHistoryEntry("determined", ReportStatuses.Determined, d.DeterminedBy, d.DeterminedAt, d.Reason ?? d.Basis)),
        },
        ReportReopened r => state with
        {
            Status = ReportStatuses.Draft, Verification = null, Determination = null,
            History = state.History.Add(new ReportHistoryEntry("reopened", ReportStatuses.Draft, r.ReopenedBy, r.ReopenedAt, r.Reason)),
        },
        _ => state,
    };

    public static readonly Decider<AnnualReport> Decider = new(StreamType, None, Evolve);

    public static readonly IReadOnlyList<Type> EventTypes =
    [
        typeof(ReportOpened), typeof(ReportGapsExplained), typeof(ReportSubmitted), typeof(ReportVerificationStarted),
        typeof(ReportVerifiedFiguresRecorded), typeof(ReportDetermined), typeof(ReportReopened),
    ];

    /// <summary>Opens the report when it is not open yet; every command that can come first carries it.</summary>
    public sealed record Open(Guid EnterpriseId, int Year, string EnterpriseName, string LeagueCode, string Industry, string? By);

    public sealed record ExplainGaps(Open Opening, IReadOnlyList<int> Months, string Explanation, string? By);

    public sealed record Submit(Open Opening, ReportSnapshot Snapshot, DateOnly DueOn, string? By);

    public sealed record StartVerification(Guid EngagementId, Guid? AgencyId, string? By);

    public sealed record RecordVerifiedFigures(Guid EngagementId, decimal EmissionsTco2, decimal EnergyTce, string Opinion, string? By);

    /// <param name="Override">Null accepts the verified figures; otherwise the figures the DRC determines instead.</param>
    public sealed record Determine(DeterminedFigures? Override, string? Reason, string? By);

    public sealed record DeterminedFigures(decimal EmissionsTco2, decimal EnergyTce);

    public sealed record Reopen(string Reason, string? By);

    public static IReadOnlyList<object> Decide(Open c, AnnualReport state, DateTimeOffset now) =>
        state.Exists ? [] : [new ReportOpened(c.EnterpriseId, c.Year, c.EnterpriseName, c.LeagueCode, c.Industry, c.By, now)];

    public static IReadOnlyList<object> Decide(ExplainGaps c, AnnualReport state, DateTimeOffset now)
    {
        var opened = Decide(c.Opening, state, now);
        var current = opened.Aggregate(state, Evolve);
        RequireDraft(current);
        if (current.Gaps.LastOrDefault() is { } last && last.Months.SequenceEqual(c.Months) && last.Explanation == c.Explanation) return opened;
        return [.. opened, new ReportGapsExplained(current.EnterpriseId, current.Year, [.. c.Months], c.Explanation, c.By, now)];
    }

    /// <summary>A repeat submission changes nothing: a submitted figure is only replaced by reopening and submitting again.</summary>
    public static IReadOnlyList<object> Decide(Submit c, AnnualReport state, DateTimeOffset now)
    {
        if (state.Status == ReportStatuses.Submitted) return [];
        var opened = Decide(c.Opening, state, now);
        var current = opened.Aggregate(state, Evolve);
        RequireDraft(current);
        if (c.Snapshot.HasErrors)
        {
            throw new DomainRuleViolation("report.data_quality_errors",
                "报告存在数据质量错误（缺少必需数据），不能提交；请补充数据或说明缺失月份。",
                "The report has data-quality errors (required data missing) and cannot be submitted; complete the data or explain the missing months.");
        }
        var number = current.History.Count(h => h.Step == "submitted") + 1;
        return [.. opened, new ReportSubmitted(current.EnterpriseId, current.Year, number, c.Snapshot, c.DueOn, ComplianceCalendar.IsLate(c.DueOn, now), c.By, now)];
    }

    public static IReadOnlyList<object> Decide(StartVerification c, AnnualReport state, DateTimeOffset now) => state switch
    {
        { Status: ReportStatuses.Submitted } => [new ReportVerificationStarted(state.EnterpriseId, state.Year, c.EngagementId, c.AgencyId, c.By, now)],
        { Status: ReportStatuses.UnderVerification, Verification.EngagementId: var engagement } when engagement == c.EngagementId => [],
        _ => throw new DomainRuleViolation("report.not_submitted_for_verification",
            $"报告当前状态为 {state.Status}，只有已提交的报告可以开始核查。", $"The report is {state.Status}; only a submitted report can go to verification."),
    };

    public static IReadOnlyList<object> Decide(RecordVerifiedFigures c, AnnualReport state, DateTimeOffset now)
    {
        if (state.Verification is { } verification && verification.EngagementId != c.EngagementId)
        {
            throw new DomainRuleViolation("report.engagement_mismatch",
                "核定数据须来自该报告当前的核查任务。", "Verified figures must come from the report's current engagement.");
        }
        return state switch
        {
            { Status: ReportStatuses.UnderVerification } =>
                [new ReportVerifiedFiguresRecorded(state.EnterpriseId, state.Year, c.EngagementId, c.EmissionsTco2, c.EnergyTce, c.Opinion, c.By, now)],
            { Status: ReportStatuses.Verified, Verification.Figures: var figures }
                when figures!.EmissionsTco2 == c.EmissionsTco2 && figures.EnergyTce == c.EnergyTce && figures.Opinion == c.Opinion => [],
            _ => throw new DomainRuleViolation("report.not_under_verification",
                $"报告当前状态为 {state.Status}，不在核查中。", $"The report is {state.Status}, not under verification."),
        };
    }

    public static IReadOnlyList<object> Decide(Determine c, AnnualReport state, DateTimeOffset now)
    {
        var verified = state.Verification?.Figures;
        var (emissions, energy, basis) = c.Override is { } figures
            ? (figures.EmissionsTco2, figures.EnergyTce, DeterminationBases.Overridden)
            : (verified?.EmissionsTco2 ?? 0, verified?.EnergyTce ?? 0, DeterminationBases.Accepted);
        if (state is { Status: ReportStatuses.Determined, Determination: { } done } &&
            done.EmissionsTco2 == emissions && done.EnergyTce == energy && done.Basis == basis) return [];
        if (state.Status != ReportStatuses.Verified)
        {
            throw new DomainRuleViolation("report.not_verified",
                $"报告当前状态为 {state.Status}；只有核查完成的报告可以核定。", $"The report is {state.Status}; only a verified report can be determined.");
        }
        if (basis == DeterminationBases.Overridden && string.IsNullOrWhiteSpace(c.Reason))
        {
            throw new DomainRuleViolation("report.override_needs_reason",
                "核定数据与核查数据不同时须说明理由。", "Determining figures other than the verified ones needs a reason.");
        }
        return [new ReportDetermined(state.EnterpriseId, state.Year, emissions, energy, basis, string.IsNullOrWhiteSpace(c.Reason) ? null : c.Reason, c.By, now)];
    }

    public static IReadOnlyList<object> Decide(Reopen c, AnnualReport state, DateTimeOffset now) => state.Status switch
    {
        ReportStatuses.Submitted or ReportStatuses.UnderVerification or ReportStatuses.Verified or ReportStatuses.Determined =>
            [new ReportReopened(state.EnterpriseId, state.Year, state.Status, c.Reason, c.By, now)],
        ReportStatuses.Draft when state.History.LastOrDefault() is { Step: "reopened" } last && last.Note == c.Reason => [],
        _ => throw new DomainRuleViolation("report.not_submitted",
            "报告尚未提交，无需退回。", "The report has not been submitted; there is nothing to reopen."),
    };

    static void RequireDraft(AnnualReport state)
    {
        if (state.Status != ReportStatuses.Draft)
        {
            throw new DomainRuleViolation("report.not_draft",
                $"报告当前状态为 {state.Status}，不能修改；如需更正，请由主管部门退回。",
                $"The report is {state.Status} and cannot change; to correct it, ask the DRC to reopen it.");
        }
    }

    public static Task<Aggregate<AnnualReport>> LoadAsync(EventLog log, Guid enterpriseId, int year, DateTimeOffset? asOf = null, CancellationToken ct = default) =>
        log.AggregateAsync(StreamId(enterpriseId, year), None, Evolve, asOf, ct);
}
