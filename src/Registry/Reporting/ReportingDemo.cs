using System.Security.Cryptography;
using System.Text;
using Mrv.EventStore;
using Mrv.Registry.Accounting;
using Mrv.Registry.Activity;
using Mrv.Registry.Calendar;
using Mrv.Registry.Demo;
using Mrv.Registry.Enterprises;
using Mrv.Registry.Factors;
using Mrv.Registry.Monitoring;

namespace Mrv.Registry.Reporting;

/// <summary>
/// The demo's monitoring, monthly data and reports: every demo enterprise gets an approved plan and
/// twelve months of plausible data for 2023 and 2024 from its industry's profile, and one submitted
/// report (2023 for even positions in the demo list, 2024 for odd ones; the other year stays a
/// complete draft). The closed plant has no data after its units shut down in June 2024, explained
/// as a gap. Everything goes through the same decide functions as the API, at business times of the
/// years concerned (data ten days after each month, reports on 20 March), and is written with one
/// bulk import; enterprise-years that already have any of their streams are left alone.
/// </summary>
public static class ReportingDemo
{
    public static readonly int[] Years = [2023, 2024];

    static readonly EventMetadata Metadata = new(DemoData.Seeder, DemoData.Seeder, null);

    /// <summary>A source's monthly quantity per unit of the profile's main output, and how its meter is described in the plan.</summary>
    internal sealed record SourceProfile(string Code, decimal PerOutput, decimal RequiredAccuracy, string? CrossCheck = null);

    /// <summary>
    /// An industry's month at size 1: its main output, the sources per unit of it, further outputs as
    /// shares of the main one, and a seasonal shape (January first). Ratios are typical of the
    /// industry: 0.305 tce of coal per MWh generated, 3.3 MWh and 0.55 t coke per t of calcium carbide,
    /// 2.25 MWh per t of caustic soda, 1.55 t coal per t of coal-based ammonia.
    /// </summary>
    internal sealed record Profile(string Product, decimal Monthly, IReadOnlyList<SourceProfile> Sources, IReadOnlyList<(string Product, decimal Share)> Also, decimal[] Season);

    static readonly decimal[] Flat = [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1];

    /// <summary>Coal power runs hardest in the heating season and in summer.</summary>
    static readonly decimal[] Heating = [1.12m, 1.05m, 0.98m, 0.92m, 0.90m, 0.98m, 1.08m, 1.10m, 0.95m, 0.92m, 1.00m, 1.10m];

    /// <summary>Northern cement kilns stop in winter (错峰生产): January and February barely run.</summary>
    static readonly decimal[] WinterStop = [0.62m, 0.68m, 1.0m, 1.05m, 1.08m, 1.08m, 1.05m, 1.05m, 1.05m, 1.05m, 1.0m, 0.85m];

    /// <summary>Measured coal of the power plants (低位发热量 and 含碳量 measured per month).</summary>
    internal const decimal CoalNcv = 20.8m, CoalCarbonContent = 0.0264m;

    internal static Profile? ProfileOf(DemoEnterprises.Kind kind) => kind switch
    {
        _ when kind == DemoEnterprises.CoalPower => new(Products.ElectricityGenerated, 475_000m,
        [
            // Per MWh generated: 0.305 tce split over two units, in tonnes of coal at the measured NCV.
            new("G1-COAL", 0.1525m * AccountingEngine.GjPerTce / CoalNcv, 0.005m, "入厂煤采购发票与煤场盘点"),
            new("G2-COAL", 0.1525m * AccountingEngine.GjPerTce / CoalNcv, 0.005m, "入厂煤采购发票与煤场盘点"),
            new("G1-OIL", 0.00004m, 0.01m),
            new("GRID-ELEC", 0.0012m, 0.005m, "电网公司电费结算单"),
        ], [(Products.ElectricitySupplied, 0.94m)], Heating),
        _ when kind == DemoEnterprises.Steel => new(Products.PigIron, 100_000m,
            [new("BF1-COKE", 0.38m, 0.01m, "焦炭采购发票"), new("BF1-BFG", 0.06m, 0.02m)], [], Flat),
        _ when kind == DemoEnterprises.Cement => new(Products.Clinker, 120_000m,
            [new("KILN1-COAL", 0.16m, 0.01m, "入厂煤采购发票"), new("KILN1-CLINKER", 1m, 0.01m)], [], WinterStop),
        _ when kind == DemoEnterprises.Aluminium => new(Products.Aluminium, 30_000m,
            [new("POT1-ELEC", 13.5m, 0.005m, "电网公司电费结算单"), new("POT1-GAS", 0.005m, 0.02m)], [], Flat),
        _ when kind == DemoEnterprises.Copper => new(Products.Copper, 10_000m,
            [new("SMELT1-ELEC", 2.0m, 0.005m, "电网公司电费结算单"), new("SMELT1-GAS", 0.03m, 0.02m)], [], Flat),
        _ when kind == DemoEnterprises.Ferroalloy => new(Products.Ferroalloy, 8_000m,
            [new("FURNACE1-ELEC", 8.5m, 0.005m, "电网公司电费结算单"), new("FURNACE1-COKE", 0.88m, 0.01m)], [], Flat),
        _ when kind == DemoEnterprises.CalciumCarbide => new(Products.CalciumCarbide, 25_000m,
            [new("FURNACE1-ELEC", 3.3m, 0.005m, "电网公司电费结算单"), new("FURNACE1-COKE", 0.55m, 0.01m), new("LIME1-CALCITE", 1.6m, 0.01m)], [], Flat),
        _ when kind == DemoEnterprises.CausticSoda => new(Products.CausticSoda, 20_000m,
            [new("CELL1-ELEC", 2.25m, 0.005m, "电网公司电费结算单"), new("CELL1-STEAM", 1.3m, 0.025m)], [], Flat),
        _ when kind == DemoEnterprises.Ammonia => new(Products.SyntheticAmmonia, 30_000m,
            [new("GASIFIER1-COAL", 1.55m, 0.01m, "入厂煤采购发票"), new("GASIFIER1-ELEC", 0.25m, 0.005m, "电网公司电费结算单")], [], Flat),
        _ => null,
    };

