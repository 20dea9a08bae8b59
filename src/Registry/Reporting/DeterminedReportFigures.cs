using Mrv.EventStore;
using Mrv.Registry.Accounting;
using Mrv.Registry.Regions;
using Mrv.Registry.DualControl.KeyUnits;
using Mrv.Registry.DualControl.Statistics;

namespace Mrv.Registry.Reporting;

/// <summary>
/// Dual control's figures from the registry's determined (核定) annual reports: a league/city's CO2
/// is the sum of its enterprises' determined emissions (the covered enterprises only, which the
/// source says); a key unit's year is its determined energy and emissions with the output it
/// reported. Reports not yet determined give nothing, so the entered figures stand until they are.
/// </summary>
public sealed class DeterminedReportFigures(EventLog log) : IRegistryFigures
{
    public async Task<EmissionsFigure?> LeagueEmissionsAsync(string leagueCode, int year, CancellationToken ct)
    {
        var determined = await DeterminedAsync(new { year, status = ReportStatuses.Determined }, ct);
        var reports = leagueCode == Leagues.RegionCode ? determined : determined.Where(r => r.LeagueCode == leagueCode).ToList();
        if (reports.Count == 0) return null;
        return new EmissionsFigure(reports.Sum(r => r.DeterminedTco2!.Value), Bilingual(
            $"登记系统：{reports.Count} 家重点排放单位 {year} 年度核定排放量合计（仅含纳入名录的企业）",
            $"Registry: determined {year} emissions of {reports.Count} covered enterprises, summed (covered enterprises only)"));
    }

    public async Task<IReadOnlyDictionary<(Guid EnterpriseId, int Year), KeyUnitYearFigures>> KeyUnitYearsAsync(
        IReadOnlyCollection<Guid> enterpriseIds, int fromYear, int toYear, CancellationToken ct)
    {
        var figures = new Dictionary<(Guid EnterpriseId, int Year), KeyUnitYearFigures>();
        if (enterpriseIds.Count == 0 || toYear < fromYear) return figures;
        var ids = enterpriseIds.SelectMany(id => Enumerable.Range(fromYear, toYear - fromYear + 1).Select(y => AnnualReport.StreamId(id, y))).ToList();
        var summaries = (await log.Documents.QueryAsync<ReportSummary>(new DocumentQuery { Ids = ids, Limit = ids.Count + 1 }, ct)).Items
            .Select(d => d.Data).Where(s => s.Status == ReportStatuses.Determined);
        foreach (var summary in summaries)
        {
            // The determination carries energy and emissions; the output is the one the determined submission reported.
            var report = (await AnnualReport.LoadAsync(log, summary.EnterpriseId, summary.Year, ct: ct)).State;
            if (report is not { Status: ReportStatuses.Determined, Determination: { } determination }) continue;
            figures[(summary.EnterpriseId, summary.Year)] = new KeyUnitYearFigures(
                determination.EnergyTce, determination.EmissionsTco2, null, OutputOf(report.Submission?.Snapshot.Calculation),
                Bilingual($"登记系统：{summary.Year} 年度报告核定值", $"Registry: the determined {summary.Year} annual report"));
        }
        return figures;
    }

    /// <summary>
    /// The output energy intensity is taken against: electricity supplied (供电量, as in 供电煤耗) for a
    /// power plant, else the report's one product; none when it reported several others.
    /// </summary>
    static OutputFigure? OutputOf(AnnualCalculation? calculation)
    {
        if (calculation is null) return null;
        var supplied = calculation.Outputs.FirstOrDefault(o => o.Product == Products.ElectricitySupplied);
        if (supplied is not null) return new OutputFigure(supplied.Quantity, supplied.Unit);
        return calculation.Outputs is [var only] ? new OutputFigure(only.Quantity, only.Unit) : null;
    }

    /// <summary>Sources are kept in events and read in either language, so they carry both.</summary>
    static string Bilingual(string zhCn, string en) => $"{zhCn} / {en}";

    async Task<List<ReportSummary>> DeterminedAsync(object contains, CancellationToken ct) =>
        [.. (await log.Documents.QueryAsync<ReportSummary>(new DocumentQuery { Contains = contains, Limit = 100_000 }, ct)).Items.Select(d => d.Data)];
}
