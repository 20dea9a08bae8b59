using System.Security.Cryptography;
using System.Text;
using Mrv.EventStore;
using Mrv.Registry.Calendar;
using Mrv.Registry.Demo;
using Mrv.Registry.Enterprises;
using Mrv.Registry.Reporting;
using Mrv.Verification;
using Mrv.Verification.Agencies;
using Mrv.Verification.Assignment;
using Mrv.Verification.Engagements;
using Mrv.Verification.Ports;
using Mrv.Verification.SpotChecks;
using Opinions = Mrv.Verification.Engagements.Opinions;

namespace Mrv.Registry.Verifying;

/// <summary>
/// The demo's third-party verification: five agencies (three active, one suspended, one
/// blacklisted) with their verifiers — <c>verifier-demo</c> is 王建国, lead verifier of the first —
/// declared consulting and a group that exclude them from some enterprises, and engagements for the
/// demo's submitted reports. Every 2023 report is drawn, verified with findings raised, answered and
/// closed, signed (a few late), spot-checked and, but for two, determined (one overridden after the
/// spot check); the 2024 reports are drawn (one declined and redrawn) and stand at every stage from
/// assigned to signed, five left for the batch. Everything goes through the same decide functions as
/// the API at business times of the years concerned, and is written in one transaction; once the
/// first agency exists, nothing is seeded again.
/// </summary>
public static class VerificationDemo
{
    const string Drc = "drc";
    const int SpotCheckSample = 3;

    static readonly EventMetadata Metadata = new(DemoData.Seeder, DemoData.Seeder, null);

    sealed record Person(string NameZh, string NameEn, string Username, string[] Qualifications);

    sealed record DemoAgency(Guid Id, string NameZh, string NameEn, string CreditCode, string[] Scopes, int Cap, Person[] People);

    static readonly string[] LeadAndVerifier = [Qualifications.LeadVerifier, Qualifications.Verifier];
    static readonly string[] VerifierOnly = [Qualifications.Verifier];
    static readonly string[] Reviewer = [Qualifications.TechnicalReviewer];

    static readonly DemoAgency Northern = new(DemoData.DemoAgencyId, "北方碳核查技术服务有限公司", "Northern Carbon Verification Services Co., Ltd.",
        Code("0B1C2D3"), ["power", "steel", "building_materials", "nonferrous", "chemical"], 30,
        [
            new("王建国", "Wang Jianguo", "verifier-demo", LeadAndVerifier), new("李敏", "Li Min", "nv-limin", LeadAndVerifier),
            new("赵磊", "Zhao Lei", "nv-zhaolei", VerifierOnly), new("陈静", "Chen Jing", "nv-chenjing", Reviewer),
        ]);

    static readonly DemoAgency Grassland = new(DemoData.IdFor("agency:grassland-certification"), "草原低碳认证中心有限公司",
        "Grassland Low-Carbon Certification Centre Co., Ltd.", Code("0B1C2D4"), ["power", "chemical", "nonferrous"], 20,
        [new("周涛", "Zhou Tao", "gl-zhoutao", LeadAndVerifier), new("吴芳", "Wu Fang", "gl-wufang", VerifierOnly), new("郑宇", "Zheng Yu", "gl-zhengyu", Reviewer)]);

    static readonly DemoAgency YellowRiver = new(DemoData.IdFor("agency:yellow-river-audit"), "黄河能源审核有限公司", "Yellow River Energy Audit Co., Ltd.",
        Code("0B1C2D5"), ["power", "steel", "building_materials"], 20,
        [new("马骏", "Ma Jun", "yr-majun", LeadAndVerifier), new("胡蓉", "Hu Rong", "yr-hurong", VerifierOnly), new("郭斌", "Guo Bin", "yr-guobin", Reviewer)]);

