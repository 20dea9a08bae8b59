using Mrv.EventStore;
using Mrv.Registry.Enterprises;
using Mrv.Registry.Factors;
using Mrv.Registry.Monitoring;
using Mrv.Registry.Regions;
using Mrv.Registry.Reporting;

namespace Mrv.Registry.Demo;

/// <summary>What a scale seed wrote.</summary>
public sealed record ScaleSeedResult(int Enterprises, int Skipped, long Events, TimeSpan Elapsed);

/// <summary>
/// <c>./mrv seed --scale N</c>: a synthetic province of N enterprises (合成00001 …), spread over the
/// twelve leagues/cities and the demo's industries, each with the demo's kind of data: approved
/// plans, 24 months of data (2023 and 2024), the 2023 report submitted, the 2024 report submitted by
/// every other enterprise (the rest have complete data and a draft, as in the week before the
/// deadline), and an approved 2025 plan so that 2025's monthly data can be sent. Events come from
/// the same decide functions as the API and are written with the bulk import, a batch of
/// enterprises per transaction; enterprises already there are skipped, so a larger N adds to a smaller.
/// </summary>
public static class ScaleSeed
{
    public const int BatchSize = 250;

    static readonly int[] ReportYears = [2023, 2024];
    const int PlanOnlyYear = 2025;

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
        long events = 0;
        var written = 0;
        var skipped = 0;
        for (var from = 0; from < count; from += BatchSize)
        {
            var batch = Enumerable.Range(from, Math.Min(BatchSize, count - from)).Select(i => (Index: i, Demo: Synthetic(i))).ToList();
            var existing = await ExistingAsync(log, batch.Select(b => Enterprise.StreamId(b.Demo.Id)).ToArray(), ct);
            var streams = new List<StreamImport>();
            foreach (var (index, demo) in batch)
            {
                if (existing.Contains(Enterprise.StreamId(demo.Id)))
                {
                    skipped++;
                    continue;
                }
                streams.AddRange(EnterpriseStreams(demo, index, factors));
                written++;
            }
            if (streams.Count == 0) continue;
            await using var transaction = await log.BeginAsync(ct);
            events += await transaction.ImportAsync(streams, Metadata, ct);
            await transaction.CommitAsync(ct);
            if ((from / BatchSize + 1) % 20 == 0) output.WriteLine($"  {from + batch.Count:N0} of {count:N0} enterprises, {events:N0} events, {clock.Elapsed.TotalSeconds:0} s");
        }
        return new ScaleSeedResult(written, skipped, events, clock.Elapsed);
    }

    /// <summary>The enterprise's own stream and its plans, months and reports.</summary>
    static IEnumerable<StreamImport> EnterpriseStreams(DemoEnterprises.Demo demo, int index, FactorTableVersions factors)
    {
        var enterpriseEvents = new List<NewEvent>();
        var enterprise = Enterprise.None;
        foreach (var step in DemoData.Steps(demo, index % 1000, RegisteredAt))
        {
            var decided = step(enterprise);
            enterpriseEvents.AddRange(decided.Select(e => new NewEvent(e, RegisteredAt)));
            enterprise = decided.Aggregate(enterprise, Enterprise.Evolve);
        }
        yield return new StreamImport(Enterprise.StreamId(demo.Id), Enterprise.StreamType, enterpriseEvents);

        var profile = ReportingDemo.ProfileOf(demo.Kind)!;
        foreach (var year in ReportYears)
        {
            var submit = year == 2023 || index % 2 == 0;
            var (plan, activity, report, _) = ReportingDemo.EnterpriseYear(demo, enterprise, profile, year, factors.ApplyingTo(year)!, submit);
            yield return new StreamImport(MonitoringPlan.StreamId(demo.Id, year), MonitoringPlan.StreamType, plan);
            yield return new StreamImport(Activity.ActivityYear.StreamId(demo.Id, year), Activity.ActivityYear.StreamType, activity);
            yield return new StreamImport(AnnualReport.StreamId(demo.Id, year), AnnualReport.StreamType, report);
        }
        var (nextPlan, _) = ReportingDemo.ApprovedPlan(demo, enterprise, profile, PlanOnlyYear);
        yield return new StreamImport(MonitoringPlan.StreamId(demo.Id, PlanOnlyYear), MonitoringPlan.StreamType, nextPlan);
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
}
