using FluentValidation;
using Mrv.EventStore;
using Mrv.Registry.Accounting;
using Mrv.Registry.Calendar;
using Mrv.Registry.Enterprises;
using Mrv.Registry.Monitoring;

namespace Mrv.Registry.Activity;

/// <param name="MeterCalibrated">Null: calibrated when the plan's meter calibration runs past the month's end.</param>
/// <param name="MeterActualAccuracy">The accuracy the meter was calibrated to, when worse than the plan requires.</param>
public sealed record SourceEntryRequest(
    string SourceCode, decimal? Quantity, string Unit, decimal? NcvGjPerUnit, decimal? CarbonContentTcPerGj, bool? MeterCalibrated, decimal? MeterActualAccuracy);

public sealed record OutputEntryRequest(string Product, decimal? Quantity, string Unit);

public sealed class SourceEntryRequestValidator : AbstractValidator<SourceEntryRequest>
{
    public SourceEntryRequestValidator()
    {
        RuleFor(s => s.SourceCode).NotEmpty().MaximumLength(32);
        RuleFor(s => s.Quantity).Cascade(CascadeMode.Stop).NotNull().InclusiveBetween(0, ActivityLimits.MaxQuantity)
            .WithErrorCode("quantity_range").WithMessage(_ => ActivityLimits.QuantityRule("quantity"));
        RuleFor(s => s.Unit).NotEmpty().MaximumLength(20);
        RuleFor(s => s.NcvGjPerUnit).Must((s, ncv) => ActivityLimits.IsPlausibleNcv(ncv!.Value, s.Unit ?? "t")).When(s => s.NcvGjPerUnit is not null)
            .WithErrorCode("ncv_range").WithMessage(_ => ActivityLimits.NcvRule("ncvGjPerUnit"));
        RuleFor(s => s.CarbonContentTcPerGj).InclusiveBetween(ActivityLimits.MinCarbonContent, ActivityLimits.MaxCarbonContent)
            .WithErrorCode("carbon_content_range").WithMessage(_ => ActivityLimits.CarbonContentRule("carbonContentTcPerGj"));
        RuleFor(s => s.MeterActualAccuracy).GreaterThan(0).LessThanOrEqualTo(ActivityLimits.MaxAccuracy)
            .WithErrorCode("accuracy_range").WithMessage(_ => ActivityLimits.AccuracyRule("meterActualAccuracy"));
    }
}

public sealed class OutputEntryRequestValidator : AbstractValidator<OutputEntryRequest>
{
    public OutputEntryRequestValidator()
    {
        RuleFor(o => o.Product).Cascade(CascadeMode.Stop).NotEmpty().Must(p => Products.All.Contains(p)).WithErrorCode("product_unknown")
            .WithMessage(_ => CodeMessages.OneOf("product", Products.All));
        RuleFor(o => o.Quantity).Cascade(CascadeMode.Stop).NotNull().InclusiveBetween(0, ActivityLimits.MaxQuantity)
            .WithErrorCode("quantity_range").WithMessage(_ => ActivityLimits.QuantityRule("quantity"));
        RuleFor(o => o.Unit).NotEmpty().MaximumLength(20);
    }
}

/// <summary>A problem of one entry of a month against the plan in force: which list, which entry, which field.</summary>
public sealed record EntryProblem(string List, int Index, string Field, string Rule, string Message);

