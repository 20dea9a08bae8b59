using FluentValidation;
using Mrv.EventStore;
using Mrv.EventStore.Http;
using Mrv.Registry.Accounting;
using Mrv.Registry.Calendar;
using Mrv.Registry.Enterprises;

namespace Mrv.Registry.Monitoring;

public sealed record PlanMeterRequest(string Code, string Description, decimal RequiredAccuracy, DateOnly CalibrationDueOn);

/// <param name="NcvMethod">default (the factor table's) or measured; null is default.</param>
/// <param name="Meters">The meters of the source; readings come from the first.</param>
/// <param name="CrossCheck">An independent check of the data (purchase invoices, a second meter), if any.</param>
public sealed record PlanSourceRequest(
    string SourceCode, string? NcvMethod, string? CarbonContentMethod, IReadOnlyList<PlanMeterRequest> Meters, string? Sampling, string? Testing, string? CrossCheck);

/// <param name="Products">The production outputs reported monthly (electricity_supplied, clinker, calcium_carbide, …).</param>
public sealed record SaveMonitoringPlanRequest(IReadOnlyList<PlanSourceRequest> Sources, IReadOnlyList<string>? Products)
{
    public PlanContent ToContent() => new(
        [.. Sources.Select(s => new PlanSource(s.SourceCode, s.NcvMethod ?? DeterminationMethods.Default, s.CarbonContentMethod ?? DeterminationMethods.Default,
            [.. s.Meters.Select(m => new PlanMeter(m.Code, m.Description, m.RequiredAccuracy, m.CalibrationDueOn))],
            Blank(s.Sampling), Blank(s.Testing), Blank(s.CrossCheck)))],
        [.. Products ?? []]);

    static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;
}

public sealed class SaveMonitoringPlanRequestValidator : AbstractValidator<SaveMonitoringPlanRequest>
{
    public SaveMonitoringPlanRequestValidator()
    {
        RuleFor(r => r.Sources).Cascade(CascadeMode.Stop).NotEmpty()
            .Must(s => s.Where(x => x?.SourceCode is not null).GroupBy(x => x.SourceCode).All(g => g.Count() == 1)).WithErrorCode("duplicate_source")
            .WithMessage(_ => new LocalizedText("同一排放源只能出现一次。", "Each source appears once.").ToString());
        RuleForEach(r => r.Sources).NotNull().SetValidator(new PlanSourceRequestValidator());
        RuleForEach(r => r.Products).Must(p => Accounting.Products.All.Contains(p)).WithErrorCode("product_unknown")
            .WithMessage(_ => CodeMessages.OneOf("products", Accounting.Products.All));
        RuleFor(r => r.Products).Must(p => p!.Distinct().Count() == p!.Count).When(r => r.Products is not null).WithErrorCode("duplicate_product")
            .WithMessage(_ => new LocalizedText("同一产品只能出现一次。", "Each product appears once.").ToString());
    }
}

public sealed class PlanSourceRequestValidator : AbstractValidator<PlanSourceRequest>
{
    public PlanSourceRequestValidator()
    {
        RuleFor(s => s.SourceCode).NotEmpty();
        RuleFor(s => s.NcvMethod).Must(m => DeterminationMethods.All.Contains(m!)).When(s => s.NcvMethod is not null).WithErrorCode("method_unknown")
            .WithMessage(_ => CodeMessages.OneOf("ncvMethod", DeterminationMethods.All));
        RuleFor(s => s.CarbonContentMethod).Must(m => DeterminationMethods.All.Contains(m!)).When(s => s.CarbonContentMethod is not null).WithErrorCode("method_unknown")
            .WithMessage(_ => CodeMessages.OneOf("carbonContentMethod", DeterminationMethods.All));
        RuleFor(s => s.Meters).NotEmpty().WithErrorCode("meter_required")
            .WithMessage(_ => new LocalizedText("每个排放源至少列出一台计量器具。", "List at least one meter for each source.").ToString());
        RuleForEach(s => s.Meters).NotNull().ChildRules(meter =>
        {
            meter.RuleFor(m => m.Code).NotEmpty().MaximumLength(64);
            meter.RuleFor(m => m.Description).NotEmpty().MaximumLength(500);
            meter.RuleFor(m => m.RequiredAccuracy).GreaterThan(0).LessThanOrEqualTo(ActivityLimits.MaxAccuracy).WithErrorCode("accuracy_range")
                .WithMessage(_ => ActivityLimits.AccuracyRule("requiredAccuracy"));
        });
        RuleFor(s => s.Sampling).MaximumLength(2000);
        RuleFor(s => s.Testing).MaximumLength(2000);
        RuleFor(s => s.CrossCheck).MaximumLength(2000);
    }
}