    public static async Task SeedAsync(CommandWriter writer, TimeProvider time, TextWriter output, CancellationToken ct = default)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var log = writer.Log;
        var factors = (await GetFactors.LoadAsync(log, ct)).State;
        var ids = DemoEnterprises.All.Select(d => Enterprise.StreamId(d.Id)).ToArray();
        var enterprises = (await log.Documents.QueryAsync<Enterprise>(new DocumentQuery { Ids = ids, Limit = ids.Length }, ct)).Items
            .ToDictionary(d => d.Data.Id, d => d.Data);
        var existing = await ExistingStreamsAsync(log, ct);

        var streams = new List<StreamImport>();
        var evidence = new List<(EvidenceAttached Event, byte[] Bytes)>();
        var submitted = 0;
        for (var index = 0; index < DemoEnterprises.All.Count; index++)
        {
            var demo = DemoEnterprises.All[index];
            if (ProfileOf(demo.Kind) is not { } profile || !enterprises.TryGetValue(demo.Id, out var enterprise)) continue;
            foreach (var year in Years)
            {
                string[] streamIds = [MonitoringPlan.StreamId(demo.Id, year), ActivityYear.StreamId(demo.Id, year), AnnualReport.StreamId(demo.Id, year)];
                if (streamIds.Any(existing.Contains) || factors.ApplyingTo(year) is not { } version) continue;
                var submit = year == (index % 2 == 0 ? 2023 : 2024);
                var (plan, activity, report, attached) = EnterpriseYear(demo, enterprise, profile, year, version, submit);
                streams.Add(new StreamImport(streamIds[0], MonitoringPlan.StreamType, plan));
                streams.Add(new StreamImport(streamIds[1], ActivityYear.StreamType, activity));
                streams.Add(new StreamImport(streamIds[2], AnnualReport.StreamType, report));
                evidence.AddRange(attached);
                if (submit) submitted++;
            }
        }
        if (streams.Count == 0) return;

