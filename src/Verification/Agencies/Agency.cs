using System.Collections.Immutable;
using System.Text.Json.Serialization;
using Mrv.EventStore;

namespace Mrv.Verification.Agencies;

public static class AgencyStatuses
{
    public const string Active = "active";
    /// <summary>暂停 — may not take engagements until the suspension ends.</summary>
    public const string Suspended = "suspended";
    /// <summary>列入黑名单 — published; may not take engagements for five years or for life.</summary>
    public const string Blacklisted = "blacklisted";

    public static readonly IReadOnlyList<string> All = [Active, Suspended, Blacklisted];
}

/// <summary>What a verifier (核查人员) is qualified to do on an engagement.</summary>
public static class Qualifications
{
    public const string Verifier = "verifier";
    /// <summary>核查组长 — may lead a team in the industries they are registered for.</summary>
    public const string LeadVerifier = "lead_verifier";
    /// <summary>技术复核人 — may review an engagement as its independent technical reviewer.</summary>
    public const string TechnicalReviewer = "technical_reviewer";

    public static readonly IReadOnlyList<string> All = [Verifier, LeadVerifier, TechnicalReviewer];
}

/// <summary>Services an agency gave an enterprise that make it conflicted (利益冲突) for five years.</summary>
public static class ConsultancyServices
{
    /// <summary>碳排放咨询.</summary>
    public const string Consulting = "consulting";
    /// <summary>代编排放报告.</summary>
    public const string ReportPreparation = "report_preparation";

    public static readonly IReadOnlyList<string> All = [Consulting, ReportPreparation];
}

public static class BlacklistPeriods
{
    public const string FiveYears = "five_years";
    public const string Lifetime = "lifetime";

    public static readonly IReadOnlyList<string> All = [FiveYears, Lifetime];

    /// <summary>The last day of a blacklisting that starts on <paramref name="from"/>; null for life.</summary>
    public static DateOnly? Until(string period, DateOnly from) => period == FiveYears ? from.AddYears(5).AddDays(-1) : null;
}

/// <summary>A third-party verification agency (第三方核查机构) was registered by the DRC.</summary>
public sealed record AgencyRegistered(
    Guid AgencyId, string NameZh, string? NameEn, string CreditCode, IReadOnlyList<string> Scopes, int WorkloadCap,
    string? RegisteredBy, DateTimeOffset RegisteredAt);

/// <summary>The industries an agency may verify (its scope) and how many engagements a year it may take.</summary>
public sealed record AgencyScopeChanged(Guid AgencyId, IReadOnlyList<string> Scopes, int WorkloadCap, string Reason, string? ChangedBy, DateTimeOffset ChangedAt);

/// <summary>A person (核查人员) was registered under the agency; <see cref="Username"/> is the account they sign with.</summary>
public sealed record VerifierRegistered(
    Guid AgencyId, Guid VerifierId, string NameZh, string? NameEn, string Username, string CertificateNo,
    IReadOnlyList<string> Qualifications, IReadOnlyList<string> Industries, string? RegisteredBy, DateTimeOffset RegisteredAt);

/// <summary>A verifier left the agency: no new engagements; what they signed stays theirs.</summary>
public sealed record VerifierLeft(Guid AgencyId, Guid VerifierId, DateOnly LeftOn, string Reason, string? RecordedBy, DateTimeOffset RecordedAt);

/// <summary>The agency declared a service it gave an enterprise (consulting, report preparation), with its dates.</summary>
public sealed record ConsultancyDeclared(
    Guid AgencyId, Guid RecordId, string EnterpriseCreditCode, string EnterpriseName, string Service, DateOnly From, DateOnly? To, string? Note,
    string? DeclaredBy, DateTimeOffset DeclaredAt);

/// <summary>The agency declared the group (集团) it belongs to and the enterprises of that group, by credit code.</summary>
public sealed record GroupAffiliationDeclared(Guid AgencyId, string GroupName, IReadOnlyList<string> CreditCodes, string? DeclaredBy, DateTimeOffset DeclaredAt);

