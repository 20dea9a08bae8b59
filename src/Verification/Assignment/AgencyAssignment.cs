using System.Collections.Immutable;
using System.Text.Json.Serialization;
using Mrv.EventStore;
using Mrv.Verification.Ports;

namespace Mrv.Verification.Assignment;

public static class AssignmentMethods
{
    /// <summary>双随机 — drawn among the eligible agencies with a recorded seed.</summary>
    public const string Draw = "draw";
    /// <summary>指定 — chosen by the DRC, with a reason.</summary>
    public const string Direct = "direct";
}

/// <summary>
/// An agency was drawn for an enterprise-year: <c>SeededDraw.PickOne(Seed, Eligible)</c> gives
/// <see cref="AgencyId"/> again. <see cref="Eligible"/> holds the eligible agencies' ids ("D" form,
/// sorted); agencies that declined the enterprise-year before are in <see cref="ExcludedAfterDecline"/>.
/// </summary>
public sealed record AgencyDrawn(
    Guid EnterpriseId, int Year, Guid EngagementId, Guid AgencyId, string Seed, IReadOnlyList<string> Eligible,
    IReadOnlyList<Guid> ExcludedAfterDecline, string? DrawnBy, DateTimeOffset DrawnAt);

/// <summary>The DRC assigned an eligible agency directly, with a reason.</summary>
public sealed record AgencyAssignedDirectly(
    Guid EnterpriseId, int Year, Guid EngagementId, Guid AgencyId, string Reason, string? AssignedBy, DateTimeOffset AssignedAt);

/// <summary>The assigned agency declined (recorded with the engagement's own decline, in the same transaction); the enterprise-year waits for reassignment.</summary>
public sealed record AssignmentDeclined(Guid EnterpriseId, int Year, Guid EngagementId, Guid AgencyId, string Reason, string? DeclinedBy, DateTimeOffset DeclinedAt);

public sealed record AssignmentRecord(
    Guid EngagementId, Guid AgencyId, string Method, string? Seed, IReadOnlyList<string>? Eligible, IReadOnlyList<Guid>? ExcludedAfterDecline,
    string? Reason, string? By, DateTimeOffset At, string? DeclineReason = null, DateTimeOffset? DeclinedAt = null)
{
    [JsonIgnore] public bool Declined => DeclinedAt is not null;
}

/// <summary>
/// Who verifies an enterprise-year, folded from <c>assignment-{enterpriseId}-{year}</c>: every
/// draw or direct assignment with its seed, candidates and reason, and every decline. The folded
/// record is its read model (table <c>verification_assignments</c>); <see cref="CurrentAgencyId"/> is
/// stored so assignments can be found by agency.
/// </summary>
public sealed record AgencyAssignment(Guid EnterpriseId, int Year, ImmutableList<AssignmentRecord> Assignments)
{
    public const string StreamType = "verification_assignment";

    public static readonly AgencyAssignment None = new(Guid.Empty, 0, []);

    public static string StreamId(Guid enterpriseId, int year) => $"assignment-{enterpriseId}-{year}";

    [JsonIgnore] public AssignmentRecord? Current => Assignments.LastOrDefault() is { Declined: false } last ? last : null;

    public Guid? CurrentAgencyId => Current?.AgencyId;

    public Guid? CurrentEngagementId => Current?.EngagementId;

    [JsonIgnore] public IReadOnlySet<Guid> DeclinedAgencies => Assignments.Where(a => a.Declined).Select(a => a.AgencyId).ToHashSet();

    public static AgencyAssignment Evolve(AgencyAssignment state, object @event) => @event switch
    {
        AgencyDrawn d => new(d.EnterpriseId, d.Year, state.Assignments.Add(
            new AssignmentRecord(d.EngagementId, d.AgencyId, AssignmentMethods.Draw, d.Seed, d.Eligible, d.ExcludedAfterDecline, null, d.DrawnBy, d.DrawnAt))),
        AgencyAssignedDirectly a => new(a.EnterpriseId, a.Year, state.Assignments.Add(
            new AssignmentRecord(a.EngagementId, a.AgencyId, AssignmentMethods.Direct, null, null, null, a.Reason, a.AssignedBy, a.AssignedAt))),
        AssignmentDeclined x => state with
        {
            Assignments = state.Assignments.Select(a => a.EngagementId == x.EngagementId ? a with { DeclineReason = x.Reason, DeclinedAt = x.DeclinedAt } : a).ToImmutableList(),
        },
        _ => state,
    };

