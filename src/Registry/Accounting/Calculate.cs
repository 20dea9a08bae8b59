using FluentValidation;
using Mrv.EventStore;
using Mrv.EventStore.Http;
using Mrv.Registry.Calendar;
using Mrv.Registry.Factors;

namespace Mrv.Registry.Accounting;

/// <param name="Meter">Its calibration, for the conservative adjustment; accuracies as fractions (0.02 = ±2%).</param>
public sealed record CalculatorMeter(bool Calibrated, decimal? RequiredAccuracy, decimal? ActualAccuracy);

/// <summary>
/// One source for the calculator: <c>fuel</c> (fuel code, quantity, unit, optional measured NCV and
/// carbon content), <c>electricity</c> (quantityMwh), <c>heat</c> (quantityGj) or <c>process</c>
/// (material, quantity, unit). A null measured value means "use the factor table's default".
/// </summary>
public sealed record CalculatorSource(
    string Id, string Kind, string? Fuel, string? Material, decimal? Quantity, string? Unit, decimal? QuantityMwh, decimal? QuantityGj,
    decimal? NcvGjPerUnit, decimal? CarbonContentTcPerGj, CalculatorMeter? Meter);

public sealed record CalculateRequest(int DataYear, IReadOnlyList<CalculatorSource> Sources);

public sealed class CalculateRequestValidator : AbstractValidator<CalculateRequest>
{
    public const int MaxSources = 500;

    public CalculateRequestValidator()
    {
        RuleFor(r => r.DataYear).Must(DataYear.IsValid).WithErrorCode("year").WithMessage(_ => DataYear.Rule("dataYear"));
        RuleFor(r => r.Sources).Cascade(CascadeMode.Stop).NotEmpty().Must(s => s.Count <= MaxSources).WithErrorCode("too_many")
            .WithMessage(_ => new LocalizedText($"一次最多计算 {MaxSources} 个排放源。", $"At most {MaxSources} sources at a time.").ToString())
            .Must(s => s.Where(x => x?.Id is not null).GroupBy(x => x.Id).All(g => g.Count() == 1)).WithErrorCode("duplicate_id")
            .WithMessage(_ => new LocalizedText("排放源 id 不能重复。", "Source ids must be unique.").ToString());
        RuleForEach(r => r.Sources).NotNull().SetValidator(new CalculatorSourceValidator());
    }
}

public sealed class CalculatorSourceValidator : AbstractValidator<CalculatorSource>
{
    public CalculatorSourceValidator()
    {
        RuleFor(s => s.Id).NotEmpty().MaximumLength(64);
        RuleFor(s => s.Kind).Cascade(CascadeMode.Stop).NotEmpty().Must(k => SourceKinds.All.Contains(k)).WithErrorCode("kind_unknown")
            .WithMessage(_ => OneOf("kind", SourceKinds.All));
        When(s => s.Kind == SourceKinds.Fuel, () =>
        {
            RuleFor(s => s.Fuel).NotEmpty();
            QuantityAndUnit();
            RuleFor(s => s.NcvGjPerUnit).Must((s, ncv) => ActivityLimits.IsPlausibleNcv(ncv!.Value, s.Unit ?? "t")).When(s => s.NcvGjPerUnit is not null)
                .WithErrorCode("ncv_range").WithMessage(_ => ActivityLimits.NcvRule("ncvGjPerUnit"));
            RuleFor(s => s.CarbonContentTcPerGj).InclusiveBetween(ActivityLimits.MinCarbonContent, ActivityLimits.MaxCarbonContent)
                .WithErrorCode("carbon_content_range").WithMessage(_ => ActivityLimits.CarbonContentRule("carbonContentTcPerGj"));
        });
        When(s => s.Kind == SourceKinds.Process, () =>
        {
            RuleFor(s => s.Material).NotEmpty();
            QuantityAndUnit();
        });
        When(s => s.Kind == SourceKinds.Electricity, () => RuleFor(s => s.QuantityMwh).Cascade(CascadeMode.Stop).NotNull()
            .InclusiveBetween(0, ActivityLimits.MaxQuantity).WithErrorCode("quantity_range").WithMessage(_ => ActivityLimits.QuantityRule("quantityMwh")));
        When(s => s.Kind == SourceKinds.Heat, () => RuleFor(s => s.QuantityGj).Cascade(CascadeMode.Stop).NotNull()
            .InclusiveBetween(0, ActivityLimits.MaxQuantity).WithErrorCode("quantity_range").WithMessage(_ => ActivityLimits.QuantityRule("quantityGj")));
        When(s => s.Meter is not null, () =>
        {
            RuleFor(s => s.Meter!.RequiredAccuracy).NotNull().When(s => !s.Meter!.Calibrated || s.Meter.ActualAccuracy is not null)
                .OverridePropertyName("meter.requiredAccuracy").WithErrorCode("required_for_adjustment")
                .WithMessage(_ => new LocalizedText(
                    "计量器具未校准或给出实际准确度时，须给出要求准确度（requiredAccuracy）。",
                    "A meter that is not calibrated, or has an actual accuracy, needs its requiredAccuracy.").ToString());
            RuleFor(s => s.Meter!.RequiredAccuracy).GreaterThan(0).LessThanOrEqualTo(ActivityLimits.MaxAccuracy)
                .OverridePropertyName("meter.requiredAccuracy").WithErrorCode("accuracy_range").WithMessage(_ => ActivityLimits.AccuracyRule("meter.requiredAccuracy"));
            RuleFor(s => s.Meter!.ActualAccuracy).GreaterThan(0).LessThanOrEqualTo(ActivityLimits.MaxAccuracy)
                .OverridePropertyName("meter.actualAccuracy").WithErrorCode("accuracy_range").WithMessage(_ => ActivityLimits.AccuracyRule("meter.actualAccuracy"));
        });
    }