/// <summary>The DRC suspended the agency for a period, with a reason.</summary>
public sealed record AgencySuspended(Guid AgencyId, DateOnly From, DateOnly Until, string Reason, string? SuspendedBy, DateTimeOffset SuspendedAt);

/// <summary>The DRC put the agency on the public blacklist (e.g. for fraud) by a decision, for five years or for life.</summary>
public sealed record AgencyBlacklisted(
    Guid AgencyId, string Decision, string Reason, string Period, DateOnly From, DateOnly? Until, string? BlacklistedBy, DateTimeOffset BlacklistedAt);

/// <summary>The DRC lifted a suspension or blacklisting, with a reason.</summary>
public sealed record AgencyReinstated(Guid AgencyId, string PreviousStatus, string Reason, string? ReinstatedBy, DateTimeOffset ReinstatedAt);

/// <summary>The DRC's yearly evaluation of the agency (年度考评): quality, timeliness and compliance, 0–100 each.</summary>
public sealed record AgencyEvaluated(Guid AgencyId, int Year, int Quality, int Timeliness, int Compliance, string? Note, string? EvaluatedBy, DateTimeOffset EvaluatedAt);

public sealed record Verifier(
    Guid Id, string NameZh, string? NameEn, string Username, string CertificateNo, IReadOnlyList<string> Qualifications, IReadOnlyList<string> Industries,
    DateOnly? LeftOn = null)
{
    [JsonIgnore] public bool IsActive => LeftOn is null;

    public bool Has(string qualification) => Qualifications.Contains(qualification);
}

public sealed record ConsultancyRecord(Guid Id, string EnterpriseCreditCode, string EnterpriseName, string Service, DateOnly From, DateOnly? To, string? Note, DateTimeOffset DeclaredAt);

public sealed record GroupAffiliation(string GroupName, IReadOnlyList<string> CreditCodes);

public sealed record Suspension(DateOnly From, DateOnly Until, string Reason);

public sealed record Blacklisting(string Decision, string Reason, string Period, DateOnly From, DateOnly? Until, DateTimeOffset DecidedAt);

public sealed record Evaluation(int Year, int Quality, int Timeliness, int Compliance, string? Note, string? EvaluatedBy, DateTimeOffset EvaluatedAt);

public sealed record AgencyHistoryEntry(string Step, string? By, DateTimeOffset At, string? Note);

