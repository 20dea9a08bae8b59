using FluentValidation;
using Mrv.EventStore;
using Mrv.EventStore.Http;
using Mrv.Registry.Accounting;
using Mrv.Registry.Allowances.Accounts;
using Mrv.Registry.Calendar;
using Mrv.Registry.Enterprises;
using Mrv.Registry.Factors;

namespace Mrv.Registry.Allowances.Allocation;

/// <param name="Category">The benchmark category of the plant's units (coal_300mw_plus, coal_300mw_minus, coal_unconventional, gas).</param>
/// <param name="Cooling">water or air (2019–2022 only; water when left out).</param>
/// <param name="LoadFactor">The units' load factor (负荷率) of the basis year, as a fraction.</param>
/// <param name="HeatRatio">The heat ratio (供热比) of the basis year, as a fraction (2019–2022 only; 0 when left out).</param>
public sealed record PowerUnitRequest(Guid EnterpriseId, string Category, string? Cooling, decimal LoadFactor, decimal? HeatRatio);

/// <param name="Phase">pre_allocation (70% of the prior year's verified basis) or final (the year's determined basis, trued up against the pre-allocation).</param>
/// <param name="Method">power_benchmark (with <paramref name="Units"/>) or intensity (the DRC's benchmarks; <paramref name="EnterpriseIds"/>, or every covered enterprise outside power).</param>
public sealed record ComputeAllocationRequest(
    int Year, string Phase, string Method, IReadOnlyList<PowerUnitRequest>? Units, IReadOnlyList<Guid>? EnterpriseIds, string? Note);

public sealed class ComputeAllocationRequestValidator : AbstractValidator<ComputeAllocationRequest>
{
    public ComputeAllocationRequestValidator()
    {
        RuleFor(r => r.Year).Must(DataYear.IsValid).WithErrorCode("year").WithMessage(_ => DataYear.Rule("year"));
        RuleFor(r => r.Phase).Cascade(CascadeMode.Stop).NotEmpty().Must(p => AllocationPhases.All.Contains(p)).WithErrorCode("phase_unknown")
            .WithMessage(_ => CodeMessages.OneOf("phase", AllocationPhases.All));
        RuleFor(r => r.Method).Cascade(CascadeMode.Stop).NotEmpty().Must(m => AllocationMethods.Computed.Contains(m)).WithErrorCode("method_unknown")
            .WithMessage(_ => CodeMessages.OneOf("method", AllocationMethods.Computed));
        RuleFor(r => r.Units).NotEmpty().When(r => r.Method == AllocationMethods.PowerBenchmark).WithErrorCode("units_required")
            .WithMessage(_ => new LocalizedText("基准法分配须列出各发电企业的机组参数（units）。", "The power benchmark method needs the units of each plant.").ToString());
        RuleFor(r => r.Units).Must(u => u!.Select(x => x?.EnterpriseId).Distinct().Count() == u!.Count).When(r => r.Units is not null)
            .WithErrorCode("duplicate_enterprise")
            .WithMessage(_ => new LocalizedText("同一企业只能列出一次。", "Each enterprise appears once.").ToString());
        RuleForEach(r => r.Units).NotNull().ChildRules(unit =>
        {
            unit.RuleFor(u => u.EnterpriseId).NotEmpty();
            unit.RuleFor(u => u.Category).Cascade(CascadeMode.Stop).NotEmpty().Must(c => PowerCategories.All.Contains(c)).WithErrorCode("category_unknown")
                .WithMessage(_ => CodeMessages.OneOf("category", PowerCategories.All));
            unit.RuleFor(u => u.Cooling).Must(c => CoolingTypes.All.Contains(c!)).When(u => u.Cooling is not null).WithErrorCode("cooling_unknown")
                .WithMessage(_ => CodeMessages.OneOf("cooling", CoolingTypes.All));
            unit.RuleFor(u => u.LoadFactor).GreaterThan(0).LessThanOrEqualTo(1);
            unit.RuleFor(u => u.HeatRatio).InclusiveBetween(0, 1);
        });
        RuleFor(r => r.Note).MaximumLength(2000);
    }
}

