using Mrv.EventStore;
using Mrv.Registry.Accounting;
using Mrv.Registry.Activity;
using Mrv.Registry.Calendar;
using Mrv.Registry.Enterprises;
using Mrv.Registry.Factors;
using Mrv.Registry.Monitoring;

namespace Mrv.Registry.Reporting;

/// <summary>Everything a report is computed from, each stream as it stood at one time.</summary>
public sealed record ReportSources(
    int Year, Enterprise Enterprise, Aggregate<MonitoringPlan> Plan, Aggregate<ActivityYear> Activity, FactorTableVersion? Factors,
    Aggregate<ComplianceCalendar> Calendar, Aggregate<AnnualReport> Report);

/// <summary>
/// Assembles a report from the year's data: the accounting over every recorded month (each month
/// against the plan version it was recorded under), and the data-quality checks. Loading reads each
/// stream as of one time, so a draft can be recomputed as the registry knew it then.
/// </summary>
public static class ReportAssembler
{
    /// <summary>
    /// The inputs as they stand, or as they stood at <paramref name="asOf"/>; null when the enterprise
    /// did not exist then. The six streams are read in one round trip.
    /// </summary>
    public static async Task<ReportSources?> LoadAsync(EventLog log, Guid enterpriseId, int year, DateTimeOffset? asOf, CancellationToken ct) =>
        (await LoadAsync(log, enterpriseId, [year], asOf, ct)).GetValueOrDefault(year);

    /// <summary>
    /// The inputs of several years of one enterprise (a dashboard shows this year against last), every
    /// stream in one round trip; empty when the enterprise did not exist at <paramref name="asOf"/>.
    /// </summary>
    public static async Task<IReadOnlyDictionary<int, ReportSources>> LoadAsync(
        EventLog log, Guid enterpriseId, IReadOnlyCollection<int> years, DateTimeOffset? asOf, CancellationToken ct)
    {
        var enterpriseStream = Enterprise.StreamId(enterpriseId);
        var ids = new List<string> { enterpriseStream, FactorTableVersions.StreamId };
        foreach (var year in years)
        {
            ids.AddRange([MonitoringPlan.StreamId(enterpriseId, year), ActivityYear.StreamId(enterpriseId, year),
                ComplianceCalendar.StreamId(year), AnnualReport.StreamId(enterpriseId, year)]);
        }
        var streams = await log.ReadStreamsAsync(ids, asOf, ct);
        IReadOnlyList<StoredEvent>? Of(string id) => streams.GetValueOrDefault(id);

        var enterprise = EventLog.Fold(enterpriseStream, Of(enterpriseStream), Enterprise.None, Enterprise.Evolve);
        if (!enterprise.State.Exists) return new Dictionary<int, ReportSources>();
        var factors = EventLog.Fold(FactorTableVersions.StreamId, Of(FactorTableVersions.StreamId), FactorTableVersions.None, FactorTableVersions.Evolve).State;
        return years.Distinct().ToDictionary(year => year, year =>
        {
            string planStream = MonitoringPlan.StreamId(enterpriseId, year), activityStream = ActivityYear.StreamId(enterpriseId, year),
                calendarStream = ComplianceCalendar.StreamId(year), reportStream = AnnualReport.StreamId(enterpriseId, year);
            var calendar = ComplianceCalendar.DeciderFor(year);
            return new ReportSources(year, enterprise.State,
                EventLog.Fold(planStream, Of(planStream), MonitoringPlan.None, MonitoringPlan.Evolve),
                EventLog.Fold(activityStream, Of(activityStream), ActivityYear.None, ActivityYear.Evolve),
                factors.ApplyingTo(year),
                EventLog.Fold(calendarStream, Of(calendarStream), calendar.Initial, calendar.Evolve),
                EventLog.Fold(reportStream, Of(reportStream), AnnualReport.None, AnnualReport.Evolve));
        });
    }

    public static ReportSnapshot Assemble(ReportSources sources)
    {
        var (year, enterprise, plan, activity, factors) = (sources.Year, sources.Enterprise, sources.Plan.State, sources.Activity.State, sources.Factors);
        AnnualCalculation? calculation = null;
        if (factors is not null)
        {
            var months = activity.Months
                .Select(m => (Month: m, Plan: plan.Versions.Find(v => v.Version == m.PlanVersion)))
                .Where(m => m.Plan is not null)
                .Select(m => ToMonthActivity(enterprise, m.Plan!, m.Month))
                .ToList();
            calculation = AnnualAccounting.Calculate(AccountingFactors.For(factors, year), months);
        }
        var checks = DataQuality.Check(year, enterprise, plan, activity, sources.Report.State, calculation, factors?.Version);
        return new ReportSnapshot(
            calculation ?? new AnnualCalculation(year, 0, 0, 0, 0, 0, false, [], [], [], [], []),
            checks,
            new ReportInputs(plan.InForce?.Version, sources.Plan.Version, sources.Activity.Version, factors?.Version ?? 0, sources.Calendar.Version));
    }

    /// <summary>A recorded month as the engine takes it: measured values only where the plan says measured, the meter's required accuracy from the plan.</summary>
    public static MonthActivity ToMonthActivity(Enterprise enterprise, PlanVersion plan, MonthData month) => new(
        month.Month,
        [.. month.Sources.Select(entry =>
        {
            var source = enterprise.SourceOf(entry.SourceCode)!;
            var planned = plan.Content.SourceOf(entry.SourceCode);
            return new SourceActivity(entry.SourceCode, KindOf(source.Type), entry.Quantity, entry.Unit, source.MaterialCode,
                planned?.NcvMethod == DeterminationMethods.Measured ? entry.NcvGjPerUnit : null,
                planned?.CarbonContentMethod == DeterminationMethods.Measured ? entry.CarbonContentTcPerGj : null,
                new MeterState(entry.MeterCalibrated, planned?.PrimaryMeter.RequiredAccuracy, entry.MeterActualAccuracy));
        })],
        [.. month.Outputs.Select(o => new ProductOutput(o.Product, o.Quantity))]);

    public static string KindOf(string sourceType) => sourceType switch
    {
        SourceTypes.FuelCombustion => SourceKinds.Fuel,
        SourceTypes.PurchasedElectricity => SourceKinds.Electricity,
        SourceTypes.PurchasedHeat => SourceKinds.Heat,
        _ => SourceKinds.Process,
    };

    public static AnnualReport.Open Opening(Enterprise enterprise, int year, string? by) =>
        new(enterprise.Id, year, enterprise.NameZh, enterprise.LeagueCode, enterprise.Industry, by);
}