/// <summary>
/// What a month's figures must agree with beyond their shape: the approved plan in force (its
/// sources, methods and products) and the enterprise's sources (their units, when they closed).
/// Shared by the monthly PUT and the yearly CSV upload.
/// </summary>
public static class MonthlyDataRules
{
    public static List<EntryProblem> Check(
        IReadOnlyList<SourceEntryRequest> sources, IReadOnlyList<OutputEntryRequest> outputs, Enterprise enterprise, PlanVersion plan, int year, int month)
    {
        var problems = new List<EntryProblem>();
        var monthStart = new DateOnly(year, month, 1);
        for (var i = 0; i < sources.Count; i++)
        {
            var entry = sources[i];
            void Problem(string field, string rule, LocalizedText message) => problems.Add(new EntryProblem("sources", i, field, rule, message.ToString()));

            var planned = plan.Content.SourceOf(entry.SourceCode);
            var source = enterprise.SourceOf(entry.SourceCode);
            if (planned is null || source is null)
            {
                Problem("sourceCode", "source_not_in_plan", new LocalizedText(
                    $"排放源 {entry.SourceCode} 不在现行监测计划（第 {plan.Version} 版）中。", $"The source {entry.SourceCode} is not in the plan in force (version {plan.Version})."));
                continue;
            }
            if (source.ClosedOn is { } closed && closed < monthStart)
            {
                Problem("sourceCode", "source_closed", new LocalizedText(
                    $"排放源 {entry.SourceCode} 已于 {closed:yyyy-MM-dd} 停用。", $"The source {entry.SourceCode} was closed on {closed:yyyy-MM-dd}."));
            }
            if (entry.Unit != source.Unit)
            {
                Problem("unit", "unit_mismatch", new LocalizedText(
                    $"排放源 {entry.SourceCode} 的活动数据以“{source.Unit}”计。", $"The data of source {entry.SourceCode} are in '{source.Unit}'."));
            }
            MeasuredAsPlanned(entry.NcvGjPerUnit, planned.NcvMethod, "ncvGjPerUnit", "低位发热量", "NCV", Problem);
            MeasuredAsPlanned(entry.CarbonContentTcPerGj, planned.CarbonContentMethod, "carbonContentTcPerGj", "单位热值含碳量", "carbon content", Problem);
        }
        for (var i = 0; i < outputs.Count; i++)
        {
            var entry = outputs[i];
            if (!plan.Content.Products.Contains(entry.Product))
            {
                problems.Add(new EntryProblem("outputs", i, "product", "product_not_in_plan", new LocalizedText(
                    $"产品 {entry.Product} 不在现行监测计划（第 {plan.Version} 版）中。", $"The product {entry.Product} is not in the plan in force (version {plan.Version}).").ToString()));
            }
            else if (entry.Unit != Products.UnitOf(entry.Product))
            {
                problems.Add(new EntryProblem("outputs", i, "unit", "unit_mismatch", new LocalizedText(
                    $"{entry.Product} 以“{Products.UnitOf(entry.Product)}”计。", $"{entry.Product} is in '{Products.UnitOf(entry.Product)}'.").ToString()));
            }
        }
        return problems;
    }

    static void MeasuredAsPlanned(decimal? value, string method, string field, string nameZh, string nameEn, Action<string, string, LocalizedText> problem)
    {
        if (method == DeterminationMethods.Measured && value is null)
        {
            problem(field, "measured_required", new LocalizedText(
                $"监测计划规定{nameZh}实测，须填写实测值。", $"The plan says the {nameEn} is measured: enter the measured value."));
        }
        else if (method == DeterminationMethods.Default && value is not null)
        {
            problem(field, "default_in_plan", new LocalizedText(
                $"监测计划规定{nameZh}采用缺省值，不填写实测值。", $"The plan uses the default {nameEn}: leave the measured value out."));
        }
    }

    /// <summary>The entry as recorded; a meter whose calibration ran out before the month ended counts as not calibrated unless the entry says otherwise.</summary>
    public static SourceEntry ToEntry(SourceEntryRequest entry, PlanVersion plan, int year, int month) => new(
        entry.SourceCode, entry.Quantity!.Value, entry.Unit, entry.NcvGjPerUnit, entry.CarbonContentTcPerGj,
        entry.MeterCalibrated ?? plan.Content.SourceOf(entry.SourceCode)!.PrimaryMeter.CalibrationDueOn >= ComplianceCalendar.MonthEnd(year, month),
        entry.MeterActualAccuracy);

    public static OutputEntry ToEntry(OutputEntryRequest entry) => new(entry.Product, entry.Quantity!.Value, entry.Unit);
}