/// <summary>
/// POST /api/v1/allowances/allocation-tables (drc) — computes a year's allocation table for review:
/// each enterprise's figure from the factor table's power benchmarks (or the DRC's intensity
/// benchmarks) and its report's outputs, every term shown with its origin. Enterprises that cannot
/// be computed (no determined report, a benchmark the factor table lacks or marks unconfirmed) are
/// listed as problems, never given a made-up figure. Nothing is issued until a second DRC user approves.
/// </summary>
public static class ComputeAllocation
{
    public static async Task<IResult> Handle(ComputeAllocationRequest request, HttpContext http, EventLog log, TimeProvider time)
    {
        var now = time.GetUtcNow();
        var computed = await ComputeAsync(log, request, Guid.CreateVersion7(now), Caller.From(http.User)!.Username, now, http.RequestAborted);
        return await http.ExecuteAsync(AllocationTable.Decider, AllocationTable.StreamId(computed.TableId), request,
            state => AllocationTable.Decide(computed, state),
            outcome => CommandResponse.Created($"/api/v1/allowances/allocation-tables/{computed.TableId}", outcome.Head.Version, outcome.State));
    }

    /// <summary>The table as the registry computes it from the log now: entries, and the enterprises it could not compute.</summary>
    public static async Task<AllocationTableComputed> ComputeAsync(
        EventLog log, ComputeAllocationRequest request, Guid tableId, string by, DateTimeOffset now, CancellationToken ct)
    {
        var entries = new List<AllocationEntry>();
        var problems = new List<AllocationProblem>();
        int? factorVersion = null;
        if (request.Method == AllocationMethods.PowerBenchmark)
        {
            var version = (await GetFactors.LoadAsync(log, ct)).State.ApplyingTo(request.Year)
                ?? throw new DomainRuleViolation("allocation.no_factor_table",
                    $"没有适用于 {request.Year} 年度的因子表版本。", $"No factor table version applies to {request.Year}.");
            factorVersion = version.Version;
            foreach (var unit in request.Units!)
            {
                var (basis, problem) = await AllocationInputs.LoadAsync(log, unit.EnterpriseId, request.Year, request.Phase, true, ct);
                if (problem is not null) problems.Add(problem);
                else Power(request.Year, request.Phase, version, unit, basis!, entries, problems);
            }
        }
        else
        {
            var benchmarks = await IntensityBenchmarks.LoadAsync(log, request.Year, ct);
            var ids = request.EnterpriseIds ?? [.. (await PublicCoveredList.RowsAsync(log, request.Year, ct))
                .Where(r => r.Industry != "power").Select(r => CreditCode.EnterpriseIdFor(r.CreditCode))];
            foreach (var id in ids.Distinct())
            {
                var (basis, problem) = await AllocationInputs.LoadAsync(log, id, request.Year, request.Phase, true, ct);
                if (problem is not null) problems.Add(problem);
                else Intensity(request.Phase, benchmarks, basis!, entries, problems);
            }
        }
        return new AllocationTableComputed(tableId, request.Year, request.Phase, request.Method, entries, problems, factorVersion,
            string.IsNullOrWhiteSpace(request.Note) ? null : request.Note, by, now);
    }