/// <summary>
/// A verification agency (第三方核查机构), folded from <c>agency-{id}</c>: its scope, workload cap,
/// verifiers, declared services and group, suspension or blacklisting, and yearly evaluations. The
/// folded record is also its read model (table <c>verification_agencies</c>).
/// </summary>
public sealed record Agency(
    Guid Id, string NameZh, string? NameEn, string CreditCode, ImmutableList<string> Scopes, int WorkloadCap,
    ImmutableList<Verifier> Verifiers, ImmutableList<ConsultancyRecord> Consultancy, GroupAffiliation? Group,
    Suspension? Suspension, Blacklisting? Blacklisting, ImmutableList<Evaluation> Evaluations, ImmutableList<AgencyHistoryEntry> History)
{
    public const string StreamType = "verification_agency";

    public static readonly Agency None = new(Guid.Empty, "", null, "", [], 0, [], [], null, null, null, [], []);

    public static string StreamId(Guid id) => $"agency-{id}";

    [JsonIgnore] public bool Exists => Id != Guid.Empty;

    public Verifier? VerifierOf(Guid id) => Verifiers.Find(v => v.Id == id);

    /// <summary>The active verifier who signs in with this account, if any.</summary>
    public Verifier? VerifierByUsername(string username) => Verifiers.Find(v => v.IsActive && v.Username == username);

    /// <summary>Blacklisted, suspended or active on a day (a suspension or blacklisting that has ended no longer counts).</summary>
    public string StatusOn(DateOnly day) =>
        Blacklisting is { } b && b.From <= day && (b.Until is null || day <= b.Until) ? AgencyStatuses.Blacklisted
        : Suspension is { } s && s.From <= day && day <= s.Until ? AgencyStatuses.Suspended
        : AgencyStatuses.Active;

    public static Agency Evolve(Agency state, object @event) => @event switch
    {
        AgencyRegistered r => state with
        {
            Id = r.AgencyId, NameZh = r.NameZh, NameEn = r.NameEn, CreditCode = r.CreditCode, Scopes = [.. r.Scopes], WorkloadCap = r.WorkloadCap,
            History = state.History.Add(new AgencyHistoryEntry("registered", r.RegisteredBy, r.RegisteredAt, null)),
        },
        AgencyScopeChanged c => state with
        {
            Scopes = [.. c.Scopes], WorkloadCap = c.WorkloadCap,
            History = state.History.Add(new AgencyHistoryEntry("scope_changed", c.ChangedBy, c.ChangedAt, c.Reason)),
        },
        VerifierRegistered v => state with
        {
            Verifiers = state.Verifiers.Add(new Verifier(v.VerifierId, v.NameZh, v.NameEn, v.Username, v.CertificateNo, v.Qualifications, v.Industries)),
        },
        VerifierLeft l => state with
        {
            Verifiers = state.Verifiers.Replace(state.VerifierOf(l.VerifierId)!, state.VerifierOf(l.VerifierId)! with { LeftOn = l.LeftOn }),
        },
        ConsultancyDeclared c => state with
        {
            Consultancy = state.Consultancy.Add(new ConsultancyRecord(c.RecordId, c.EnterpriseCreditCode, c.EnterpriseName, c.Service, c.From, c.To, c.Note, c.DeclaredAt)),
        },
        GroupAffiliationDeclared g => state with { Group = new GroupAffiliation(g.GroupName, g.CreditCodes) },
        AgencySuspended s => state with
        {
            Suspension = new Suspension(s.From, s.Until, s.Reason),
            History = state.History.Add(new AgencyHistoryEntry("suspended", s.SuspendedBy, s.SuspendedAt, $"{s.From:yyyy-MM-dd}–{s.Until:yyyy-MM-dd}: {s.Reason}")),
        },
        AgencyBlacklisted b => state with
        {
            Blacklisting = new Blacklisting(b.Decision, b.Reason, b.Period, b.From, b.Until, b.BlacklistedAt),
            History = state.History.Add(new AgencyHistoryEntry("blacklisted", b.BlacklistedBy, b.BlacklistedAt, $"{b.Decision}: {b.Reason}")),
        },
        AgencyReinstated r => state with
        {
            Suspension = null, Blacklisting = null,
            History = state.History.Add(new AgencyHistoryEntry("reinstated", r.ReinstatedBy, r.ReinstatedAt, r.Reason)),
        },
        AgencyEvaluated e => state with
        {
            Evaluations = state.Evaluations.RemoveAll(x => x.Year == e.Year)
                .Add(new Evaluation(e.Year, e.Quality, e.Timeliness, e.Compliance, e.Note, e.EvaluatedBy, e.EvaluatedAt))
                .Sort((a, b) => a.Year.CompareTo(b.Year)),
            History = state.History.Add(new AgencyHistoryEntry("evaluated", e.EvaluatedBy, e.EvaluatedAt, e.Year.ToString(System.Globalization.CultureInfo.InvariantCulture))),
        },
        _ => state,
    };

    public static readonly Decider<Agency> Decider = new(StreamType, None, Evolve);

    public static readonly IReadOnlyList<Type> EventTypes =
    [
        typeof(AgencyRegistered), typeof(AgencyScopeChanged), typeof(VerifierRegistered), typeof(VerifierLeft), typeof(ConsultancyDeclared),
        typeof(GroupAffiliationDeclared), typeof(AgencySuspended), typeof(AgencyBlacklisted), typeof(AgencyReinstated), typeof(AgencyEvaluated),
    ];

    public sealed record Register(Guid AgencyId, string NameZh, string? NameEn, string CreditCode, IReadOnlyList<string> Scopes, int WorkloadCap, string? By);

    public sealed record ChangeScope(IReadOnlyList<string> Scopes, int WorkloadCap, string Reason, string? By);

    public sealed record RegisterVerifier(
        Guid VerifierId, string NameZh, string? NameEn, string Username, string CertificateNo, IReadOnlyList<string> Qualifications,
        IReadOnlyList<string> Industries, string? By);

    public sealed record RecordVerifierLeft(Guid VerifierId, DateOnly LeftOn, string Reason, string? By);

    public sealed record DeclareConsultancy(
        Guid RecordId, string EnterpriseCreditCode, string EnterpriseName, string Service, DateOnly From, DateOnly? To, string? Note, string? By);

    public sealed record DeclareGroup(string GroupName, IReadOnlyList<string> CreditCodes, string? By);

    public sealed record Suspend(DateOnly From, DateOnly Until, string Reason, string? By);

    public sealed record Blacklist(string Decision, string Reason, string Period, DateOnly From, string? By);

    public sealed record Reinstate(string Reason, string? By);

    public sealed record Evaluate(int Year, int Quality, int Timeliness, int Compliance, string? Note, string? By);

    public static IReadOnlyList<object> Decide(Register c, Agency state, DateTimeOffset now)
    {
        if (state.Exists)
        {
            if (state.CreditCode == c.CreditCode && state.NameZh == c.NameZh) return [];
            throw new DomainRuleViolation("agency.already_registered", "该核查机构已登记。", "The agency is already registered.");
        }
        return [new AgencyRegistered(c.AgencyId, c.NameZh, c.NameEn, c.CreditCode, [.. c.Scopes.Distinct()], c.WorkloadCap, c.By, now)];
    }

    public static IReadOnlyList<object> Decide(ChangeScope c, Agency state, DateTimeOffset now)
    {
        RequireExists(state);
        return state.Scopes.SequenceEqual(c.Scopes.Distinct()) && state.WorkloadCap == c.WorkloadCap
            ? []
            : [new AgencyScopeChanged(state.Id, [.. c.Scopes.Distinct()], c.WorkloadCap, c.Reason, c.By, now)];
    }

    public static IReadOnlyList<object> Decide(RegisterVerifier c, Agency state, DateTimeOffset now)
    {
        RequireExists(state);
        if (state.VerifierOf(c.VerifierId) is not null) return [];
        if (state.VerifierByUsername(c.Username) is not null)
        {
            throw new DomainRuleViolation("agency.verifier_username_taken",
                $"本机构已有核查人员使用账号“{c.Username}”；一个账号只对应一名核查人员。",
                $"Another verifier of the agency signs in as '{c.Username}'; an account belongs to one verifier.");
        }
        if (state.Verifiers.Any(v => v.IsActive && v.CertificateNo == c.CertificateNo))
        {
            throw new DomainRuleViolation("agency.verifier_certificate_taken",
                $"证书编号 {c.CertificateNo} 已登记在本机构的另一名核查人员名下。",
                $"The certificate {c.CertificateNo} is already registered to another verifier of the agency.");
        }
        return [new VerifierRegistered(state.Id, c.VerifierId, c.NameZh, c.NameEn, c.Username, c.CertificateNo,
            [.. c.Qualifications.Distinct()], [.. c.Industries.Distinct()], c.By, now)];
    }

    public static IReadOnlyList<object> Decide(RecordVerifierLeft c, Agency state, DateTimeOffset now)
    {
        RequireExists(state);
        var verifier = state.VerifierOf(c.VerifierId) ?? throw UnknownVerifier(c.VerifierId);
        return verifier.IsActive ? [new VerifierLeft(state.Id, c.VerifierId, c.LeftOn, c.Reason, c.By, now)] : [];
    }

    public static IReadOnlyList<object> Decide(DeclareConsultancy c, Agency state, DateTimeOffset now)
    {
        RequireExists(state);
        if (state.Consultancy.Any(r => r.EnterpriseCreditCode == c.EnterpriseCreditCode && r.Service == c.Service && r.From == c.From && r.To == c.To)) return [];
        return [new ConsultancyDeclared(state.Id, c.RecordId, c.EnterpriseCreditCode, c.EnterpriseName, c.Service, c.From, c.To, c.Note, c.By, now)];
    }

    public static IReadOnlyList<object> Decide(DeclareGroup c, Agency state, DateTimeOffset now)
    {
        RequireExists(state);
        var codes = c.CreditCodes.Distinct().Order(StringComparer.Ordinal).ToList();
        return state.Group is { } group && group.GroupName == c.GroupName && group.CreditCodes.SequenceEqual(codes)
            ? []
            : [new GroupAffiliationDeclared(state.Id, c.GroupName, codes, c.By, now)];
    }

    public static IReadOnlyList<object> Decide(Suspend c, Agency state, DateTimeOffset now)
    {
        RequireExists(state);
        if (state.Suspension is { } s && s.From == c.From && s.Until == c.Until) return [];
        if (state.Blacklisting is not null)
        {
            throw new DomainRuleViolation("agency.blacklisted", "该机构已列入黑名单，无需暂停。", "The agency is blacklisted; there is nothing to suspend.");
        }
        return [new AgencySuspended(state.Id, c.From, c.Until, c.Reason, c.By, now)];
    }

    public static IReadOnlyList<object> Decide(Blacklist c, Agency state, DateTimeOffset now)
    {
        RequireExists(state);
        if (state.Blacklisting is { } b && b.Decision == c.Decision && b.Period == c.Period && b.From == c.From) return [];
        if (state.Blacklisting is not null)
        {
            throw new DomainRuleViolation("agency.already_blacklisted",
                "该机构已依另一决定列入黑名单；如需变更，请先恢复再作出新决定。",
                "The agency is already blacklisted by another decision; reinstate it before recording a new one.");
        }
        return [new AgencyBlacklisted(state.Id, c.Decision, c.Reason, c.Period, c.From, BlacklistPeriods.Until(c.Period, c.From), c.By, now)];
    }

    public static IReadOnlyList<object> Decide(Reinstate c, Agency state, DateTimeOffset now)
    {
        RequireExists(state);
        var previous = state.Blacklisting is not null ? AgencyStatuses.Blacklisted : state.Suspension is not null ? AgencyStatuses.Suspended : null;
        if (previous is null)
        {
            if (state.History.LastOrDefault() is { Step: "reinstated" } last && last.Note == c.Reason) return [];
            throw new DomainRuleViolation("agency.not_restricted", "该机构未被暂停或列入黑名单。", "The agency is neither suspended nor blacklisted.");
        }
        return [new AgencyReinstated(state.Id, previous, c.Reason, c.By, now)];
    }

    public static IReadOnlyList<object> Decide(Evaluate c, Agency state, DateTimeOffset now)
    {
        RequireExists(state);
        if (state.Evaluations.Find(e => e.Year == c.Year) is { } e && e.Quality == c.Quality && e.Timeliness == c.Timeliness &&
            e.Compliance == c.Compliance && e.Note == c.Note) return [];
        return [new AgencyEvaluated(state.Id, c.Year, c.Quality, c.Timeliness, c.Compliance, c.Note, c.By, now)];
    }

    static void RequireExists(Agency state)
    {
        if (!state.Exists) throw new DomainRuleViolation("agency.unknown", "该核查机构未登记。", "The agency is not registered.");
    }

    public static DomainRuleViolation UnknownVerifier(Guid id) => new("agency.unknown_verifier",
        $"本机构没有编号为 {id} 的核查人员。", $"The agency has no verifier {id}.");
}
