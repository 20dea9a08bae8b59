using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Serialization;
using Mrv.EventStore;
using Mrv.EventStore.Serialization;

namespace Mrv.Registry.Monitoring;

/// <summary>How a parameter of a fuel is determined: the factor table's default, or measured by the enterprise (实测).</summary>
public static class DeterminationMethods
{
    public const string Default = "default";
    public const string Measured = "measured";

    public static readonly IReadOnlyList<string> All = [Default, Measured];
}

/// <summary>A meter (计量器具) of a source: its required accuracy (0.02 = ±2%) and when its calibration runs out.</summary>
public sealed record PlanMeter(string Code, string Description, decimal RequiredAccuracy, DateOnly CalibrationDueOn);

/// <summary>
/// How one emission source is monitored: NCV and carbon content by default or measured, its meters
/// (the first is the one readings come from), sampling and testing, and any independent cross-check
/// (invoices, a second meter) of its data.
/// </summary>
public sealed record PlanSource(
    string SourceCode, string NcvMethod, string CarbonContentMethod, IReadOnlyList<PlanMeter> Meters, string? Sampling, string? Testing, string? CrossCheck)
{
    [JsonIgnore] public PlanMeter PrimaryMeter => Meters[0];

    /// <summary>Data resting on one meter with nothing to cross-check it against: disclosed as single-source in the report.</summary>
    [JsonIgnore] public bool IsSingleSource => Meters.Count < 2 && string.IsNullOrWhiteSpace(CrossCheck);
}

/// <summary>What a plan version says: its sources and the production outputs reported monthly.</summary>
public sealed record PlanContent(IReadOnlyList<PlanSource> Sources, IReadOnlyList<string> Products)
{
    public PlanSource? SourceOf(string code) => Sources.FirstOrDefault(s => s.SourceCode == code);

    public bool SameAs(PlanContent other) =>
        JsonSerializer.Serialize(this, EventTypes.SerializerOptions) == JsonSerializer.Serialize(other, EventTypes.SerializerOptions);
}

/// <summary>A version of the plan was drafted (a new version, or the open draft rewritten).</summary>
public sealed record MonitoringPlanDrafted(Guid EnterpriseId, int Year, int Version, PlanContent Content, string? DraftedBy, DateTimeOffset DraftedAt);

public sealed record MonitoringPlanSubmitted(Guid EnterpriseId, int Year, int Version, string? SubmittedBy, DateTimeOffset SubmittedAt);

/// <summary>The DRC or the league/city approved a version: from now on monthly data are checked against it.</summary>
public sealed record MonitoringPlanApproved(Guid EnterpriseId, int Year, int Version, string? ApprovedBy, DateTimeOffset ApprovedAt);

public sealed record MonitoringPlanReturned(Guid EnterpriseId, int Year, int Version, IReadOnlyList<string> Reasons, string? ReturnedBy, DateTimeOffset ReturnedAt);

public static class PlanStatuses
{
    public const string Draft = "draft";
    public const string Submitted = "submitted";
    public const string Approved = "approved";
    public const string Returned = "returned";
}

public sealed record PlanVersion(
    int Version, string Status, PlanContent Content, string? DraftedBy, DateTimeOffset DraftedAt, DateTimeOffset? SubmittedAt,
    string? DecidedBy, DateTimeOffset? DecidedAt, IReadOnlyList<string> ReturnReasons);

/// <summary>
/// The monitoring plan (数据质量控制方案) of an enterprise-year, folded from <c>monitoring-plan-{id}-{year}</c>:
/// versions drafted, submitted, approved or returned; a revision is a new version, and the latest
/// approved one is in force.
/// </summary>
public sealed record MonitoringPlan(Guid EnterpriseId, int Year, ImmutableList<PlanVersion> Versions)
{
    public const string StreamType = "monitoring_plan";

    public static readonly MonitoringPlan None = new(Guid.Empty, 0, []);

    public static string StreamId(Guid enterpriseId, int year) => $"monitoring-plan-{enterpriseId}-{year}";

    [JsonIgnore] public bool Exists => !Versions.IsEmpty;

    public PlanVersion? Latest => Versions.IsEmpty ? null : Versions[^1];

    /// <summary>The version monthly data are checked against: the latest approved.</summary>
    public PlanVersion? InForce => Versions.LastOrDefault(v => v.Status == PlanStatuses.Approved);