    public static readonly Decider<AgencyAssignment> Decider = new(StreamType, None, Evolve);

    public static readonly IReadOnlyList<Type> EventTypes = [typeof(AgencyDrawn), typeof(AgencyAssignedDirectly), typeof(AssignmentDeclined)];

    /// <param name="Eligibility">Every agency's eligibility, decided on this state's declines.</param>
    /// <param name="Seed">Fresh and unpredictable (<see cref="SeededDraw.NewSeed"/>), made before deciding.</param>
    public sealed record Draw(VerificationSubject Subject, IReadOnlyList<AgencyEligibility> Eligibility, string Seed, Guid EngagementId, string? By);

    public sealed record AssignDirectly(VerificationSubject Subject, IReadOnlyList<AgencyEligibility> Eligibility, Guid AgencyId, string Reason, Guid EngagementId, string? By);

    public sealed record Decline(Guid EngagementId, string Reason, string? By);

    public static IReadOnlyList<object> Decide(Draw c, AgencyAssignment state, DateTimeOffset now)
    {
        RequireAssignable(c.Subject, state);
        var candidates = Eligibility.Candidates(c.Eligibility);
        var drawn = SeededDraw.PickOne(c.Seed, candidates) ?? throw new DomainRuleViolation("assignment.no_eligible_agency",
            "没有符合条件的核查机构可供抽取；请查看各机构不符合条件的原因。",
            "No agency is eligible to draw; see why each agency is not eligible.");
        return [new AgencyDrawn(c.Subject.EnterpriseId, c.Subject.Year, c.EngagementId, Guid.Parse(drawn), c.Seed, candidates,
            [.. state.DeclinedAgencies.Order()], c.By, now)];
    }

    public static IReadOnlyList<object> Decide(AssignDirectly c, AgencyAssignment state, DateTimeOffset now)
    {
        RequireAssignable(c.Subject, state);
        var chosen = c.Eligibility.FirstOrDefault(e => e.AgencyId == c.AgencyId) ?? throw new DomainRuleViolation("assignment.unknown_agency",
            "该核查机构未登记。", "The agency is not registered.");
        if (!chosen.Eligible)
        {
            throw new DomainRuleViolation("assignment.agency_not_eligible", new LocalizedText(
                "该机构不符合条件：" + string.Join("；", chosen.Exclusions.Select(e => e.Text.ZhCn)),
                "The agency is not eligible: " + string.Join("; ", chosen.Exclusions.Select(e => e.Text.En))));
        }
        return [new AgencyAssignedDirectly(c.Subject.EnterpriseId, c.Subject.Year, c.EngagementId, c.AgencyId, c.Reason, c.By, now)];
    }

    public static IReadOnlyList<object> Decide(Decline c, AgencyAssignment state, DateTimeOffset now)
    {
        var assignment = state.Assignments.Find(a => a.EngagementId == c.EngagementId) ?? throw new DomainRuleViolation("assignment.unknown_engagement",
            "该核查任务不属于此企业年度。", "The engagement does not belong to this enterprise-year.");
        return assignment.Declined ? [] : [new AssignmentDeclined(state.EnterpriseId, state.Year, c.EngagementId, assignment.AgencyId, c.Reason, c.By, now)];
    }

    static void RequireAssignable(VerificationSubject subject, AgencyAssignment state)
    {
        if (state.Current is { } current)
        {
            throw new DomainRuleViolation("assignment.already_assigned",
                $"该企业 {subject.Year} 年度已分配核查机构（任务 {current.EngagementId}）。",
                $"The enterprise's {subject.Year} verification is already assigned (engagement {current.EngagementId}).");
        }
        if (!subject.Submitted)
        {
            throw new DomainRuleViolation("assignment.report_not_submitted",
                $"该企业 {subject.Year} 年度排放报告当前状态为 {subject.ReportStatus}；只有已提交、待核查的报告可以分配核查机构。",
                $"The enterprise's {subject.Year} report is {subject.ReportStatus}; only a submitted report waiting for verification can be assigned.");
        }
    }
}