    /// <summary>A power plant's entry by the benchmark of the year's factor table version, or the problem that keeps it from one.</summary>
    internal static void Power(int year, string phase, FactorTableVersion version, PowerUnitRequest unit, AllocationBasis basis, List<AllocationEntry> entries, List<AllocationProblem> problems)
    {
        var enterprise = basis.Enterprise;
        void Problem(string code, string zh, string en) => problems.Add(new AllocationProblem(enterprise.Id, enterprise.NameZh, code, new LocalizedText(zh, en)));

        var table = version.Table.ForDataYear(year).Allocation;
        var benchmark = table.Benchmarks.FirstOrDefault(b => b.Category == unit.Category);
        if (benchmark is null)
        {
            Problem("allocation.no_benchmark",
                $"因子表第 {version.Version} 版没有 {year} 年度“{unit.Category}”类机组的基准值；须由自治区发展改革委发布含该基准值的新版因子表后再计算。",
                $"Factor table version {version.Version} has no {unit.Category} benchmark for {year}; the DRC must publish a version with it before this can be computed.");
            return;
        }
        if (benchmark.ElectricityTco2PerMwh.Value is null || benchmark.HeatTco2PerGj.Value is null)
        {
            Problem("allocation.benchmark_unconfirmed",
                $"因子表第 {version.Version} 版中 {year} 年度“{unit.Category}”基准值标注为待核实（unconfirmed），不能用于计算。",
                $"Factor table version {version.Version} marks the {year} {unit.Category} benchmark unconfirmed; it is not computed with.");
            return;
        }
        if (table.LoadCorrection.Count == 0)
        {
            Problem("allocation.no_correction_table",
                $"因子表第 {version.Version} 版没有适用于 {year} 年度的负荷（调峰）修正系数表。", $"Factor table version {version.Version} has no load-correction table for {year}.");
            return;
        }
        var outputs = new PowerOutputs(basis.Output(Products.ElectricitySupplied), basis.Output(Products.ElectricityGenerated), basis.Output(Products.HeatSupplied));
        var needed = benchmark.Basis == PowerBenchmark.SupplyBasis ? Products.ElectricitySupplied : Products.ElectricityGenerated;
        if (basis.Output(needed) <= 0)
        {
            Problem("allocation.no_output",
                $"{enterprise.NameZh} 的报告没有 {needed} 产出数据，{year} 年度基准法须以此为依据。",
                $"The report of {enterprise.NameZh} has no {needed} output, which the {year} benchmark method rests on.");
            return;
        }
        var result = PowerBenchmark.Compute(new PowerUnit(enterprise.Id, unit.Category, unit.Cooling ?? CoolingTypes.Water, unit.LoadFactor, unit.HeatRatio ?? 0m),
            benchmark, table.LoadCorrection, outputs, version.Version, basis.OutputsOrigin);
        entries.Add(AllocationInputs.Entry(basis, AllocationInputs.ShareOf(phase), result.AllocationTco2, PowerCategories.CapRuleOf(unit.Category), result.Formula, result.Lines, result.Note));
    }

    static void Intensity(string phase, IntensityBenchmarks benchmarks, AllocationBasis basis, List<AllocationEntry> entries, List<AllocationProblem> problems)
    {
        var enterprise = basis.Enterprise;
        var lines = new List<AllocationLine>();
        var terms = new List<string>();
        var total = 0m;
        foreach (var output in basis.Outputs.Where(o => o.Quantity > 0))
        {
            if (benchmarks.Of(output.Product) is not { } benchmark) continue;
            lines.Add(new AllocationLine($"B_{output.Product}", benchmark.Tco2PerTonne, "tCO2/t", $"intensity benchmark {benchmarks.Year} ({benchmark.Source})"));
            lines.Add(new AllocationLine($"Q_{output.Product}", output.Quantity, output.Unit, basis.OutputsOrigin));
            terms.Add($"{benchmark.Tco2PerTonne} × {output.Quantity}");
            total += benchmark.Tco2PerTonne * output.Quantity;
        }
        if (lines.Count == 0)
        {
            problems.Add(new AllocationProblem(enterprise.Id, enterprise.NameZh, "allocation.no_benchmarked_output", new LocalizedText(
                $"{enterprise.NameZh} 的报告产品均无 {benchmarks.Year} 年度强度基准值；请先由自治区发展改革委录入基准值。",
                $"None of the products in the report of {enterprise.NameZh} has a {benchmarks.Year} intensity benchmark; the DRC must enter one first.")));
            return;
        }
        entries.Add(AllocationInputs.Entry(basis, AllocationInputs.ShareOf(phase), total, null, $"Σ B_product × Q_product = {string.Join(" + ", terms)} = {total}", lines, null));
    }
}
