using System.Collections.Immutable;
using System.Text.Json.Serialization;
using Mrv.EventStore;
using Mrv.Verification.Agencies;
using Mrv.Verification.Ports;

namespace Mrv.Verification.Engagements;

public static class EngagementStatuses
{
    /// <summary>已分配 — waits for the agency to accept or decline.</summary>
    public const string Assigned = "assigned";
    public const string Declined = "declined";
    public const string Accepted = "accepted";
    /// <summary>The team is planned; document review, site visit and findings happen now.</summary>
    public const string Planned = "planned";
    public const string OpinionIssued = "opinion_issued";
    /// <summary>已签发 — the lead verifier and the technical reviewer both signed the opinion.</summary>
    public const string Signed = "signed";

    public static readonly IReadOnlyList<string> All = [Assigned, Declined, Accepted, Planned, OpinionIssued, Signed];

    /// <summary>Still owed to the DRC: an engagement in one of these states is overdue after the deadline.</summary>
    public static bool IsOutstanding(string status) => status is Assigned or Accepted or Planned or OpinionIssued;
}

/// <summary>A verification opinion (核查结论).</summary>
public static class Opinions
{
    public const string Pass = "pass";
    public const string Qualified = "qualified";
    public const string Adverse = "adverse";

    public static readonly IReadOnlyList<string> All = [Pass, Qualified, Adverse];
}

public static class SignatureRoles
{
    /// <summary>核查组长.</summary>
    public const string Lead = "lead";
    /// <summary>技术复核人.</summary>
    public const string Reviewer = "reviewer";

    public static readonly IReadOnlyList<string> All = [Lead, Reviewer];
}

/// <summary>Where a finding (不符合项) stands: raised, answered by the enterprise, escalated to the DRC, or closed by the agency.</summary>
public static class FindingStatuses
{
    public const string Open = "open";
    public const string Answered = "answered";
    public const string Escalated = "escalated";
    public const string Closed = "closed";
}

/// <summary>A verifier as an engagement records them: the person and the account they act with.</summary>
public sealed record TeamMember(Guid VerifierId, string NameZh, string Username)
{
    public static TeamMember Of(Verifier verifier) => new(verifier.Id, verifier.NameZh, verifier.Username);
}

/// <summary>Reported against verified, with the difference in the figure's unit and in percent of the reported figure (null when nothing was reported).</summary>
public sealed record Comparison(decimal Reported, decimal Verified, decimal Difference, decimal? DifferencePercent)
{
    public static Comparison Of(decimal reported, decimal verified) =>
        new(reported, verified, verified - reported, reported == 0 ? null : Math.Round((verified - reported) / reported * 100m, 2, MidpointRounding.AwayFromZero));
}

public sealed record SourceComparison(string SourceCode, string? NameZh, Comparison EmissionsTco2, Comparison EnergyTce);

/// <summary>The verified figures of one source, as the agency states them in its opinion.</summary>
public sealed record VerifiedSource(string SourceCode, decimal EmissionsTco2, decimal EnergyTce);

/// <summary>The DRC assigned the engagement: who verifies which enterprise-year, and what the enterprise reported.</summary>
public sealed record EngagementOpened(
    Guid EngagementId, Guid AgencyId, string AgencyName, Guid EnterpriseId, int Year, string CreditCode, string EnterpriseName, string? EnterpriseNameEn,
    string LeagueCode, string Industry, string Method, ReportedFigures Reported, string? OpenedBy, DateTimeOffset OpenedAt);

/// <summary>The agency accepted, a named verifier declaring that it has no conflict of interest with the enterprise.</summary>
public sealed record EngagementAccepted(Guid EngagementId, TeamMember AcceptedBy, string Declaration, DateTimeOffset AcceptedAt);

public sealed record EngagementDeclined(Guid EngagementId, Guid AgencyId, string Reason, string? DeclinedBy, DateTimeOffset DeclinedAt);

/// <summary>The team (核查组): a lead verifier, members, and a technical reviewer who is on neither.</summary>
public sealed record EngagementTeamPlanned(
    Guid EngagementId, TeamMember Lead, IReadOnlyList<TeamMember> Members, TeamMember Reviewer, DateOnly? SiteVisitPlannedOn, string? Notes,
    string? PlannedBy, DateTimeOffset PlannedAt);