    static readonly DemoAgency Yinshan = new(DemoData.IdFor("agency:yinshan-consulting"), "阴山环境咨询有限公司", "Yinshan Environmental Consulting Co., Ltd.",
        Code("0B1C2D6"), ["power", "chemical"], 10,
        [new("高远", "Gao Yuan", "ys-gaoyuan", LeadAndVerifier), new("林青", "Lin Qing", "ys-linqing", Reviewer)]);

    static readonly DemoAgency Lvyuan = new(DemoData.IdFor("agency:ordos-lvyuan"), "鄂尔多斯绿源核查有限公司", "Ordos Lvyuan Verification Co., Ltd.",
        Code("0B1C2D7"), ["power", "steel"], 10,
        [new("田野", "Tian Ye", "ly-tianye", LeadAndVerifier), new("何平", "He Ping", "ly-heping", Reviewer)]);

    static readonly DemoAgency[] Agencies = [Northern, Grassland, YellowRiver, Yinshan, Lvyuan];

    static string Code(string tail) => CreditCode.Complete("91150105MA" + tail);

    public static async Task SeedAsync(CommandWriter writer, TextWriter output, CancellationToken ct = default)
    {
        var log = writer.Log;
        if (await log.FetchHeadAsync(Agency.StreamId(Northern.Id), ct) is not null) return;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var pending = new Pending();
        SeedAgencies(pending);

        var subjects = await SubjectsAsync(log, pending, ct);
        var demo = new Demo(pending);
        demo.Year2023([.. subjects.Where(s => s.Year == 2023)]);
        demo.Year2024([.. subjects.Where(s => s.Year == 2024)]);

        var events = await pending.WriteAsync(log, ct);
        var engagements = pending.States<Engagement>().ToList();
        output.WriteLine($"Demo verification: {Agencies.Length} agencies (1 suspended, 1 blacklisted), {engagements.Count} engagements (" +
                         string.Join(", ", engagements.GroupBy(e => e.Status).OrderBy(g => g.Key).Select(g => $"{g.Count()} {g.Key}")) +
                         $"), {demo.Determined} reports determined, {events} events in {clock.Elapsed.TotalSeconds:0.00} s.");
    }

    static void SeedAgencies(Pending pending)
    {
        var registeredAt = At(2023, 10, 9);
        foreach (var agency in Agencies)
        {
            var stream = Agency.StreamId(agency.Id);
            pending.Apply(Agency.Decider, stream, state => Agency.Decide(
                new Agency.Register(agency.Id, agency.NameZh, agency.NameEn, agency.CreditCode, agency.Scopes, agency.Cap, Drc), state, registeredAt), registeredAt);
            foreach (var person in agency.People)
            {
                pending.Apply(Agency.Decider, stream, state => Agency.Decide(new Agency.RegisterVerifier(DemoData.IdFor("verifier:" + person.Username),
                    person.NameZh, person.NameEn, person.Username, "CCER-VR-" + person.Username.ToUpperInvariant(), person.Qualifications, agency.Scopes, Drc),
                    state, registeredAt), registeredAt);
            }
        }
        var consultingClient = DemoEnterprises.All[2];
        pending.Apply(Agency.Decider, Agency.StreamId(Grassland.Id), state => Agency.Decide(new Agency.DeclareConsultancy(
            DemoData.IdFor("consultancy:grassland:" + consultingClient.CreditCode), consultingClient.CreditCode, consultingClient.Registration(2).NameZh,
            ConsultancyServices.ReportPreparation, new DateOnly(2021, 3, 1), new DateOnly(2022, 2, 28), "代编 2020、2021 年度温室气体排放报告", "gl-zhoutao"),
            state, registeredAt), registeredAt);
        pending.Apply(Agency.Decider, Agency.StreamId(YellowRiver.Id), state => Agency.Decide(new Agency.DeclareGroup(
            "黄河能源集团", [DemoEnterprises.All[4].CreditCode, DemoEnterprises.All[13].CreditCode], "yr-majun"), state, registeredAt), registeredAt);
        pending.Apply(Agency.Decider, Agency.StreamId(Lvyuan.Id), state => Agency.Decide(new Agency.Blacklist(
            "内发改环资字〔2023〕218号（演示）", "未赴现场即出具核查报告，伪造入炉煤样检测报告（演示数据）", BlacklistPeriods.FiveYears, new DateOnly(2023, 11, 15), Drc),
            state, At(2023, 11, 15)), At(2023, 11, 15));
        pending.Apply(Agency.Decider, Agency.StreamId(Yinshan.Id), state => Agency.Decide(new Agency.Suspend(
            new DateOnly(2024, 3, 1), new DateOnly(2027, 2, 28), "2022 年度核查报告抽查不合格：活动数据未与原始凭证核对（演示数据），责令整改", Drc),
            state, At(2024, 3, 1)), At(2024, 3, 1));
    }