    void QuantityAndUnit()
    {
        RuleFor(s => s.Quantity).Cascade(CascadeMode.Stop).NotNull().InclusiveBetween(0, ActivityLimits.MaxQuantity)
            .WithErrorCode("quantity_range").WithMessage(_ => ActivityLimits.QuantityRule("quantity"));
        RuleFor(s => s.Unit).NotEmpty();
    }

    static string OneOf(string field, IReadOnlyList<string> values) => new LocalizedText(
        $"{field} 须为以下之一：{string.Join("、", values)}。", $"{field} must be one of: {string.Join(", ", values)}.").ToString();
}

/// <summary>
/// POST /api/v1/accounting/calculate (any signed-in user) — the accounting engine as a calculator:
/// enterprises preview their figures before entering data. Factors come from the factor table
/// version that applies to the data year; nothing is recorded.
/// </summary>
public static class Calculate
{
    public static async Task<IResult> Handle(CalculateRequest request, HttpContext http, EventLog log)
    {
        var versions = (await GetFactors.LoadAsync(log, http.RequestAborted)).State;
        if (versions.ApplyingTo(request.DataYear) is not { } version)
        {
            return Problems.Validation("dataYear", "no_factor_table", new LocalizedText(
                $"没有适用于 {request.DataYear} 数据年度的因子表版本。", $"No factor table version applies to data year {request.DataYear}."), http);
        }
        var factors = AccountingFactors.For(version, request.DataYear);
        var violations = new List<FieldViolation>();
        var sources = request.Sources.Select((s, i) => ToActivity(s, $"sources[{i}]", factors, violations)).ToList();
        if (violations.Count > 0) return Problems.Validation(violations, http);
        return TypedResults.Ok(CalculationView.Of(AccountingEngine.Calculate(factors, sources)));
    }

    static SourceActivity ToActivity(CalculatorSource source, string path, AccountingFactors factors, List<FieldViolation> violations)
    {
        var meter = source.Meter is { } m ? new MeterState(m.Calibrated, m.RequiredAccuracy, m.ActualAccuracy) : null;
        switch (source.Kind)
        {
            case SourceKinds.Electricity:
                return new SourceActivity(source.Id, source.Kind, source.QuantityMwh!.Value, "MWh", Meter: meter);
            case SourceKinds.Heat:
                return new SourceActivity(source.Id, source.Kind, source.QuantityGj!.Value, "GJ", Meter: meter);
            case SourceKinds.Fuel:
                var unit = factors.Fuel(source.Fuel)?.Unit;
                if (unit is null) violations.Add(UnknownCode($"{path}.fuel", "fuel_unknown", source.Fuel!, factors));
                else if (unit != source.Unit) violations.Add(UnitMismatch($"{path}.unit", unit));
                return new SourceActivity(source.Id, source.Kind, source.Quantity!.Value, source.Unit!, source.Fuel,
                    source.NcvGjPerUnit, source.CarbonContentTcPerGj, meter);
            default:
                if (factors.Process(source.Material) is null) violations.Add(UnknownCode($"{path}.material", "material_unknown", source.Material!, factors));
                else if (source.Unit != "t") violations.Add(UnitMismatch($"{path}.unit", "t"));
                return new SourceActivity(source.Id, source.Kind, source.Quantity!.Value, source.Unit!, source.Material, Meter: meter);
        }
    }

    public static FieldViolation UnknownCode(string field, string rule, string code, AccountingFactors factors) => new(field, rule, new LocalizedText(
        $"因子表（第 {factors.Version} 版）中没有代码“{code}”。", $"The factor table (version {factors.Version}) has no code '{code}'.").ToString());

    public static FieldViolation UnitMismatch(string field, string unit) => new(field, "unit_mismatch", new LocalizedText(
        $"因子表按“{unit}”给出该因子，数量须以“{unit}”计。", $"The factor table gives this factor per '{unit}'; enter the quantity in '{unit}'.").ToString());
}