/// <summary>
/// PUT /api/v1/enterprises/{id}/monitoring-plans/{year} (the enterprise, or the DRC) — saves the
/// plan's draft: the open draft is rewritten; after a decision a new version is drafted. The plan
/// covers every source of the enterprise open in the year, and only fuels may be measured.
/// </summary>
public static class SaveMonitoringPlan
{
    public static async Task<IResult> Handle(Guid id, int year, SaveMonitoringPlanRequest request, HttpContext http, EventLog log, TimeProvider time)
    {
        var (enterprise, problem) = await http.LoadEnterpriseYearAsync(log, id, year);
        if (problem is not null) return problem;
        var violations = AgainstEnterprise(request, enterprise!, year);
        if (violations.Count > 0) return Problems.Validation(violations, http);

        var command = new MonitoringPlan.Draft(id, year, request.ToContent(), Caller.From(http.User)!.Username);
        var now = time.GetUtcNow();
        return await http.ExecuteAsync(MonitoringPlan.Decider, MonitoringPlan.StreamId(id, year), request,
            state => MonitoringPlan.Decide(command, state, now),
            outcome => CommandResponse.Ok(outcome.Head.Version, outcome.State));
    }

    /// <summary>A source is open in a year unless it closed before the year began.</summary>
    public static bool IsOpenIn(EmissionSource source, int year) => source.ClosedOn is not { } closed || closed.Year >= year;

    static List<FieldViolation> AgainstEnterprise(SaveMonitoringPlanRequest request, Enterprise enterprise, int year)
    {
        var violations = new List<FieldViolation>();
        for (var i = 0; i < request.Sources.Count; i++)
        {
            var planned = request.Sources[i];
            var source = enterprise.SourceOf(planned.SourceCode);
            if (source is null || !IsOpenIn(source, year))
            {
                violations.Add(new FieldViolation($"sources[{i}].sourceCode", "source_unknown", new LocalizedText(
                    $"该企业在 {year} 年没有在用的排放源 {planned.SourceCode}。", $"The enterprise has no emission source {planned.SourceCode} in use in {year}.").ToString()));
                continue;
            }
            if (source.Type == SourceTypes.FuelCombustion) continue;
            foreach (var (field, method) in new[] { ("ncvMethod", planned.NcvMethod), ("carbonContentMethod", planned.CarbonContentMethod) })
            {
                if (method is null or DeterminationMethods.Default) continue;
                violations.Add(new FieldViolation($"sources[{i}].{field}", "measured_fuels_only", new LocalizedText(
                    "只有燃料燃烧排放源可实测低位发热量和含碳量。", "Only fuel-combustion sources have a measured NCV or carbon content.").ToString()));
            }
        }
        var missing = enterprise.Sources.Where(s => IsOpenIn(s, year) && request.Sources.All(p => p.SourceCode != s.Code)).Select(s => s.Code).ToList();
        if (missing.Count > 0)
        {
            violations.Add(new FieldViolation("sources", "plan_incomplete", new LocalizedText(
                $"监测计划须覆盖该企业 {year} 年在用的全部排放源，缺少：{string.Join("、", missing)}。",
                $"The plan must cover every source in use in {year}; missing: {string.Join(", ", missing)}.").ToString()));
        }
        return violations;
    }
}
