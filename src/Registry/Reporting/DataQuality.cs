using Mrv.EventStore;
using Mrv.Registry.Accounting;
using Mrv.Registry.Activity;
using Mrv.Registry.Enterprises;
using Mrv.Registry.Monitoring;

namespace Mrv.Registry.Reporting;

/// <summary>
/// The data-quality checks before submission (数据质量检查). Errors are missing required data and
/// block submission; warnings (deviations, implausible intensities, late months, adjusted readings,
/// single-source items to disclose) are kept with the report and do not block.
/// </summary>
public static class DataQuality
{
    /// <summary>A month more than 30% away from the source's own median month is flagged (issue 5).</summary>
    public const decimal MaxDeviationFromMedian = 0.30m;

    /// <summary>A median of fewer months says too little to judge a month by.</summary>
    const int MinMonthsForMedian = 3;

    public static List<DataQualityCheck> Check(
        int year, Enterprise enterprise, MonitoringPlan plan, ActivityYear activity, AnnualReport report, AnnualCalculation? calculation, int? factorTableVersion)
    {
        var checks = new List<DataQualityCheck>();
        void Add(string code, string severity, LocalizedText message, int? month = null, string? source = null, bool disclose = false) =>
            checks.Add(new DataQualityCheck(code, severity, month, source, disclose, message));

        if (plan.InForce is null)
        {
            Add("no_approved_plan", CheckSeverities.Error, new LocalizedText(
                $"{year} 年监测计划尚未获批，无法核算。", $"The {year} monitoring plan is not approved yet; nothing can be accounted."));
        }
        if (factorTableVersion is null)
        {
            Add("no_factor_table", CheckSeverities.Error, new LocalizedText(
                $"没有适用于 {year} 数据年度的因子表版本。", $"No factor table version applies to data year {year}."));
        }

        var explained = report.ExplainedMonths;
        for (var month = 1; month <= 12; month++)
        {
            var data = activity.MonthOf(month);
            if (data is null)
            {
                if (explained.Contains(month))
                {
                    Add("gap_explained", CheckSeverities.Warning, new LocalizedText(
                        $"{month} 月无数据，已说明原因。", $"No data for month {month}; the gap is explained."), month);
                }
                else
                {
                    Add("missing_month", CheckSeverities.Error, new LocalizedText(
                        $"缺少 {month} 月数据（如确无数据，请说明原因）。", $"Month {month} has no data (if there is none, explain the gap)."), month);
                }
                continue;
            }
            if (data.Late)
            {
                Add("late_month", CheckSeverities.Warning, new LocalizedText(
                    $"{month} 月数据晚于截止日 {data.DueOn:yyyy-MM-dd} 报送。", $"Month {month} was recorded after its due day {data.DueOn:yyyy-MM-dd}."), month);
            }
            MissingInMonth(year, month, data, enterprise, plan, Add);
        }

        foreach (var line in calculation?.ByMonth.SelectMany(m => m.Lines.Select(l => (m.Month, Line: l))) ?? [])
        {
            if (line.Line.Adjustment is { } adjustment)
            {
                Add("meter_adjustment", CheckSeverities.Warning, new LocalizedText(
                    $"{line.Month} 月 {line.Line.SourceId}：{adjustment.Reason.ZhCn}。", $"Month {line.Month}, {line.Line.SourceId}: {adjustment.Reason.En}."),
                    line.Month, line.Line.SourceId);
            }
        }
        foreach (var source in calculation?.BySource.Where(s => s.Unconfirmed) ?? [])
        {
            var missing = calculation!.ByMonth.SelectMany(m => m.Lines).Where(l => l.SourceId == source.SourceId).SelectMany(l => l.Missing).Distinct();
            Add("unconfirmed_factor", CheckSeverities.Error, new LocalizedText(
                $"排放源 {source.SourceId} 所需因子未确认（{string.Join("、", missing)}），其排放量无法计算。",
                $"A factor source {source.SourceId} needs is unconfirmed ({string.Join(", ", missing)}); its emissions cannot be computed."), source: source.SourceId);
        }

        Deviations(activity, Add);

        foreach (var intensity in calculation?.Intensities.Where(i => i.WithinBand == false) ?? [])
        {
            Add("intensity_out_of_band", CheckSeverities.Warning, new LocalizedText(
                $"{intensity.Code} 为 {intensity.Value} {intensity.Unit}，超出合理区间 {intensity.BandLow}–{intensity.BandHigh}（目标值 {intensity.Target!.Value}，{intensity.Target.Indicator}）。",
                $"{intensity.Code} is {intensity.Value} {intensity.Unit}, outside the plausible band {intensity.BandLow}–{intensity.BandHigh} (target {intensity.Target.Value}, {intensity.Target.Indicator})."));
        }

        foreach (var source in plan.InForce?.Content.Sources.Where(s => s.IsSingleSource) ?? [])
        {
            Add("single_source", CheckSeverities.Warning, new LocalizedText(
                $"排放源 {source.SourceCode} 的数据仅来自单一计量器具、无交叉核对，须在报告中披露。",
                $"The data of source {source.SourceCode} rest on a single meter with no cross-check; the report discloses this."),
                source: source.SourceCode, disclose: true);
        }
        return checks;
    }