/// <summary>文件评审 — the documents (report, monitoring plan, evidence) were reviewed.</summary>
public sealed record EngagementDocumentsReviewed(Guid EngagementId, DateOnly ReviewedOn, string Summary, TeamMember RecordedBy, DateTimeOffset RecordedAt);

/// <summary>现场核查 — the site was visited, by whom of the team and whom of the enterprise.</summary>
public sealed record EngagementSiteVisited(
    Guid EngagementId, DateOnly VisitedOn, IReadOnlyList<TeamMember> Verifiers, IReadOnlyList<string> EnterpriseAttendees, string Summary,
    TeamMember RecordedBy, DateTimeOffset RecordedAt);

/// <summary>不符合项 — a finding on a source (and month, when it concerns one), with the correction the agency proposes.</summary>
public sealed record FindingRaised(
    Guid EngagementId, int Number, string SourceCode, int? Month, string Description, string? ProposedCorrection, TeamMember RaisedBy, DateTimeOffset RaisedAt);

/// <summary>The enterprise answered a finding, saying whether it corrected its data.</summary>
public sealed record FindingAnswered(Guid EngagementId, int Number, string Answer, bool DataCorrected, string? AnsweredBy, DateTimeOffset AnsweredAt);

public sealed record FindingClosed(Guid EngagementId, int Number, string Note, TeamMember ClosedBy, DateTimeOffset ClosedAt);

/// <summary>The agency escalated a finding to the DRC (e.g. the enterprise will not correct); it stays open.</summary>
public sealed record FindingEscalated(Guid EngagementId, int Number, string Note, TeamMember EscalatedBy, DateTimeOffset EscalatedAt);

/// <summary>
/// The opinion (核查结论) with the verified figures per source against the reported ones. A material
/// misstatement is a verified total that differs from the reported one by more than 5%. Findings
/// still open are listed by number.
/// </summary>
public sealed record OpinionIssued(
    Guid EngagementId, string Opinion, string Summary, IReadOnlyList<SourceComparison> Sources, Comparison EmissionsTco2, Comparison EnergyTce,
    bool MaterialMisstatement, IReadOnlyList<int> OpenFindings, TeamMember IssuedBy, DateTimeOffset IssuedAt);

public sealed record EngagementSigned(Guid EngagementId, string Role, TeamMember Signer, DateTimeOffset SignedAt);

/// <summary>The second signature completed the engagement: these are the verified figures, signed on time or late.</summary>
public sealed record EngagementSignedOff(
    Guid EngagementId, Guid EnterpriseId, int Year, decimal VerifiedEmissionsTco2, decimal VerifiedEnergyTce, string Opinion, DateOnly DueOn, bool Late,
    DateTimeOffset SignedOffAt);

/// <summary>The DRC's spot check (双随机抽查) drew this engagement for review.</summary>
public sealed record EngagementSelectedForSpotCheck(Guid EngagementId, int Year, string Seed, string? SelectedBy, DateTimeOffset SelectedAt);

public sealed record FindingAnswer(string Answer, bool DataCorrected, string? AnsweredBy, DateTimeOffset AnsweredAt);

public sealed record Finding(
    int Number, string SourceCode, int? Month, string Description, string? ProposedCorrection, string Status, TeamMember RaisedBy, DateTimeOffset RaisedAt,
    ImmutableList<FindingAnswer> Answers, string? ClosingNote = null, TeamMember? ClosedBy = null, DateTimeOffset? ClosedAt = null,
    string? EscalationNote = null, DateTimeOffset? EscalatedAt = null);

public sealed record Team(TeamMember Lead, IReadOnlyList<TeamMember> Members, TeamMember Reviewer, DateOnly? SiteVisitPlannedOn, string? Notes, DateTimeOffset PlannedAt)
{
    public bool IsOnTeam(Guid verifierId) => Lead.VerifierId == verifierId || Members.Any(m => m.VerifierId == verifierId);
}

public sealed record DocumentReview(DateOnly ReviewedOn, string Summary, TeamMember RecordedBy, DateTimeOffset RecordedAt);

public sealed record SiteVisit(DateOnly VisitedOn, IReadOnlyList<TeamMember> Verifiers, IReadOnlyList<string> EnterpriseAttendees, string Summary, TeamMember RecordedBy, DateTimeOffset RecordedAt);

public sealed record Signature(string Role, TeamMember Signer, DateTimeOffset SignedAt);