    public static MonitoringPlan Evolve(MonitoringPlan state, object @event) => @event switch
    {
        MonitoringPlanDrafted d => new MonitoringPlan(d.EnterpriseId, d.Year, state.Versions
            .RemoveAll(v => v.Version == d.Version)
            .Add(new PlanVersion(d.Version, PlanStatuses.Draft, d.Content, d.DraftedBy, d.DraftedAt, null, null, null, []))),
        MonitoringPlanSubmitted s => state.WithVersion(s.Version, v => v with { Status = PlanStatuses.Submitted, SubmittedAt = s.SubmittedAt }),
        MonitoringPlanApproved a => state.WithVersion(a.Version, v => v with { Status = PlanStatuses.Approved, DecidedBy = a.ApprovedBy, DecidedAt = a.ApprovedAt }),
        MonitoringPlanReturned r => state.WithVersion(r.Version, v => v with
        {
            Status = PlanStatuses.Returned, DecidedBy = r.ReturnedBy, DecidedAt = r.ReturnedAt, ReturnReasons = r.Reasons,
        }),
        _ => state,
    };

    MonitoringPlan WithVersion(int version, Func<PlanVersion, PlanVersion> change)
    {
        var current = Versions.Single(v => v.Version == version);
        return this with { Versions = Versions.Replace(current, change(current)) };
    }

    public static readonly Decider<MonitoringPlan> Decider = new(StreamType, None, Evolve);

    public static readonly IReadOnlyList<Type> EventTypes =
        [typeof(MonitoringPlanDrafted), typeof(MonitoringPlanSubmitted), typeof(MonitoringPlanApproved), typeof(MonitoringPlanReturned)];

    public sealed record Draft(Guid EnterpriseId, int Year, PlanContent Content, string? By);

    public sealed record Submit(string? By);

    public sealed record Approve(string? By);

    public sealed record Return(IReadOnlyList<string> Reasons, string? By);

    /// <summary>The open draft is rewritten; after a decision, a revision opens the next version; under review, nothing changes.</summary>
    public static IReadOnlyList<object> Decide(Draft c, MonitoringPlan state, DateTimeOffset now) => state.Latest switch
    {
        null => [new MonitoringPlanDrafted(c.EnterpriseId, c.Year, 1, c.Content, c.By, now)],
        { Status: PlanStatuses.Draft } draft when draft.Content.SameAs(c.Content) => [],
        { Status: PlanStatuses.Draft } draft => [new MonitoringPlanDrafted(c.EnterpriseId, c.Year, draft.Version, c.Content, c.By, now)],
        { Status: PlanStatuses.Submitted } => throw new DomainRuleViolation("monitoring_plan.under_review",
            "监测计划已提交、正在审核，审核完成前不能修改。", "The plan is submitted and under review; it cannot change until it is decided."),
        var decided => [new MonitoringPlanDrafted(c.EnterpriseId, c.Year, decided.Version + 1, c.Content, c.By, now)],
    };

    public static IReadOnlyList<object> Decide(Submit c, MonitoringPlan state, DateTimeOffset now) => state.Latest switch
    {
        { Status: PlanStatuses.Draft } draft => [new MonitoringPlanSubmitted(state.EnterpriseId, state.Year, draft.Version, c.By, now)],
        { Status: PlanStatuses.Submitted } => [],
        _ => throw new DomainRuleViolation("monitoring_plan.no_draft",
            "没有待提交的监测计划草稿；如需修订，请先保存新的草稿。", "There is no draft plan to submit; save a draft (a revision) first."),
    };

    public static IReadOnlyList<object> Decide(Approve c, MonitoringPlan state, DateTimeOffset now) => state.Latest switch
    {
        { Status: PlanStatuses.Submitted } submitted => [new MonitoringPlanApproved(state.EnterpriseId, state.Year, submitted.Version, c.By, now)],
        { Status: PlanStatuses.Approved } => [],
        _ => NotSubmitted(),
    };

    public static IReadOnlyList<object> Decide(Return c, MonitoringPlan state, DateTimeOffset now) => state.Latest switch
    {
        { Status: PlanStatuses.Submitted } submitted => [new MonitoringPlanReturned(state.EnterpriseId, state.Year, submitted.Version, [.. c.Reasons], c.By, now)],
        { Status: PlanStatuses.Returned } returned when returned.ReturnReasons.SequenceEqual(c.Reasons) => [],
        _ => NotSubmitted(),
    };

    static IReadOnlyList<object> NotSubmitted() => throw new DomainRuleViolation("monitoring_plan.not_submitted",
        "监测计划没有待审核的版本。", "No version of the plan is waiting for a decision.");

    public static Task<Aggregate<MonitoringPlan>> LoadAsync(EventLog log, Guid enterpriseId, int year, DateTimeOffset? asOf = null, CancellationToken ct = default) =>
        log.AggregateAsync(StreamId(enterpriseId, year), None, Evolve, asOf, ct);
}
