using System.Collections.Immutable;
using System.Text.Json.Serialization;
using Mrv.EventStore;

namespace Mrv.Registry.DualControl.Restrictions;

/// <summary>The assessment a restriction rests on.</summary>
public sealed record RestrictionBasis(string PeriodCode, int Year, int AssessmentNumber, string Level);

/// <summary>A red annual assessment proposed an approval restriction (区域限批) for the league/city.</summary>
public sealed record RestrictionProposed(string LeagueCode, RestrictionBasis Basis, DateTimeOffset ProposedAt);

/// <summary>
/// The DRC imposed the approval restriction: new energy-intensive projects (新上高耗能项目) of the
/// league/city are not approved until it is lifted (seed 001, ch. 3 §1).
/// </summary>
public sealed record RestrictionImposed(string LeagueCode, RestrictionBasis? Basis, string Reason, string? ImposedBy, DateTimeOffset ImposedAt);

/// <summary>The DRC decided not to impose a proposed restriction, with a reason.</summary>
public sealed record RestrictionProposalDismissed(string LeagueCode, string Reason, string? DismissedBy, DateTimeOffset DismissedAt);

/// <summary>The DRC lifted the restriction, with a reason.</summary>
public sealed record RestrictionLifted(string LeagueCode, string Reason, string? LiftedBy, DateTimeOffset LiftedAt);

public static class RestrictionStatuses
{
    public const string None = "none";
    public const string Proposed = "proposed";
    public const string Imposed = "imposed";
}

/// <summary>One step of a restriction's history.</summary>
public sealed record RestrictionStep(string Step, RestrictionBasis? Basis, string? Reason, string? By, DateTimeOffset At)
{
    public const string Proposed = "proposed";
    public const string Imposed = "imposed";
    public const string Dismissed = "dismissed";
    public const string Lifted = "lifted";
}

/// <summary>
/// A league/city's approval restriction, folded from its stream <c>restriction-{code}</c>: none, proposed
/// or imposed now, with every step before. The same record is the read model (table
/// <c>approval_restrictions</c>).
/// </summary>
public sealed record Restriction(
    string LeagueCode, string Status, RestrictionBasis? Basis, string? Reason, string? ImposedBy, DateTimeOffset? Since,
    ImmutableList<RestrictionStep> History)
{
    public static readonly Restriction None = new("", RestrictionStatuses.None, null, null, null, null, []);

    public const string StreamType = "approval_restriction";

    /// <summary>新上高耗能项目区域限批 — what an imposed restriction holds back.</summary>
    public static readonly LocalizedText Scope = new(
        "暂停审批该地区新上高耗能项目（区域限批）", "Approval of new energy-intensive projects in the area is withheld (区域限批)");

    public static string StreamId(string leagueCode) => $"restriction-{leagueCode}";

    [JsonIgnore] public bool InForce => Status == RestrictionStatuses.Imposed;

    public static Restriction Evolve(Restriction state, object @event) => @event switch
    {
        RestrictionProposed p => state with
        {
            LeagueCode = p.LeagueCode, Status = RestrictionStatuses.Proposed, Basis = p.Basis, Reason = null, ImposedBy = null, Since = null,
            History = state.History.Add(new RestrictionStep(RestrictionStep.Proposed, p.Basis, null, null, p.ProposedAt)),
        },
        RestrictionImposed i => state with
        {
            LeagueCode = i.LeagueCode, Status = RestrictionStatuses.Imposed, Basis = i.Basis, Reason = i.Reason, ImposedBy = i.ImposedBy, Since = i.ImposedAt,
            History = state.History.Add(new RestrictionStep(RestrictionStep.Imposed, i.Basis, i.Reason, i.ImposedBy, i.ImposedAt)),
        },
        RestrictionProposalDismissed d => state with
        {
            Status = RestrictionStatuses.None, Basis = null,
            History = state.History.Add(new RestrictionStep(RestrictionStep.Dismissed, state.Basis, d.Reason, d.DismissedBy, d.DismissedAt)),
        },
        RestrictionLifted l => state with
        {
            Status = RestrictionStatuses.None, Basis = null, Reason = null, ImposedBy = null, Since = null,
            History = state.History.Add(new RestrictionStep(RestrictionStep.Lifted, state.Basis, l.Reason, l.LiftedBy, l.LiftedAt)),
        },
        _ => state,
    };

    public static readonly Decider<Restriction> Decider = new(StreamType, None, Evolve);

    public static readonly IReadOnlyList<Type> EventTypes =
        [typeof(RestrictionProposed), typeof(RestrictionImposed), typeof(RestrictionProposalDismissed), typeof(RestrictionLifted)];

    public sealed record Propose(string LeagueCode, RestrictionBasis Basis);

    public sealed record Impose(string LeagueCode, string Reason, string? By);

    public sealed record Dismiss(string Reason, string? By);

    public sealed record Lift(string Reason, string? By);

    /// <summary>A restriction already proposed or in force is not proposed again.</summary>
    public static IReadOnlyList<object> Decide(Propose c, Restriction state, DateTimeOffset now) =>
        state.Status == RestrictionStatuses.None ? [new RestrictionProposed(c.LeagueCode, c.Basis, now)] : [];

    /// <summary>The DRC imposes a proposed restriction, or one of its own motion; one in force is not imposed again.</summary>
    public static IReadOnlyList<object> Decide(Impose c, Restriction state, DateTimeOffset now) =>
        state.InForce ? [] : [new RestrictionImposed(c.LeagueCode, state.Basis, c.Reason, c.By, now)];

    public static IReadOnlyList<object> Decide(Dismiss c, Restriction state, DateTimeOffset now) =>
        state.Status == RestrictionStatuses.Proposed
            ? [new RestrictionProposalDismissed(state.LeagueCode, c.Reason, c.By, now)]
            : throw new DomainRuleViolation("restriction.not_proposed",
                "该盟市没有待决定的区域限批建议。", "No approval restriction is proposed for this league/city.");

    public static IReadOnlyList<object> Decide(Lift c, Restriction state, DateTimeOffset now) =>
        state.InForce
            ? [new RestrictionLifted(state.LeagueCode, c.Reason, c.By, now)]
            : throw new DomainRuleViolation("restriction.not_imposed",
                "该盟市未被实施区域限批。", "No approval restriction is in force for this league/city.");
}