public sealed record Completion(decimal VerifiedEmissionsTco2, decimal VerifiedEnergyTce, string Opinion, DateOnly DueOn, bool Late, DateTimeOffset SignedOffAt);

public sealed record SpotCheckSelection(string Seed, string? SelectedBy, DateTimeOffset SelectedAt);

public sealed record EngagementHistoryEntry(string Step, string? By, DateTimeOffset At, string? Note);

/// <summary>
/// A verification engagement (核查任务), folded from <c>engagement-{id}</c>: one agency's work on one
/// enterprise-year from assignment to sign-off — acceptance, team, document review, site visit,
/// findings and their answers, opinion, the two signatures. The folded record is its read model
/// (table <c>verification_engagements</c>), and everything the verification report shows.
/// </summary>
public sealed record Engagement(
    Guid Id, Guid AgencyId, string AgencyName, Guid EnterpriseId, int Year, string CreditCode, string EnterpriseName, string? EnterpriseNameEn,
    string LeagueCode, string Industry, string Method, string Status, ReportedFigures Reported, DateTimeOffset OpenedAt,
    TeamMember? AcceptedBy, string? Declaration, DateTimeOffset? AcceptedAt, string? DeclineReason, Team? Team,
    ImmutableList<DocumentReview> DocumentReviews, ImmutableList<SiteVisit> SiteVisits, ImmutableList<Finding> Findings, OpinionIssued? Opinion,
    ImmutableList<Signature> Signatures, Completion? Completion, SpotCheckSelection? SpotCheck, ImmutableList<EngagementHistoryEntry> History)
{
    public const string StreamType = "verification_engagement";

    public static readonly Engagement None = new(Guid.Empty, Guid.Empty, "", Guid.Empty, 0, "", "", null, "", "", "", "none",
        new ReportedFigures(0, 0, []), default, null, null, null, null, null, [], [], [], null, [], null, null, []);

    public static string StreamId(Guid id) => $"engagement-{id}";

    [JsonIgnore] public bool Exists => Id != Guid.Empty;

    /// <summary>Findings not closed (open, answered or escalated); stored so lists can show them.</summary>
    public int OpenFindings => Findings.Count(f => f.Status != FindingStatuses.Closed);

    public Finding? FindingOf(int number) => Findings.Find(f => f.Number == number);

    public static Engagement Evolve(Engagement state, object @event) => @event switch
    {
        EngagementOpened o => None with
        {
            Id = o.EngagementId, AgencyId = o.AgencyId, AgencyName = o.AgencyName, EnterpriseId = o.EnterpriseId, Year = o.Year, CreditCode = o.CreditCode,
            EnterpriseName = o.EnterpriseName, EnterpriseNameEn = o.EnterpriseNameEn, LeagueCode = o.LeagueCode, Industry = o.Industry, Method = o.Method,
            Status = EngagementStatuses.Assigned, Reported = o.Reported, OpenedAt = o.OpenedAt,
            History = [new EngagementHistoryEntry("assigned", o.OpenedBy, o.OpenedAt, o.Method)],
        },
        EngagementAccepted a => state with
        {
            Status = EngagementStatuses.Accepted, AcceptedBy = a.AcceptedBy, Declaration = a.Declaration, AcceptedAt = a.AcceptedAt,
            History = state.History.Add(new("accepted", a.AcceptedBy.Username, a.AcceptedAt, a.AcceptedBy.NameZh)),
        },
        EngagementDeclined d => state with
        {
            Status = EngagementStatuses.Declined, DeclineReason = d.Reason,
            History = state.History.Add(new("declined", d.DeclinedBy, d.DeclinedAt, d.Reason)),
        },
        EngagementTeamPlanned p => state with
        {
            Status = EngagementStatuses.Planned, Team = new Team(p.Lead, p.Members, p.Reviewer, p.SiteVisitPlannedOn, p.Notes, p.PlannedAt),
            History = state.History.Add(new("planned", p.PlannedBy, p.PlannedAt, null)),
        },
        EngagementDocumentsReviewed r => state with
        {
            DocumentReviews = state.DocumentReviews.Add(new DocumentReview(r.ReviewedOn, r.Summary, r.RecordedBy, r.RecordedAt)),
            History = state.History.Add(new("documents_reviewed", r.RecordedBy.Username, r.RecordedAt, null)),
        },
        EngagementSiteVisited v => state with
        {
            SiteVisits = state.SiteVisits.Add(new SiteVisit(v.VisitedOn, v.Verifiers, v.EnterpriseAttendees, v.Summary, v.RecordedBy, v.RecordedAt)),
            History = state.History.Add(new("site_visited", v.RecordedBy.Username, v.RecordedAt, null)),
        },
        FindingRaised f => state with
        {
            Findings = state.Findings.Add(new Finding(f.Number, f.SourceCode, f.Month, f.Description, f.ProposedCorrection, FindingStatuses.Open, f.RaisedBy, f.RaisedAt, [])),
            History = state.History.Add(new("finding_raised", f.RaisedBy.Username, f.RaisedAt, $"#{f.Number}")),
        },
        FindingAnswered a => state.WithFinding(a.Number, f => f with
        {
            Status = f.Status == FindingStatuses.Escalated ? FindingStatuses.Escalated : FindingStatuses.Answered,
            Answers = f.Answers.Add(new FindingAnswer(a.Answer, a.DataCorrected, a.AnsweredBy, a.AnsweredAt)),
        }) with { History = state.History.Add(new("finding_answered", a.AnsweredBy, a.AnsweredAt, $"#{a.Number}")) },
        FindingClosed c => state.WithFinding(c.Number, f => f with
        {
            Status = FindingStatuses.Closed, ClosingNote = c.Note, ClosedBy = c.ClosedBy, ClosedAt = c.ClosedAt,
        }) with { History = state.History.Add(new("finding_closed", c.ClosedBy.Username, c.ClosedAt, $"#{c.Number}")) },
        FindingEscalated e => state.WithFinding(e.Number, f => f with
        {
            Status = FindingStatuses.Escalated, EscalationNote = e.Note, EscalatedAt = e.EscalatedAt,
        }) with { History = state.History.Add(new("finding_escalated", e.EscalatedBy.Username, e.EscalatedAt, $"#{e.Number}")) },
        OpinionIssued o => state with
        {
            Status = EngagementStatuses.OpinionIssued, Opinion = o,
            History = state.History.Add(new("opinion_issued", o.IssuedBy.Username, o.IssuedAt, o.Opinion)),
        },
        EngagementSigned s => state with
        {
            Signatures = state.Signatures.Add(new Signature(s.Role, s.Signer, s.SignedAt)),
            History = state.History.Add(new("signed", s.Signer.Username, s.SignedAt, s.Role)),
        },
        EngagementSignedOff s => state with
        {
            Status = EngagementStatuses.Signed,
            Completion = new Completion(s.VerifiedEmissionsTco2, s.VerifiedEnergyTce, s.Opinion, s.DueOn, s.Late, s.SignedOffAt),
            History = state.History.Add(new("signed_off", null, s.SignedOffAt, s.Late ? "late" : null)),
        },
        EngagementSelectedForSpotCheck s => state with
        {
            SpotCheck = new SpotCheckSelection(s.Seed, s.SelectedBy, s.SelectedAt),
            History = state.History.Add(new("selected_for_spot_check", s.SelectedBy, s.SelectedAt, null)),
        },
        _ => state,
    };

    Engagement WithFinding(int number, Func<Finding, Finding> change) =>
        this with { Findings = Findings.Replace(FindingOf(number)!, change(FindingOf(number)!)) };

    public static readonly Decider<Engagement> Decider = new(StreamType, None, Evolve);

    public static readonly IReadOnlyList<Type> EventTypes =
    [
        typeof(EngagementOpened), typeof(EngagementAccepted), typeof(EngagementDeclined), typeof(EngagementTeamPlanned),
        typeof(EngagementDocumentsReviewed), typeof(EngagementSiteVisited), typeof(FindingRaised), typeof(FindingAnswered), typeof(FindingClosed),
        typeof(FindingEscalated), typeof(OpinionIssued), typeof(EngagementSigned), typeof(EngagementSignedOff), typeof(EngagementSelectedForSpotCheck),
    ];

    public sealed record Open(Guid EngagementId, Guid AgencyId, string AgencyName, VerificationSubject Subject, string Method, string? By);

    public sealed record Accept(Verifier Signer, string Declaration);

    public sealed record Decline(string Reason, string? By);

    public sealed record Plan(Verifier Lead, IReadOnlyList<Verifier> Members, Verifier Reviewer, DateOnly? SiteVisitPlannedOn, string? Notes, string? By);

    public sealed record ReviewDocuments(DateOnly ReviewedOn, string Summary, Verifier Actor);

    public sealed record VisitSite(DateOnly VisitedOn, IReadOnlyList<Verifier> Verifiers, IReadOnlyList<string> EnterpriseAttendees, string Summary, Verifier Actor);

    public sealed record RaiseFinding(string SourceCode, int? Month, string Description, string? ProposedCorrection, Verifier Actor);

    public sealed record AnswerFinding(int Number, string Answer, bool DataCorrected, string? By);

    public sealed record CloseFinding(int Number, string Note, Verifier Actor);

    public sealed record EscalateFinding(int Number, string Note, Verifier Actor);

    public sealed record IssueOpinion(string Opinion, string Summary, IReadOnlyList<VerifiedSource> Sources, Verifier Actor);

    /// <param name="DueOn">The year's verification deadline from the compliance calendar.</param>
    public sealed record Sign(string Role, Verifier Signer, DateOnly DueOn);

    public sealed record SelectForSpotCheck(string Seed, string? By);

    /// <summary>Materiality threshold: a verified total more than 5% from the reported one is a material misstatement.</summary>
    public const decimal MaterialityPercent = 5m;

    public static IReadOnlyList<object> Decide(Open c, Engagement state, DateTimeOffset now) => state.Exists
        ? []
        : [new EngagementOpened(c.EngagementId, c.AgencyId, c.AgencyName, c.Subject.EnterpriseId, c.Subject.Year, c.Subject.CreditCode, c.Subject.NameZh,
            c.Subject.NameEn, c.Subject.LeagueCode, c.Subject.Industry, c.Method, c.Subject.Reported ?? new ReportedFigures(0, 0, []), c.By, now)];

    public static IReadOnlyList<object> Decide(Accept c, Engagement state, DateTimeOffset now) => state.Status switch
    {
        EngagementStatuses.Assigned => [new EngagementAccepted(state.Id, TeamMember.Of(c.Signer), c.Declaration, now)],
        EngagementStatuses.Declined => throw Declined(),
        _ => [],
    };

    public static IReadOnlyList<object> Decide(Decline c, Engagement state, DateTimeOffset now) => state.Status switch
    {
        EngagementStatuses.Assigned => [new EngagementDeclined(state.Id, state.AgencyId, c.Reason, c.By, now)],
        EngagementStatuses.Declined => [],
        _ => throw new DomainRuleViolation("engagement.already_accepted",
            "该核查任务已接受，不能再拒绝。", "The engagement was accepted and can no longer be declined."),
    };

    public static IReadOnlyList<object> Decide(Plan c, Engagement state, DateTimeOffset now)
    {
        if (state.Status is not (EngagementStatuses.Accepted or EngagementStatuses.Planned)) throw NotInStatus(state, "plan");
        var members = c.Members.Where(m => m.Id != c.Lead.Id).DistinctBy(m => m.Id).ToList();
        foreach (var verifier in members.Prepend(c.Lead).Append(c.Reviewer).Where(v => !v.IsActive))
        {
            throw new DomainRuleViolation("engagement.verifier_left",
                $"核查人员 {verifier.NameZh} 已离职，不能参加核查。", $"The verifier {verifier.NameZh} has left the agency and cannot take part.");
        }
        if (c.Reviewer.Id == c.Lead.Id || members.Any(m => m.Id == c.Reviewer.Id) || c.Reviewer.Username == c.Lead.Username)
        {
            throw new DomainRuleViolation("engagement.reviewer_not_independent",
                "技术复核人须独立于核查组：不能是核查组长或组员。",
                "The technical reviewer must be independent of the team: neither its lead nor a member.");
        }
        if (!c.Lead.Has(Qualifications.LeadVerifier) || !c.Lead.Industries.Contains(state.Industry))
        {
            throw new DomainRuleViolation("engagement.lead_not_qualified",
                $"{c.Lead.NameZh} 不具备 {state.Industry} 行业的核查组长资质。", $"{c.Lead.NameZh} is not qualified to lead engagements in {state.Industry}.");
        }
        if (!c.Reviewer.Has(Qualifications.TechnicalReviewer))
        {
            throw new DomainRuleViolation("engagement.reviewer_not_qualified",
                $"{c.Reviewer.NameZh} 不具备技术复核资质。", $"{c.Reviewer.NameZh} is not qualified as a technical reviewer.");
        }
        var planned = new EngagementTeamPlanned(state.Id, TeamMember.Of(c.Lead), [.. members.Select(TeamMember.Of)], TeamMember.Of(c.Reviewer),
            c.SiteVisitPlannedOn, c.Notes, c.By, now);
        return state.Team is { } team && team.Lead == planned.Lead && team.Members.SequenceEqual(planned.Members) && team.Reviewer == planned.Reviewer &&
               team.SiteVisitPlannedOn == planned.SiteVisitPlannedOn && team.Notes == planned.Notes
            ? []
            : [planned];
    }

    public static IReadOnlyList<object> Decide(ReviewDocuments c, Engagement state, DateTimeOffset now)
    {
        RequireFieldwork(state, c.Actor);
        return state.DocumentReviews.LastOrDefault() is { } last && last.ReviewedOn == c.ReviewedOn && last.Summary == c.Summary
            ? []
            : [new EngagementDocumentsReviewed(state.Id, c.ReviewedOn, c.Summary, TeamMember.Of(c.Actor), now)];
    }

    public static IReadOnlyList<object> Decide(VisitSite c, Engagement state, DateTimeOffset now)
    {
        RequireFieldwork(state, c.Actor);
        if (c.Verifiers.FirstOrDefault(v => !state.Team!.IsOnTeam(v.Id)) is { } outsider)
        {
            throw new DomainRuleViolation("engagement.not_on_team",
                $"{outsider.NameZh} 不是本任务核查组成员。", $"{outsider.NameZh} is not on the engagement's team.");
        }
        var verifiers = c.Verifiers.DistinctBy(v => v.Id).Select(TeamMember.Of).ToList();
        return state.SiteVisits.LastOrDefault() is { } last && last.VisitedOn == c.VisitedOn && last.Summary == c.Summary && last.Verifiers.SequenceEqual(verifiers)
            ? []
            : [new EngagementSiteVisited(state.Id, c.VisitedOn, verifiers, [.. c.EnterpriseAttendees], c.Summary, TeamMember.Of(c.Actor), now)];
    }

    public static IReadOnlyList<object> Decide(RaiseFinding c, Engagement state, DateTimeOffset now)
    {
        RequireFieldwork(state, c.Actor);
        if (state.Reported.Sources.Count > 0 && state.Reported.Sources.All(s => s.SourceCode != c.SourceCode))
        {
            throw new DomainRuleViolation("engagement.unknown_source",
                $"报告中没有排放源 {c.SourceCode}。", $"The report has no source {c.SourceCode}.");
        }
        return [new FindingRaised(state.Id, state.Findings.Count + 1, c.SourceCode, c.Month, c.Description, c.ProposedCorrection, TeamMember.Of(c.Actor), now)];
    }

    public static IReadOnlyList<object> Decide(AnswerFinding c, Engagement state, DateTimeOffset now)
    {
        var finding = RequireOpenFinding(state, c.Number);
        return finding.Answers.LastOrDefault() is { } last && last.Answer == c.Answer && last.DataCorrected == c.DataCorrected
            ? []
            : [new FindingAnswered(state.Id, c.Number, c.Answer, c.DataCorrected, c.By, now)];
    }

    public static IReadOnlyList<object> Decide(CloseFinding c, Engagement state, DateTimeOffset now)
    {
        RequireOnTeam(state, c.Actor);
        if (state.FindingOf(c.Number) is { Status: FindingStatuses.Closed } closed && closed.ClosingNote == c.Note) return [];
        var finding = RequireOpenFinding(state, c.Number);
        if (finding.Status == FindingStatuses.Open)
        {
            throw new DomainRuleViolation("engagement.finding_not_answered",
                $"不符合项 #{c.Number} 尚无企业答复，不能关闭；可上报主管部门。",
                $"Finding #{c.Number} has no answer from the enterprise yet and cannot be closed; it can be escalated.");
        }
        return [new FindingClosed(state.Id, c.Number, c.Note, TeamMember.Of(c.Actor), now)];
    }

    public static IReadOnlyList<object> Decide(EscalateFinding c, Engagement state, DateTimeOffset now)
    {
        RequireOnTeam(state, c.Actor);
        var finding = RequireOpenFinding(state, c.Number);
        return finding.Status == FindingStatuses.Escalated ? [] : [new FindingEscalated(state.Id, c.Number, c.Note, TeamMember.Of(c.Actor), now)];
    }

    public static IReadOnlyList<object> Decide(IssueOpinion c, Engagement state, DateTimeOffset now)
    {
        if (state.Status == EngagementStatuses.OpinionIssued && state.Signatures.Count > 0)
        {
            throw new DomainRuleViolation("engagement.signing_started",
                "结论已有签字，不能再修改。", "The opinion has been signed and can no longer change.");
        }
        if (state.Status is not (EngagementStatuses.Planned or EngagementStatuses.OpinionIssued)) throw NotInStatus(state, "opinion");
        if (c.Actor.Id != state.Team!.Lead.VerifierId)
        {
            throw new DomainRuleViolation("engagement.not_the_lead", "核查结论由核查组长出具。", "The lead verifier issues the opinion.");
        }
        if (state.DocumentReviews.Count == 0)
        {
            throw new DomainRuleViolation("engagement.no_document_review", "尚未记录文件评审，不能出具结论。", "No document review is recorded; the opinion must wait for it.");
        }
        if (state.SiteVisits.Count == 0)
        {
            throw new DomainRuleViolation("engagement.no_site_visit", "尚未记录现场核查，不能出具结论。", "No site visit is recorded; the opinion must wait for it.");
        }
        var missing = state.Reported.Sources.Select(s => s.SourceCode).Except(c.Sources.Select(s => s.SourceCode)).ToList();
        if (missing.Count > 0)
        {
            throw new DomainRuleViolation("engagement.opinion_missing_sources",
                $"结论须给出每个报告排放源的核查数据，缺少：{string.Join("、", missing)}。",
                $"The opinion gives verified figures for every reported source; missing: {string.Join(", ", missing)}.");
        }

        var sources = c.Sources.Select(v =>
        {
            var reported = state.Reported.Sources.FirstOrDefault(s => s.SourceCode == v.SourceCode);
            return new SourceComparison(v.SourceCode, reported?.NameZh,
                Comparison.Of(reported?.EmissionsTco2 ?? 0, v.EmissionsTco2), Comparison.Of(reported?.EnergyTce ?? 0, v.EnergyTce));
        }).ToList();
        var emissions = Comparison.Of(state.Reported.EmissionsTco2, c.Sources.Sum(s => s.EmissionsTco2));
        var energy = Comparison.Of(state.Reported.EnergyTce, c.Sources.Sum(s => s.EnergyTce));
        var material = Math.Abs(emissions.Difference) * 100m > MaterialityPercent * Math.Abs(emissions.Reported);
        var open = state.Findings.Where(f => f.Status != FindingStatuses.Closed).Select(f => f.Number).ToList();
        if (state.Opinion is { } previous && previous.Opinion == c.Opinion && previous.Summary == c.Summary && previous.Sources.SequenceEqual(sources) &&
            previous.OpenFindings.SequenceEqual(open)) return [];
        return [new OpinionIssued(state.Id, c.Opinion, c.Summary, sources, emissions, energy, material, open, TeamMember.Of(c.Actor), now)];
    }

    /// <summary>
    /// The lead verifier and the technical reviewer each sign in their own role; one person never
    /// signs in both (nor signs for a role planned for someone else). The second signature completes
    /// the engagement with the opinion's verified figures.
    /// </summary>
    public static IReadOnlyList<object> Decide(Sign c, Engagement state, DateTimeOffset now)
    {
        if (state.Signatures.Find(s => s.Role == c.Role) is { } done)
        {
            if (done.Signer.VerifierId == c.Signer.Id) return [];
            throw new DomainRuleViolation("engagement.role_already_signed",
                $"{RoleName(c.Role).ZhCn}已由 {done.Signer.NameZh} 签字。", $"The {RoleName(c.Role).En} already signed ({done.Signer.NameZh}).");
        }
        if (state.Status != EngagementStatuses.OpinionIssued) throw NotInStatus(state, "sign");
        var team = state.Team!;
        var planned = c.Role == SignatureRoles.Lead ? team.Lead : team.Reviewer;
        var other = c.Role == SignatureRoles.Lead ? team.Reviewer : team.Lead;
        var otherSignature = state.Signatures.Find(s => s.Role != c.Role);
        if (other.VerifierId == c.Signer.Id || other.Username == c.Signer.Username ||
            otherSignature is not null && (otherSignature.Signer.VerifierId == c.Signer.Id || otherSignature.Signer.Username == c.Signer.Username))
        {
            throw new DomainRuleViolation("engagement.same_person_both_roles",
                "核查组长与技术复核人须由两个不同的人签字；同一人不能同时以两种身份签字。",
                "The lead verifier and the technical reviewer are two different people; one person cannot sign in both roles.");
        }
        if (planned.VerifierId != c.Signer.Id)
        {
            throw new DomainRuleViolation("engagement.not_the_signer",
                $"本任务的{RoleName(c.Role).ZhCn}是 {planned.NameZh}，只有其本人可以以此身份签字。",
                $"The engagement's {RoleName(c.Role).En} is {planned.NameZh}; only they sign in that role.");
        }
        var signed = new EngagementSigned(state.Id, c.Role, TeamMember.Of(c.Signer), now);
        if (otherSignature is null) return [signed];
        var opinion = state.Opinion!;
        return
        [
            signed,
            new EngagementSignedOff(state.Id, state.EnterpriseId, state.Year, opinion.EmissionsTco2.Verified, opinion.EnergyTce.Verified, opinion.Opinion,
                c.DueOn, BusinessDay.Of(now) > c.DueOn, now),
        ];
    }

    public static IReadOnlyList<object> Decide(SelectForSpotCheck c, Engagement state, DateTimeOffset now)
    {
        if (state.SpotCheck is not null) return [];
        if (state.Status != EngagementStatuses.Signed) throw NotInStatus(state, "spot_check");
        return [new EngagementSelectedForSpotCheck(state.Id, state.Year, c.Seed, c.By, now)];
    }

    static void RequireFieldwork(Engagement state, Verifier actor)
    {
        if (state.Status == EngagementStatuses.OpinionIssued)
        {
            throw new DomainRuleViolation("engagement.opinion_issued",
                "结论已出具，不能再记录核查工作或提出新的不符合项。",
                "The opinion is issued; no more fieldwork or new findings can be recorded.");
        }
        if (state.Status != EngagementStatuses.Planned) throw NotInStatus(state, "fieldwork");
        RequireOnTeam(state, actor);
    }

    static void RequireOnTeam(Engagement state, Verifier actor)
    {
        if (state.Team is null) throw NotInStatus(state, "fieldwork");
        if (state.Status == EngagementStatuses.Signed) throw NotInStatus(state, "fieldwork");
        if (!state.Team.IsOnTeam(actor.Id))
        {
            throw new DomainRuleViolation("engagement.not_on_team",
                $"{actor.NameZh} 不是本任务核查组成员。", $"{actor.NameZh} is not on the engagement's team.");
        }
    }

    static Finding RequireOpenFinding(Engagement state, int number)
    {
        var finding = state.FindingOf(number) ?? throw new DomainRuleViolation("engagement.unknown_finding",
            $"本任务没有不符合项 #{number}。", $"The engagement has no finding #{number}.");
        if (state.Status == EngagementStatuses.Signed)
        {
            throw new DomainRuleViolation("engagement.signed", "核查任务已签发，不能再变更。", "The engagement is signed off and can no longer change.");
        }
        if (finding.Status == FindingStatuses.Closed)
        {
            throw new DomainRuleViolation("engagement.finding_closed", $"不符合项 #{number} 已关闭。", $"Finding #{number} is closed.");
        }
        return finding;
    }

    static DomainRuleViolation Declined() => new("engagement.declined",
        "该核查任务已被拒绝，等待主管部门重新分配。", "The engagement was declined and waits for the DRC to reassign it.");

    static DomainRuleViolation NotInStatus(Engagement state, string step) => state.Status == EngagementStatuses.Declined
        ? Declined()
        : new DomainRuleViolation($"engagement.not_ready_for_{step}",
            $"核查任务当前状态为 {state.Status}，不能进行此操作（{StepName(step).ZhCn}）。",
            $"The engagement is {state.Status}; it is not ready for this step ({StepName(step).En}).");

    static LocalizedText StepName(string step) => step switch
    {
        "plan" => new("组建核查组", "planning the team"),
        "fieldwork" => new("核查工作与不符合项", "fieldwork and findings"),
        "opinion" => new("出具结论", "issuing the opinion"),
        "sign" => new("签字", "signing"),
        _ => new("抽查", "spot check"),
    };

    static LocalizedText RoleName(string role) => role == SignatureRoles.Lead ? new("核查组长", "lead verifier") : new("技术复核人", "technical reviewer");
}