        await using var transaction = await log.BeginAsync(ct);
        var events = await transaction.ImportAsync(streams, Metadata, ct);
        foreach (var (attached, bytes) in evidence) await EvidenceFiles.InsertAsync(transaction, attached, bytes, ct);
        await transaction.CommitAsync(ct);
        output.WriteLine($"Demo monitoring plans, monthly data and reports: {streams.Count / 3} enterprise-years, {submitted} reports submitted, " +
                         $"{events} events in {clock.Elapsed.TotalSeconds:0.00} s.");
    }

    static async Task<HashSet<string>> ExistingStreamsAsync(EventLog log, CancellationToken ct)
    {
        var ids = DemoEnterprises.All.SelectMany(d => Years.SelectMany(y => new[]
        {
            MonitoringPlan.StreamId(d.Id, y), ActivityYear.StreamId(d.Id, y), AnnualReport.StreamId(d.Id, y),
        })).ToArray();
        await using var command = log.DataSource.CreateCommand("select id from eventstore.streams where id = any($1)");
        command.Parameters.Add(new() { Value = ids });
        await using var reader = await command.ExecuteReaderAsync(ct);
        var found = new HashSet<string>(StringComparer.Ordinal);
        while (await reader.ReadAsync(ct)) found.Add(reader.GetString(0));
        return found;
    }

    /// <summary>
    /// An enterprise-year of the demo: its approved plan, the months of data its profile gives (all
    /// twelve unless its units closed), the report opened and, when <paramref name="submit"/>, submitted.
    /// </summary>
    internal static (List<NewEvent> Plan, List<NewEvent> Activity, List<NewEvent> Report, List<(EvidenceAttached, byte[])> Evidence) EnterpriseYear(
        DemoEnterprises.Demo demo, Enterprise enterprise, Profile profile, int year, FactorTableVersion factors, bool submit)
    {
        var size = 0.6m + Noise($"{demo.CreditCode}:size") * 0.8m;
        var (planEvents, plan) = ApprovedPlan(demo, enterprise, profile, year);
        var inForce = plan.InForce!;

        var calendar = ComplianceCalendar.Default(year);
        var activityEvents = new List<NewEvent>();
        var activity = ActivityYear.None;
        var closedAfter = enterprise.Sources.Where(s => s.ClosedOn is { } closed && closed.Year == year).Select(s => s.ClosedOn!.Value.Month).DefaultIfEmpty(12).Min();
        var isDemoLogin = demo.Id == DemoData.DemoEnterpriseId;
        for (var month = 1; month <= closedAfter; month++)
        {
            var main = Math.Round(profile.Monthly * size * profile.Season[month - 1] * (0.94m + Noise($"{demo.CreditCode}:{year}:{month}") * 0.12m), 0);
            var sources = profile.Sources.Select(s => new SourceEntry(s.Code, Math.Round(main * s.PerOutput, 2), enterprise.SourceOf(s.Code)!.Unit,
                inForce.Content.SourceOf(s.Code)!.NcvMethod == DeterminationMethods.Measured ? CoalNcv + Offset($"{demo.CreditCode}:{year}:{month}:ncv", 0.6m) : null,
                inForce.Content.SourceOf(s.Code)!.CarbonContentMethod == DeterminationMethods.Measured ? CoalCarbonContent + Offset($"{demo.CreditCode}:{year}:{month}:cc", 0.0004m) : null,
                // The demo login's grid meter missed its May 2024 calibration: the report shows the conservative adjustment.
                !(isDemoLogin && year == 2024 && month == 5 && s.Code == "GRID-ELEC"), null)).ToList();
            var outputs = new List<OutputEntry> { new(profile.Product, main, Products.UnitOf(profile.Product)) };
            outputs.AddRange(profile.Also.Select(a => new OutputEntry(a.Product, Math.Round(main * a.Share, 0), Products.UnitOf(a.Product))));
            // The demo login sent its November 2024 data after the due day: the report shows it flagged late.
            var recordedAt = isDemoLogin && year == 2024 && month == 11 ? At(year + 1, 1, 20) : At(year, month, 1).AddMonths(1).AddDays(9);
            var decided = ActivityYear.Decide(new ActivityYear.Record(demo.Id, year, month, sources, outputs, inForce.Version,
                calendar.MonthlyDataDueOn(month), false, null, DemoData.Seeder), activity, recordedAt);
            activityEvents.AddRange(decided.Select(e => new NewEvent(e, recordedAt)));
            activity = decided.Aggregate(activity, ActivityYear.Evolve);
        }
        var evidence = new List<(EvidenceAttached, byte[])>();
        if (isDemoLogin)
        {
            var bytes = Encoding.UTF8.GetBytes($"日期,入炉煤皮带秤读数(t),值班员\n{year}-01-31,{activity.MonthOf(1)!.Sources[0].Quantity},演示\n");
            var attachedAt = At(year, 2, 10);
            var attach = new ActivityYear.Attach(demo.Id, year, 1, DemoData.IdFor($"evidence:{demo.Id}:{year}:1"), $"{year}-01-入炉煤抄表记录.csv",
                EvidenceFiles.Csv, bytes.LongLength, Convert.ToHexStringLower(SHA256.HashData(bytes)), "meter_reading", "1 月入炉煤皮带秤抄表记录", DemoData.Seeder);
            var attached = ActivityYear.Decide(attach, activity, attachedAt);
            activityEvents.AddRange(attached.Select(e => new NewEvent(e, attachedAt)));
            activity = attached.Aggregate(activity, ActivityYear.Evolve);
            evidence.AddRange(attached.OfType<EvidenceAttached>().Select(e => (e, bytes)));
        }

        var reportEvents = new List<NewEvent>();
        var report = AnnualReport.None;
        void OnReport(IReadOnlyList<object> decided, DateTimeOffset at)
        {
            reportEvents.AddRange(decided.Select(e => new NewEvent(e, at)));
            report = decided.Aggregate(report, AnnualReport.Evolve);
        }
        var opening = ReportAssembler.Opening(enterprise, year, DemoData.Seeder);
        OnReport(AnnualReport.Decide(opening, report, At(year + 1, 1, 15)), At(year + 1, 1, 15));
        if (closedAfter < 12)
        {
            OnReport(AnnualReport.Decide(new AnnualReport.ExplainGaps(opening, [.. Enumerable.Range(closedAfter + 1, 12 - closedAfter)],
                $"全厂机组已于 {year} 年 {closedAfter} 月底关停，此后无生产。", DemoData.Seeder), report, At(year + 1, 1, 15)), At(year + 1, 1, 15));
        }
        if (submit)
        {
            var sources = new ReportSources(year, enterprise,
                Folded(MonitoringPlan.StreamId(demo.Id, year), plan, planEvents.Count),
                Folded(ActivityYear.StreamId(demo.Id, year), activity, activityEvents.Count),
                factors,
                Folded(ComplianceCalendar.StreamId(year), calendar, 0),
                Folded(AnnualReport.StreamId(demo.Id, year), report, reportEvents.Count));
            var submittedAt = At(year + 1, 3, 20);
            OnReport(AnnualReport.Decide(new AnnualReport.Submit(opening, ReportAssembler.Assemble(sources), calendar.ReportDue, DemoData.Seeder),
                report, submittedAt), submittedAt);
        }
        return (planEvents, activityEvents, reportEvents, evidence);
    }

    /// <summary>The enterprise's monitoring plan of a year, drafted, submitted and approved in January.</summary>
    internal static (List<NewEvent> Events, MonitoringPlan Plan) ApprovedPlan(DemoEnterprises.Demo demo, Enterprise enterprise, Profile profile, int year)
    {
        var power = demo.Kind == DemoEnterprises.CoalPower;
        var planEvents = new List<NewEvent>();
        var plan = MonitoringPlan.None;
        void OnPlan(IReadOnlyList<object> decided, DateTimeOffset at)
        {
            planEvents.AddRange(decided.Select(e => new NewEvent(e, at)));
            plan = decided.Aggregate(plan, MonitoringPlan.Evolve);
        }
        var content = new PlanContent(
            [.. profile.Sources.Select(s => new PlanSource(s.Code,
                power && s.Code.EndsWith("-COAL", StringComparison.Ordinal) ? DeterminationMethods.Measured : DeterminationMethods.Default,
                power && s.Code.EndsWith("-COAL", StringComparison.Ordinal) ? DeterminationMethods.Measured : DeterminationMethods.Default,
                [new PlanMeter($"M-{s.Code}", enterprise.SourceOf(s.Code)!.Meter, s.RequiredAccuracy, new DateOnly(year + 1, 6, 30))],
                power && s.Code.EndsWith("-COAL", StringComparison.Ordinal) ? "每班入炉煤机械采样，按日制备混合样" : null,
                power && s.Code.EndsWith("-COAL", StringComparison.Ordinal) ? "厂内化验室按 GB/T 213 测定低位发热量，委托检测机构按月测定元素碳" : null,
                s.CrossCheck))],
            [profile.Product, .. profile.Also.Select(a => a.Product)]);
        OnPlan(MonitoringPlan.Decide(new MonitoringPlan.Draft(demo.Id, year, content, DemoData.Seeder), plan, At(year, 1, 5)), At(year, 1, 5));
        OnPlan(MonitoringPlan.Decide(new MonitoringPlan.Submit(DemoData.Seeder), plan, At(year, 1, 10)), At(year, 1, 10));
        OnPlan(MonitoringPlan.Decide(new MonitoringPlan.Approve(DemoData.Seeder), plan, At(year, 1, 20)), At(year, 1, 20));
        return (planEvents, plan);
    }

    static Aggregate<T> Folded<T>(string streamId, T state, int version) => new(state, new StreamHead(streamId, version, EventHash.Genesis), null);

    /// <summary>10:00 China Standard Time on a day: when the demo's people do their paperwork.</summary>
    static DateTimeOffset At(int year, int month, int day) => new(year, month, day, 10, 0, 0, ComplianceCalendar.ChinaStandardTime);

    /// <summary>A stable number in [0, 1) for a key, so that a re-seed gives the same data.</summary>
    internal static decimal Noise(string key) => BitConverter.ToUInt16(MD5.HashData(Encoding.UTF8.GetBytes(key)), 0) / 65536m;

    static decimal Offset(string key, decimal spread) => Math.Round((Noise(key) - 0.5m) * 2 * spread, 4);
}
