using System.Security.Cryptography;
using System.Text;
using Mrv.Registry.Demo;
using Mrv.Registry.Reporting;
using Mrv.Verification;
using Mrv.Verification.Agencies;
using Mrv.Verification.Assignment;
using Mrv.Verification.Engagements;
using Mrv.Verification.Ports;
using Opinions = Mrv.Verification.Engagements.Opinions;

namespace Mrv.Registry.Verifying;

/// <summary>The stages a seeded engagement is carried to.</summary>
internal enum EngagementStage { Assigned, Accepted, Planned, FindingsOpen, LeadSigned, Signed }

/// <summary>
/// Verification as seeds play it, in memory on <see cref="PendingStreams"/>: draws among the given
/// agencies with a recorded seed, and engagements carried through the workflow with the annual report
/// following, all through the decide functions the API uses. <paramref name="workload"/> is each
/// agency's engagements in a year so far, counted on as this script assigns and declines.
/// </summary>
internal sealed class VerificationScript(PendingStreams pending, IReadOnlyList<Guid> agencies, Dictionary<(Guid Agency, int Year), int> workload)
{
    public const string Drc = "drc";

    readonly Dictionary<(Guid Enterprise, int Year), Guid> verifiedBy = [];

    public Engagement EngagementOf(Guid id) => pending.State<Engagement>(Engagement.StreamId(id));

    public Engagement ApplyTo(Guid id, Func<Engagement, IReadOnlyList<object>> decide, DateTimeOffset at) =>
        pending.Apply(Engagement.Decider, Engagement.StreamId(id), decide, at);

    public Agency AgencyState(Guid id) => pending.State<Agency>(Agency.StreamId(id));

    /// <summary>Draws an agency as the API does (recorded seed, eligible list) and opens the engagement.</summary>
    public Guid Assign(VerificationSubject subject, DateTimeOffset at, int attempt)
    {
        var states = agencies.Select(AgencyState).ToList();
        var facts = new EligibilityFacts(subject, states,
            verifiedBy.Where(v => v.Key.Enterprise == subject.EnterpriseId && v.Key.Year < subject.Year).ToDictionary(v => v.Key.Year, v => v.Value),
            workload.Where(w => w.Key.Year == subject.Year).ToDictionary(w => w.Key.Agency, w => w.Value),
            BusinessDay.Of(at));
        var engagementId = DemoData.IdFor($"engagement:{subject.EnterpriseId}:{subject.Year}:{attempt}");
        var assignment = pending.Apply(AgencyAssignment.Decider, AgencyAssignment.StreamId(subject.EnterpriseId, subject.Year),
            Assigning.Draw(facts, Seed($"draw:{subject.EnterpriseId}:{subject.Year}:{attempt}"), engagementId, Drc, at), at);
        var agency = states.First(a => a.Id == assignment.CurrentAgencyId);
        ApplyTo(engagementId, state => Engagement.Decide(
            new Engagement.Open(engagementId, agency.Id, agency.NameZh, subject, AssignmentMethods.Draw, Drc), state, at), at);
        workload[(agency.Id, subject.Year)] = workload.GetValueOrDefault((agency.Id, subject.Year)) + 1;
        verifiedBy[(subject.EnterpriseId, subject.Year)] = agency.Id;
        return engagementId;
    }

    public void Decline(Guid id, string reason, string by, DateTimeOffset at)
    {
        var engagement = ApplyTo(id, state => Engagement.Decide(new Engagement.Decline(reason, by), state, at), at);
        pending.Apply(AgencyAssignment.Decider, AgencyAssignment.StreamId(engagement.EnterpriseId, engagement.Year),
            state => AgencyAssignment.Decide(new AgencyAssignment.Decline(id, reason, by), state, at), at);
        workload[(engagement.AgencyId, engagement.Year)]--;
        verifiedBy.Remove((engagement.EnterpriseId, engagement.Year));
    }

