using Mrv.EventStore;
using Mrv.Registry.Enterprises;
using Mrv.Registry.Factors;
using Mrv.Registry.Monitoring;
using Mrv.Registry.Regions;
using Mrv.Registry.Reporting;
using Mrv.Registry.Verifying;
using Mrv.Verification.Agencies;

namespace Mrv.Registry.Demo;

/// <summary>What a scale seed wrote.</summary>
public sealed record ScaleSeedResult(int Enterprises, int Skipped, int Engagements, int Accounts, long Events, TimeSpan Elapsed);

/// <summary>
/// <c>./mrv seed --scale N</c>: a synthetic province of N enterprises (合成00001 …), spread over the
/// twelve leagues/cities and the demo's industries, each with the demo's kind of data: approved
/// plans, 24 months of data (2023 and 2024), the 2023 report submitted, the 2024 report submitted by
/// every other enterprise (the rest have complete data and a draft, as in the week before the
/// deadline), and an approved 2025 plan so that 2025's monthly data can be sent. Every 2023 report
/// is drawn to one of six synthetic agencies, verified (a finding answered and closed, every fiftieth
/// opinion qualified), signed by lead and reviewer and determined; every submitted 2024 report is
/// drawn and its engagement stands somewhere between assigned and the lead's signature. Covered
/// enterprises have an allowance account, and the power plants their 2023 allocation. Events come
/// from the same decide functions as the API and are written with the bulk import, a batch of
/// enterprises per transaction; enterprises already there are skipped, so a larger N adds to a smaller.
/// </summary>
public static class ScaleSeed
{
    public const int BatchSize = 250;

    static readonly int[] ReportYears = [2023, 2024];
    const int PlanOnlyYear = 2025;

    /// <summary>When the DRC determines (核定) the 2023 reports, after the engagements are signed off.</summary>
    static readonly DateTimeOffset DeterminedAt = At(2024, 7, 10);

    static readonly EventMetadata Metadata = new(DemoData.Seeder, DemoData.Seeder, null);

    /// <summary>Coal power is the largest group among covered enterprises; the other industries follow in turn.</summary>
    static readonly DemoEnterprises.Kind[] Mix =
    [
        DemoEnterprises.CoalPower, DemoEnterprises.Cement, DemoEnterprises.CoalPower, DemoEnterprises.Steel, DemoEnterprises.Aluminium,
        DemoEnterprises.CoalPower, DemoEnterprises.CalciumCarbide, DemoEnterprises.Ferroalloy, DemoEnterprises.CoalPower,
        DemoEnterprises.CausticSoda, DemoEnterprises.Ammonia, DemoEnterprises.Copper,
    ];

    /// <summary>The counties each league/city's demo enterprises are in: the synthetic ones go there too.</summary>
    static readonly Dictionary<string, string[]> Counties = DemoEnterprises.All.GroupBy(d => d.LeagueCode)
        .ToDictionary(g => g.Key, g => g.Select(d => d.CountyCode).Distinct().Order(StringComparer.Ordinal).ToArray());

    /// <summary>The i-th synthetic enterprise (from 0): the same every time, so that a re-seed finds it.</summary>
    public static DemoEnterprises.Demo Synthetic(int i)
    {
        var league = Leagues.All[i % Leagues.All.Count].Code;
        var counties = Counties[league];
        var number = (i + 1).ToString("D5", System.Globalization.CultureInfo.InvariantCulture);
        return new DemoEnterprises.Demo(league, counties[i / Leagues.All.Count % counties.Length], "合成" + number, "Synthetic " + number,
            Mix[i / Leagues.All.Count % Mix.Length]);
    }

    /// <summary>When the synthetic enterprises were registered: before the first data year they report.</summary>
    static readonly DateTimeOffset RegisteredAt = new(2022, 11, 1, 10, 0, 0, Calendar.ComplianceCalendar.ChinaStandardTime);

    public static async Task<ScaleSeedResult> SeedAsync(EventLog log, int count, TextWriter output, CancellationToken ct = default)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var factors = (await GetFactors.LoadAsync(log, ct)).State;
        if (ReportYears.Any(y => factors.ApplyingTo(y) is null))
        {
            throw new InvalidOperationException("The factor table has no version for 2023 and 2024: seed it first (FactorTableSeed).");
        }
        var verificationDue = new Dictionary<int, DateOnly>();
        foreach (var year in ReportYears) verificationDue[year] = (await Calendar.ComplianceCalendar.LoadAsync(log, year, ct: ct)).State.VerificationDue;