    static void MissingInMonth(int year, int month, MonthData data, Enterprise enterprise, MonitoringPlan plan,
        Action<string, string, LocalizedText, int?, string?, bool> add)
    {
        var version = plan.Versions.Find(v => v.Version == data.PlanVersion);
        if (version is null) return;
        var monthStart = new DateOnly(year, month, 1);
        foreach (var planned in version.Content.Sources)
        {
            if (enterprise.SourceOf(planned.SourceCode) is { ClosedOn: { } closed } && closed < monthStart) continue;
            if (data.Sources.Any(s => s.SourceCode == planned.SourceCode)) continue;
            add("missing_source_data", CheckSeverities.Error, new LocalizedText(
                $"{month} 月缺少排放源 {planned.SourceCode} 的数据。", $"Month {month} has no data for source {planned.SourceCode}."), month, planned.SourceCode, false);
        }
        foreach (var product in version.Content.Products.Where(p => data.Outputs.All(o => o.Product != p)))
        {
            add("missing_output_data", CheckSeverities.Error, new LocalizedText(
                $"{month} 月缺少产品 {product} 的产量。", $"Month {month} has no output of {product}."), month, null, false);
        }
    }

    static void Deviations(ActivityYear activity, Action<string, string, LocalizedText, int?, string?, bool> add)
    {
        var bySource = activity.Months.SelectMany(m => m.Sources.Select(s => (m.Month, s.SourceCode, s.Quantity))).GroupBy(x => x.SourceCode);
        foreach (var source in bySource)
        {
            var quantities = source.Select(x => x.Quantity).Order().ToList();
            if (quantities.Count < MinMonthsForMedian) continue;
            var median = quantities.Count % 2 == 1
                ? quantities[quantities.Count / 2]
                : (quantities[quantities.Count / 2 - 1] + quantities[quantities.Count / 2]) / 2;
            if (median == 0) continue;
            foreach (var (month, code, quantity) in source)
            {
                var deviation = Math.Abs(quantity - median) / median;
                if (deviation <= MaxDeviationFromMedian) continue;
                var percent = Math.Round(deviation * 100, 1);
                add("monthly_deviation", CheckSeverities.Warning, new LocalizedText(
                    $"{month} 月排放源 {code} 的活动数据 {quantity} 偏离全年月度中位数 {median} 达 {percent}%（超过 30%）。",
                    $"Month {month}, source {code}: {quantity} is {percent}% away from the year's median month {median} (more than 30%)."), month, code, false);
            }
        }
    }
}