    /// <summary>
    /// Carries an engagement through the workflow up to <paramref name="stage"/>, a step every few
    /// days from <paramref name="start"/>: accepted, planned with document review, site visit with a
    /// finding (answered and closed by the end, two left open while findings are open), opinion,
    /// the lead's signature, the reviewer's. The report follows at acceptance and sign-off. The team
    /// is the agency's: the <paramref name="n"/>-th of its leads, its first plain verifier and its
    /// first technical reviewer; with <paramref name="material"/> a second finding is escalated and
    /// the opinion qualified, with the figures raised by 8%.
    /// </summary>
    public void Progress(Guid id, VerificationSubject subject, EngagementStage stage, DateTimeOffset start, int n, bool material)
    {
        var engagement = EngagementOf(id);
        var agency = AgencyState(engagement.AgencyId);
        var leads = agency.Verifiers.Where(v => v.IsActive && v.Has(Qualifications.LeadVerifier)).ToList();
        var lead = leads[n % leads.Count];
        var member = agency.Verifiers.First(v => v.IsActive && v.Username != lead.Username && !v.Has(Qualifications.TechnicalReviewer));
        var reviewer = agency.Verifiers.First(v => v.IsActive && v.Has(Qualifications.TechnicalReviewer));
        var enterpriseUser = subject.EnterpriseId == DemoData.DemoEnterpriseId ? "enterprise-demo" : DemoData.Seeder;
        var due = subject.VerificationDue;
        var source = subject.Reported!.Sources[0];
        var month = 3 + n % 9;

        void Step(DateTimeOffset at, Func<Engagement, IReadOnlyList<object>> decide) => ApplyTo(id, decide, at);
        void Report(DateTimeOffset at, Func<AnnualReport, IReadOnlyList<object>> decide) =>
            pending.Apply(AnnualReport.Decider, AnnualReport.StreamId(subject.EnterpriseId, subject.Year), decide, at);

        if (stage < EngagementStage.Accepted) return;
        var accepted = start.AddDays(2);
        Step(accepted, s => Engagement.Decide(new Engagement.Accept(lead, AcceptEngagement.StandardDeclaration), s, accepted));
        Report(accepted, s => AnnualReport.Decide(RegistryEngagementOutcomes.Command(
            new VerificationStarted(subject.EnterpriseId, subject.Year, id, agency.Id, lead.Username)), s, accepted));

        if (stage < EngagementStage.Planned) return;
        var planned = start.AddDays(4);
        Step(planned, s => Engagement.Decide(new Engagement.Plan(lead, [member], reviewer,
            BusinessDay.Of(start.AddDays(30)), "文件评审两周，现场核查两天（演示数据）", lead.Username), s, planned));
        var reviewed = start.AddDays(14);
        Step(reviewed, s => Engagement.Decide(new Engagement.ReviewDocuments(BusinessDay.Of(reviewed),
            "已审阅排放报告、监测计划、月度存证及燃料购销台账（演示数据）。", member), s, reviewed));

        if (stage < EngagementStage.FindingsOpen) return;
        var visited = start.AddDays(30);
        Step(visited, s => Engagement.Decide(new Engagement.VisitSite(BusinessDay.Of(visited), [lead, member],
            ["生产副总经理", "能源管理员"], "现场查看主要排放设施与计量器具，抽查三个月原始记录（演示数据）。", lead), s, visited));
        var raised = start.AddDays(31);
        Step(raised, s => Engagement.Decide(new Engagement.RaiseFinding(source.SourceCode, month,
            $"{month} 月{source.NameZh}消耗量与入厂台账不一致，报告少计约 0.4%（演示数据）。", $"按入厂台账更正 {month} 月数据。", member), s, raised));
        if (material)
        {
            Step(raised, s => Engagement.Decide(new Engagement.RaiseFinding(source.SourceCode, null,
                "全年计量器具未按监测计划检定，数据缺乏可追溯性（演示数据）。", "补充检定证书，按保守原则核增排放量。", lead), s, raised));
        }
        var answered = start.AddDays(38);
        Step(answered, s => Engagement.Decide(new Engagement.AnswerFinding(1,
            "已核对台账并通过月度数据接口更正（演示数据）。", true, enterpriseUser), s, answered));
        if (stage == EngagementStage.FindingsOpen)
        {
            Step(answered, s => Engagement.Decide(new Engagement.RaiseFinding(source.SourceCode, month + 1,
                $"{month + 1} 月缺少入炉煤化验报告原件（演示数据）。", "补充化验报告原件。", lead), s, answered));
            return;
        }
        var closed = start.AddDays(43);
        Step(closed, s => Engagement.Decide(new Engagement.CloseFinding(1, "更正已核实（演示数据）。", lead), s, closed));
        if (material)
        {
            Step(closed, s => Engagement.Decide(new Engagement.EscalateFinding(2,
                "企业未能提供检定证书，报主管部门（演示数据）。", lead), s, closed));
        }

        var issued = start.AddDays(50);
        var factor = material ? 1.08m : 1m;
        var verified = subject.Reported.Sources.Select(s => new VerifiedSource(s.SourceCode,
            Math.Round((s.EmissionsTco2 ?? 0) * (s.SourceCode == source.SourceCode ? factor + 0.004m : factor), 3),
            Math.Round((s.EnergyTce ?? 0) * (s.SourceCode == source.SourceCode ? factor + 0.004m : factor), 3))).ToList();
        Step(issued, s => Engagement.Decide(new Engagement.IssueOpinion(material ? Opinions.Qualified : Opinions.Pass,
            material ? "计量器具未按计划检定，按保守原则核增；其余数据真实可靠（演示数据）。" : "排放报告数据真实、准确，符合核算与报告指南要求（演示数据）。",
            verified, lead), s, issued));
        var leadSigned = start.AddDays(53);
        Step(leadSigned, s => Engagement.Decide(new Engagement.Sign(SignatureRoles.Lead, lead, due), s, leadSigned));

        if (stage < EngagementStage.Signed) return;
        var signedAt = start.AddDays(54);
        var signed = ApplyTo(id, s => Engagement.Decide(new Engagement.Sign(SignatureRoles.Reviewer, reviewer, due), s, signedAt), signedAt);
        Report(signedAt, s => AnnualReport.Decide(RegistryEngagementOutcomes.Command(new VerificationSignedOff(subject.EnterpriseId, subject.Year, id,
            signed.Completion!.VerifiedEmissionsTco2, signed.Completion.VerifiedEnergyTce, signed.Completion.Opinion, reviewer.Username)), s, signedAt));
    }

    /// <summary>A seed that looks like any other (128 bits, hex) but is the same on every re-seed.</summary>
    public static string Seed(string name) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("mrv-demo:" + name)))[..32];
}
