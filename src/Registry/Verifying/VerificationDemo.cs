using Mrv.EventStore;
using Mrv.Registry.Calendar;
using Mrv.Registry.Demo;
using Mrv.Registry.Enterprises;
using Mrv.Registry.Reporting;
using Mrv.Verification.Agencies;
using Mrv.Verification.Engagements;
using Mrv.Verification.Ports;
using Mrv.Verification.SpotChecks;

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
        var pending = new PendingStreams();
        SeedAgencies(pending);

        var subjects = await SubjectsAsync(log, pending, ct);
        var demo = new Demo(pending);
        demo.Year2023([.. subjects.Where(s => s.Year == 2023)]);
        demo.Year2024([.. subjects.Where(s => s.Year == 2024)]);

        await using var transaction = await log.BeginAsync(ct);
        var events = await pending.WriteAsync(transaction, Metadata, ct);
        await transaction.CommitAsync(ct);
        var engagements = pending.States<Engagement>().ToList();
        output.WriteLine($"Demo verification: {Agencies.Length} agencies (1 suspended, 1 blacklisted), {engagements.Count} engagements (" +
                         string.Join(", ", engagements.GroupBy(e => e.Status).OrderBy(g => g.Key).Select(g => $"{g.Count()} {g.Key}")) +
                         $"), {demo.Determined} reports determined, {events} events in {clock.Elapsed.TotalSeconds:0.00} s.");
    }

    static void SeedAgencies(PendingStreams pending)
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
    static async Task<List<VerificationSubject>> SubjectsAsync(EventLog log, PendingStreams pending, CancellationToken ct)
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

    /// <summary>The demo's assignments and engagements, decided in memory in business-time order.</summary>
    sealed class Demo(PendingStreams pending)
    {
        readonly VerificationScript script = new(pending, [.. Agencies.Select(a => a.Id)], []);

        public int Determined { get; private set; }

        public void Year2023(IReadOnlyList<VerificationSubject> subjects)
        {
            var engagements = new List<(Guid Id, VerificationSubject Subject)>();
            for (var i = 0; i < subjects.Count; i++)
            {
                var late = i % 10 == 3;
                var start = At(2024, 4, 8).AddDays(late ? 40 : i % 4);
                var id = script.Assign(subjects[i], start, 0);
                engagements.Add((id, subjects[i]));
                script.Progress(id, subjects[i], EngagementStage.Signed, start, i, material: i == 7);
            }

            var spotCheckedAt = At(2024, 7, 5);
            var signed = engagements.Select(e => script.EngagementOf(e.Id)).Where(e => e.Completion?.SignedOffAt <= spotCheckedAt).Select(e => e.Id).ToList();
            var spotCheck = pending.Apply(SpotCheck.DeciderFor(2023), SpotCheck.StreamId(2023),
                state => SpotCheck.Decide(new SpotCheck.Draw(signed, SpotCheckSample, VerificationScript.Seed("spot-check:2023"), Drc), state, spotCheckedAt),
                spotCheckedAt).Drawn!;
            foreach (var sampled in spotCheck.Sample)
            {
                script.ApplyTo(sampled, state => Engagement.Decide(new Engagement.SelectForSpotCheck(spotCheck.Seed, Drc), state, spotCheckedAt), spotCheckedAt);
            }

            // Two reports wait for the DRC's determination; the first sampled one is overridden after its review.
            var waiting = engagements.Where(e => e.Id != spotCheck.Sample[0]).TakeLast(2).Select(e => e.Id).ToHashSet();
            var determinedAt = At(2024, 7, 22);
            foreach (var (id, subject) in engagements.Where(e => !waiting.Contains(e.Id)))
            {
                var completion = script.EngagementOf(id).Completion!;
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
                var id = script.Assign(subjects[i], start, 0);
                if (i == 0)
                {
                    var declining = script.EngagementOf(id);
                    var person = Agencies.First(a => a.Id == declining.AgencyId).People[0];
                    script.Decline(id, "核查组本年度任务已满，无法在截止日前完成（演示数据）", person.Username, start.AddDays(2));
                    start = start.AddDays(3);
                    id = script.Assign(subjects[i], start, 1);
                }
                assigned.Add((id, subjects[i], start));
            }
            foreach (var byAgency in assigned.GroupBy(a => script.EngagementOf(a.Id).AgencyId))
            {
                var k = 0;
                foreach (var (id, subject, start) in byAgency) script.Progress(id, subject, (EngagementStage)(k++ % 6), start, k, material: false);
            }
        }
    }

    /// <summary>10:00 China Standard Time: when the demo's people do their paperwork.</summary>
    static DateTimeOffset At(int year, int month, int day) => new(year, month, day, 10, 0, 0, ComplianceCalendar.ChinaStandardTime);
}