    /// <summary>The demo's reports that are submitted and wait for verification, as verification sees them.</summary>
    static async Task<List<VerificationSubject>> SubjectsAsync(EventLog log, Pending pending, CancellationToken ct)
    {
        var years = new[] { 2023, 2024 };
        var ids = DemoEnterprises.All.Select(d => Enterprise.StreamId(d.Id)).ToArray();
        var enterprises = (await log.Documents.QueryAsync<Enterprise>(new DocumentQuery { Ids = ids, Limit = ids.Length }, ct)).Items
            .ToDictionary(d => d.Data.Id, d => d.Data);
        var reportIds = DemoEnterprises.All.SelectMany(d => years.Select(y => AnnualReport.StreamId(d.Id, y))).ToArray();
        var submitted = new HashSet<string>(StringComparer.Ordinal);
        await using (var command = log.DataSource.CreateCommand("select distinct stream_id from eventstore.events where type = $1 and stream_id = any($2)"))
        {
            command.Parameters.Add(new() { Value = log.Options.Events.AliasFor(typeof(ReportSubmitted)) });
            command.Parameters.Add(new() { Value = reportIds });
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct)) submitted.Add(reader.GetString(0));
        }
        var subjects = new List<VerificationSubject>();
        foreach (var year in years)
        {
            var due = (await ComplianceCalendar.LoadAsync(log, year, ct: ct)).State.VerificationDue;
            foreach (var demo in DemoEnterprises.All.Where(d => submitted.Contains(AnnualReport.StreamId(d.Id, year)) && enterprises.ContainsKey(d.Id)))
            {
                var report = await AnnualReport.LoadAsync(log, demo.Id, year, ct: ct);
                if (report.State.Status != ReportStatuses.Submitted) continue;
                pending.Track(AnnualReport.Decider, report);
                subjects.Add(RegistryVerificationSubjects.Subject(enterprises[demo.Id], year, report.State, due));
            }
        }
        return subjects;
    }

    /// <summary>The stages a demo engagement is carried to.</summary>
    enum Stage { Assigned, Accepted, Planned, FindingsOpen, LeadSigned, Signed }

    /// <summary>The demo's assignments and engagements, decided in memory in business-time order.</summary>
    sealed class Demo(Pending pending)
    {
        readonly Dictionary<(Guid Agency, int Year), int> workload = [];
        readonly Dictionary<(Guid Enterprise, int Year), Guid> verifiedBy = [];

        public int Determined { get; private set; }

        public void Year2023(IReadOnlyList<VerificationSubject> subjects)
        {
            var engagements = new List<(Guid Id, VerificationSubject Subject)>();
            for (var i = 0; i < subjects.Count; i++)
            {
                var late = i % 10 == 3;
                var start = At(2024, 4, 8).AddDays(late ? 40 : i % 4);
                var id = Assign(subjects[i], start, 0);
                engagements.Add((id, subjects[i]));
                Progress(id, subjects[i], Stage.Signed, start, i, material: i == 7);
            }

            var spotCheckedAt = At(2024, 7, 5);
            var signed = engagements.Select(e => EngagementOf(e.Id)).Where(e => e.Completion?.SignedOffAt <= spotCheckedAt).Select(e => e.Id).ToList();
            var spotCheck = pending.Apply(SpotCheck.DeciderFor(2023), SpotCheck.StreamId(2023),
                state => SpotCheck.Decide(new SpotCheck.Draw(signed, SpotCheckSample, Seed("spot-check:2023"), Drc), state, spotCheckedAt), spotCheckedAt).Drawn!;
            foreach (var sampled in spotCheck.Sample)
            {
                ApplyTo(sampled, state => Engagement.Decide(new Engagement.SelectForSpotCheck(spotCheck.Seed, Drc), state, spotCheckedAt), spotCheckedAt);
            }

            // Two reports wait for the DRC's determination; the first sampled one is overridden after its review.
            var waiting = engagements.Where(e => e.Id != spotCheck.Sample[0]).TakeLast(2).Select(e => e.Id).ToHashSet();
            var determinedAt = At(2024, 7, 22);
            foreach (var (id, subject) in engagements.Where(e => !waiting.Contains(e.Id)))
            {
                var completion = EngagementOf(id).Completion!;
                var command = id == spotCheck.Sample[0]
                    ? new AnnualReport.Determine(new AnnualReport.DeterminedFigures(Math.Round(completion.VerifiedEmissionsTco2 * 1.006m, 3), completion.VerifiedEnergyTce),
                        "双随机抽查复核：入炉煤月度盘点差异未计入，核增 0.6%（演示数据）", Drc)
                    : new AnnualReport.Determine(null, null, Drc);
                pending.Apply(AnnualReport.Decider, AnnualReport.StreamId(subject.EnterpriseId, 2023), state => AnnualReport.Decide(command, state, determinedAt), determinedAt);
                Determined++;
            }

            var evaluatedAt = At(2024, 9, 10);
            foreach (var (agency, quality, timeliness, compliance) in new[] { (Northern, 92, 88, 95), (Grassland, 86, 90, 88), (YellowRiver, 80, 72, 85) })
            {
                pending.Apply(Agency.Decider, Agency.StreamId(agency.Id), state => Agency.Decide(
                    new Agency.Evaluate(2023, quality, timeliness, compliance, "2023 年度核查工作考评（演示数据）", Drc), state, evaluatedAt), evaluatedAt);
            }
        }

        public void Year2024(IReadOnlyList<VerificationSubject> subjects)
        {
            const int LeftForTheBatch = 5;
            var assigned = new List<(Guid Id, VerificationSubject Subject, DateTimeOffset Start)>();
            for (var i = 0; i < subjects.Count - LeftForTheBatch; i++)
            {
                var start = At(2025, 4, 8).AddDays(i % 4);
                var id = Assign(subjects[i], start, 0);
                if (i == 0)
                {
                    var declining = EngagementOf(id);
                    var person = Agencies.First(a => a.Id == declining.AgencyId).People[0];
                    Decline(id, "核查组本年度任务已满，无法在截止日前完成（演示数据）", person.Username, start.AddDays(2));
                    start = start.AddDays(3);
                    id = Assign(subjects[i], start, 1);
                }
                assigned.Add((id, subjects[i], start));
            }
            foreach (var byAgency in assigned.GroupBy(a => EngagementOf(a.Id).AgencyId))
            {
                var k = 0;
                foreach (var (id, subject, start) in byAgency) Progress(id, subject, (Stage)(k++ % 6), start, k, material: false);
            }
        }

        Engagement EngagementOf(Guid id) => pending.State<Engagement>(Engagement.StreamId(id));

        Engagement ApplyTo(Guid id, Func<Engagement, IReadOnlyList<object>> decide, DateTimeOffset at) =>
            pending.Apply(Engagement.Decider, Engagement.StreamId(id), decide, at);

        Agency AgencyState(Guid id) => pending.State<Agency>(Agency.StreamId(id));

        /// <summary>Draws an agency as the API does (recorded seed, eligible list) and opens the engagement.</summary>
        Guid Assign(VerificationSubject subject, DateTimeOffset at, int attempt)
        {
            var agencies = Agencies.Select(a => AgencyState(a.Id)).ToList();
            var facts = new EligibilityFacts(subject, agencies,
                verifiedBy.Where(v => v.Key.Enterprise == subject.EnterpriseId && v.Key.Year < subject.Year).ToDictionary(v => v.Key.Year, v => v.Value),
                workload.Where(w => w.Key.Year == subject.Year).ToDictionary(w => w.Key.Agency, w => w.Value),
                BusinessDay.Of(at));
            var engagementId = DemoData.IdFor($"engagement:{subject.EnterpriseId}:{subject.Year}:{attempt}");
            var assignment = pending.Apply(AgencyAssignment.Decider, AgencyAssignment.StreamId(subject.EnterpriseId, subject.Year),
                Assigning.Draw(facts, Seed($"draw:{subject.EnterpriseId}:{subject.Year}:{attempt}"), engagementId, Drc, at), at);
            var agency = agencies.First(a => a.Id == assignment.CurrentAgencyId);
            ApplyTo(engagementId, state => Engagement.Decide(
                new Engagement.Open(engagementId, agency.Id, agency.NameZh, subject, AssignmentMethods.Draw, Drc), state, at), at);
            workload[(agency.Id, subject.Year)] = workload.GetValueOrDefault((agency.Id, subject.Year)) + 1;
            verifiedBy[(subject.EnterpriseId, subject.Year)] = agency.Id;
            return engagementId;
        }

        void Decline(Guid id, string reason, string by, DateTimeOffset at)
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
        /// the lead's signature, the reviewer's. The report follows at acceptance and sign-off.
        /// </summary>
        void Progress(Guid id, VerificationSubject subject, Stage stage, DateTimeOffset start, int n, bool material)
        {
            var engagement = EngagementOf(id);
            var agency = AgencyState(engagement.AgencyId);
            var people = Agencies.First(a => a.Id == agency.Id).People;
            var leads = people.Where(p => p.Qualifications.Contains(Qualifications.LeadVerifier)).ToList();
            var lead = agency.VerifierByUsername(leads[n % leads.Count].Username)!;
            var member = agency.VerifierByUsername(people.First(p => p.Username != lead.Username && !p.Qualifications.Contains(Qualifications.TechnicalReviewer)).Username)!;
            var reviewer = agency.VerifierByUsername(people.First(p => p.Qualifications.Contains(Qualifications.TechnicalReviewer)).Username)!;
            var enterpriseUser = subject.EnterpriseId == DemoData.DemoEnterpriseId ? "enterprise-demo" : DemoData.Seeder;
            var due = subject.VerificationDue;
            var source = subject.Reported!.Sources[0];
            var month = 3 + n % 9;

            void Step(DateTimeOffset at, Func<Engagement, IReadOnlyList<object>> decide) => ApplyTo(id, decide, at);
            void Report(DateTimeOffset at, Func<AnnualReport, IReadOnlyList<object>> decide) =>
                pending.Apply(AnnualReport.Decider, AnnualReport.StreamId(subject.EnterpriseId, subject.Year), decide, at);

            if (stage < Stage.Accepted) return;
            var accepted = start.AddDays(2);
            Step(accepted, s => Engagement.Decide(new Engagement.Accept(lead, AcceptEngagement.StandardDeclaration), s, accepted));
            Report(accepted, s => AnnualReport.Decide(RegistryEngagementOutcomes.Command(
                new VerificationStarted(subject.EnterpriseId, subject.Year, id, agency.Id, lead.Username)), s, accepted));

            if (stage < Stage.Planned) return;
            var planned = start.AddDays(4);
            Step(planned, s => Engagement.Decide(new Engagement.Plan(lead, [member], reviewer,
                BusinessDay.Of(start.AddDays(30)), "文件评审两周，现场核查两天（演示数据）", lead.Username), s, planned));
            var reviewed = start.AddDays(14);
            Step(reviewed, s => Engagement.Decide(new Engagement.ReviewDocuments(BusinessDay.Of(reviewed),
                "已审阅排放报告、监测计划、月度存证及燃料购销台账（演示数据）。", member), s, reviewed));

            if (stage < Stage.FindingsOpen) return;
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
            if (stage == Stage.FindingsOpen)
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

            if (stage < Stage.Signed) return;
            var signedAt = start.AddDays(54);
            var signed = ApplyTo(id, s => Engagement.Decide(new Engagement.Sign(SignatureRoles.Reviewer, reviewer, due), s, signedAt), signedAt);
            Report(signedAt, s => AnnualReport.Decide(RegistryEngagementOutcomes.Command(new VerificationSignedOff(subject.EnterpriseId, subject.Year, id,
                signed.Completion!.VerifiedEmissionsTco2, signed.Completion.VerifiedEnergyTce, signed.Completion.Opinion, reviewer.Username)), s, signedAt));
        }
    }

    /// <summary>Streams decided in memory: new ones are imported, existing ones (the reports) appended after the version they were read at.</summary>
    sealed class Pending
    {
        sealed class Entry(string type, StreamHead? head, object state)
        {
            public string Type { get; } = type;
            public StreamHead? Head { get; } = head;
            public object State { get; set; } = state;
            public List<NewEvent> Events { get; } = [];
        }

        readonly Dictionary<string, Entry> streams = new(StringComparer.Ordinal);

        public void Track<TState>(Decider<TState> decider, Aggregate<TState> existing) where TState : notnull =>
            streams[existing.StreamId] = new Entry(decider.StreamType, existing.Head, existing.State);

        public TState Apply<TState>(Decider<TState> decider, string streamId, Func<TState, IReadOnlyList<object>> decide, DateTimeOffset at) where TState : notnull
        {
            if (!streams.TryGetValue(streamId, out var entry)) streams[streamId] = entry = new Entry(decider.StreamType, null, decider.Initial);
            var events = decide((TState)entry.State);
            entry.Events.AddRange(events.Select(e => new NewEvent(e, at)));
            entry.State = events.Aggregate((TState)entry.State, decider.Evolve);
            return (TState)entry.State;
        }

        public TState State<TState>(string streamId) => (TState)streams[streamId].State;

        public IEnumerable<TState> States<TState>() => streams.Values.Select(e => e.State).OfType<TState>();

        public async Task<long> WriteAsync(EventLog log, CancellationToken ct)
        {
            await using var transaction = await log.BeginAsync(ct);
            var count = await transaction.ImportAsync(
                [.. streams.Where(s => s.Value.Head is null && s.Value.Events.Count > 0).Select(s => new StreamImport(s.Key, s.Value.Type, s.Value.Events))], Metadata, ct);
            foreach (var (_, entry) in streams.Where(s => s.Value.Head is not null && s.Value.Events.Count > 0))
            {
                await transaction.AppendAsync(entry.Head!, entry.Type, entry.Events, Metadata, ct);
                count += entry.Events.Count;
            }
            await transaction.CommitAsync(ct);
            return count;
        }
    }

    /// <summary>A seed that looks like any other (128 bits, hex) but is the same on every re-seed.</summary>
    static string Seed(string name) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("mrv-demo:" + name)))[..32];

    /// <summary>10:00 China Standard Time: when the demo's people do their paperwork.</summary>
    static DateTimeOffset At(int year, int month, int day) => new(year, month, day, 10, 0, 0, ComplianceCalendar.ChinaStandardTime);
}