        var setup = new PendingStreams();
        await ScaleAgencies.PrepareAsync(log, setup, count, ct);
        await ScaleAllowances.PrepareAsync(log, setup, ct);
        long events;
        await using (var transaction = await log.BeginAsync(ct))
        {
            events = await setup.WriteAsync(transaction, Metadata, ct);
            await transaction.CommitAsync(ct);
        }
        var agencies = await ScaleAgencies.LoadAsync(log, ct);
        var workload = await ScaleAgencies.WorkloadAsync(log, ReportYears, ct);

        var written = 0;
        var skipped = 0;
        var engagements = 0;
        var accounts = 0;
        for (var from = 0; from < count; from += BatchSize)
        {
            var batch = Enumerable.Range(from, Math.Min(BatchSize, count - from)).Select(i => (Index: i, Demo: Synthetic(i))).ToList();
            var existing = await ExistingAsync(log, batch.Select(b => Enterprise.StreamId(b.Demo.Id)).ToArray(), ct);
            var pending = new PendingStreams();
            foreach (var agency in agencies) pending.Track(Agency.Decider, agency);
            var verification = new VerificationScript(pending, ScaleAgencies.Ids, workload);
            var added = new List<(int Index, Enterprise Enterprise)>();
            foreach (var (index, demo) in batch)
            {
                if (existing.Contains(Enterprise.StreamId(demo.Id)))
                {
                    skipped++;
                    continue;
                }
                var enterprise = AddEnterprise(pending, demo, index, factors);
                engagements += Verify(verification, pending, enterprise, index, verificationDue);
                if (ScaleAllowances.Open(pending, enterprise)) accounts++;
                added.Add((index, enterprise));
            }
            if (added.Count == 0) continue;
            ScaleAllowances.Allocate(pending, added.Select(a => a.Enterprise), factors.ApplyingTo(2023)!,
                DemoData.IdFor($"scale:allocation:2023:final:{added[0].Index}"),
                $"2023 年度配额核定（合成省份第 {added[0].Index + 1}–{added[^1].Index + 1} 家企业中的发电企业）");
            await using var transaction = await log.BeginAsync(ct);
            events += await pending.WriteAsync(transaction, Metadata, ct);
            await transaction.CommitAsync(ct);
            written += added.Count;
            if ((from / BatchSize + 1) % 20 == 0) output.WriteLine($"  {from + batch.Count:N0} of {count:N0} enterprises, {events:N0} events, {clock.Elapsed.TotalSeconds:0} s");
        }
        return new ScaleSeedResult(written, skipped, engagements, accounts, events, clock.Elapsed);
    }

    /// <summary>The enterprise's own stream and its plans, months and reports; returns the enterprise.</summary>
    static Enterprise AddEnterprise(PendingStreams pending, DemoEnterprises.Demo demo, int index, FactorTableVersions factors)
    {
        var enterpriseEvents = new List<NewEvent>();
        var enterprise = Enterprise.None;
        foreach (var step in DemoData.Steps(demo, index % 1000, RegisteredAt))
        {
            var decided = step(enterprise);
            enterpriseEvents.AddRange(decided.Select(e => new NewEvent(e, RegisteredAt)));
            enterprise = decided.Aggregate(enterprise, Enterprise.Evolve);
        }
        pending.Add(Enterprise.StreamId(demo.Id), Enterprise.StreamType, enterpriseEvents);

        var profile = ReportingDemo.ProfileOf(demo.Kind)!;
        foreach (var year in ReportYears)
        {
            var submit = year == 2023 || index % 2 == 0;
            var (plan, activity, report, _) = ReportingDemo.EnterpriseYear(demo, enterprise, profile, year, factors.ApplyingTo(year)!, submit);
            pending.Add(MonitoringPlan.StreamId(demo.Id, year), MonitoringPlan.StreamType, plan);
            pending.Add(Activity.ActivityYear.StreamId(demo.Id, year), Activity.ActivityYear.StreamType, activity);
            pending.Add(AnnualReport.StreamId(demo.Id, year), AnnualReport.StreamType, report,
                report.Aggregate(AnnualReport.None, (state, e) => AnnualReport.Evolve(state, e.Data)));
        }
        var (nextPlan, _) = ReportingDemo.ApprovedPlan(demo, enterprise, profile, PlanOnlyYear);
        pending.Add(MonitoringPlan.StreamId(demo.Id, PlanOnlyYear), MonitoringPlan.StreamType, nextPlan);
        return enterprise;
    }

    /// <summary>
    /// The enterprise's submitted reports drawn and verified: 2023's signed off and determined,
    /// 2024's carried to a stage between assigned and the lead's signature. Returns the engagements.
    /// </summary>
    static int Verify(VerificationScript verification, PendingStreams pending, Enterprise enterprise, int index, IReadOnlyDictionary<int, DateOnly> due)
    {
        var engagements = 0;
        foreach (var year in ReportYears)
        {
            var stream = AnnualReport.StreamId(enterprise.Id, year);
            var report = pending.State<AnnualReport>(stream);
            if (report.Status != ReportStatuses.Submitted) continue;
            var subject = RegistryVerificationSubjects.Subject(enterprise, year, report, due[year]);
            var start = At(year + 1, 4, 8).AddDays(index % 4);
            var id = verification.Assign(subject, start, 0);
            engagements++;
            if (year == 2023)
            {
                verification.Progress(id, subject, EngagementStage.Signed, start, index, material: index % 50 == 7);
                pending.Apply(AnnualReport.Decider, stream,
                    state => AnnualReport.Decide(new AnnualReport.Determine(null, null, VerificationScript.Drc), state, DeterminedAt), DeterminedAt);
            }
            else
            {
                // Only every other enterprise submits 2024: index / 2 takes the stages in turn.
                verification.Progress(id, subject, (EngagementStage)(index / 2 % (int)EngagementStage.Signed), start, index, material: false);
            }
        }
        return engagements;
    }

    /// <summary>
    /// A month of the i-th synthetic enterprise's data as the API takes it (load tests send it): its
    /// profile's sources and outputs at its size, with the measured coal quality of a power plant.
    /// </summary>
    public static Activity.RecordMonthlyDataRequest MonthlyData(int i, int year, int month)
    {
        var demo = Synthetic(i);
        var profile = ReportingDemo.ProfileOf(demo.Kind)!;
        var main = Math.Round(profile.Monthly * (0.6m + ReportingDemo.Noise($"{demo.CreditCode}:size") * 0.8m) * profile.Season[month - 1], 0);
        var measured = demo.Kind == DemoEnterprises.CoalPower;
        var sources = profile.Sources.Select(s =>
        {
            var coal = measured && s.Code.EndsWith("-COAL", StringComparison.Ordinal);
            return new Activity.SourceEntryRequest(s.Code, Math.Round(main * s.PerOutput, 2), demo.Kind.Sources.Single(k => k.SourceCode == s.Code).Unit,
                coal ? ReportingDemo.CoalNcv : null, coal ? ReportingDemo.CoalCarbonContent : null, null, null);
        }).ToList();
        var outputs = new List<Activity.OutputEntryRequest> { new(profile.Product, main, Accounting.Products.UnitOf(profile.Product)) };
        outputs.AddRange(profile.Also.Select(a => new Activity.OutputEntryRequest(a.Product, Math.Round(main * a.Share, 0), Accounting.Products.UnitOf(a.Product))));
        return new Activity.RecordMonthlyDataRequest(sources, outputs, null);
    }

    static async Task<HashSet<string>> ExistingAsync(EventLog log, string[] ids, CancellationToken ct)
    {
        await using var command = log.DataSource.CreateCommand("select id from eventstore.streams where id = any($1)");
        command.Parameters.Add(new() { Value = ids });
        await using var reader = await command.ExecuteReaderAsync(ct);
        var found = new HashSet<string>(StringComparer.Ordinal);
        while (await reader.ReadAsync(ct)) found.Add(reader.GetString(0));
        return found;
    }

    /// <summary>10:00 China Standard Time on a day: when the province's people do their paperwork.</summary>
    internal static DateTimeOffset At(int year, int month, int day) => new(year, month, day, 10, 0, 0, Calendar.ComplianceCalendar.ChinaStandardTime);
}
