using System.Text.Json;
using FluentValidation;
using FluentValidation.Results;
using Mrv.EventStore;
using Mrv.EventStore.Http;
using Mrv.Registry.Calendar;

namespace Mrv.Registry.Factors;

/// <param name="Table">The whole table, in the format of <c>emission-factors.json</c>.</param>
public sealed record PublishFactorTableRequest(int EffectiveFromDataYear, string? Note, JsonElement Table);

public sealed record FactorTableVersionSummary(int Version, int EffectiveFromDataYear, string? Note, string? PublishedBy, DateTimeOffset PublishedAt)
{
    public static FactorTableVersionSummary Of(FactorTableVersion v) => new(v.Version, v.EffectiveFromDataYear, v.Note, v.PublishedBy, v.PublishedAt);
}

/// <summary>What a table needs before it can be published: every factor sourced, codes unique, year ranges that do not overlap.</summary>
public sealed class FactorTableValidator : AbstractValidator<FactorTable>
{
    const string CodePattern = "^[a-z][a-z0-9_]*$";

    public FactorTableValidator()
    {
        RuleFor(t => t.Fuels).NotEmpty();
        RuleForEach(t => t.Fuels).ChildRules(fuel =>
        {
            fuel.RuleFor(f => f.Code).Matches(CodePattern);
            fuel.RuleFor(f => f.NameZh).NotEmpty();
            fuel.RuleFor(f => f.Unit).NotEmpty();
            fuel.RuleFor(f => f.Source).NotEmpty();
        });
        RuleFor(t => t.Fuels).Must(fuels => Distinct(fuels.Select(f => f.Code))).WithErrorCode("duplicate_code")
            .WithMessage(_ => new LocalizedText("燃料代码重复。", "A fuel code appears twice.").ToString());
        RuleFor(t => t.EnergyConversion).ChildRules(conversion => conversion.RuleFor(c => c.Source).NotEmpty());
        RuleForEach(t => t.GridFactors).ChildRules(grid =>
        {
            grid.RuleFor(g => g.DataYear).Must(IsYearRange).WithErrorCode("year_range").WithMessage(_ => YearRangeMessage());
            grid.RuleFor(g => g.Series).NotEmpty();
            grid.RuleFor(g => g.Region).NotEmpty();
            grid.RuleFor(g => g.Source).NotEmpty();
        });
        RuleFor(t => t.GridFactors).Must(grid => !Overlapping(grid, g => $"{g.Series}/{g.Region}", g => g.DataYear)).WithErrorCode("overlap")
            .WithMessage(_ => new LocalizedText(
                "同一系列、同一区域的电网因子年度不能重叠。", "Grid factors of one series and region may not cover the same data year twice.").ToString());
        RuleFor(t => t.HeatFactor).ChildRules(heat => heat.RuleFor(h => h.Source).NotEmpty());
        RuleFor(t => t.Allocation).ChildRules(allocation =>
        {
            allocation.RuleForEach(a => a.Benchmarks).ChildRules(benchmark =>
            {
                benchmark.RuleFor(b => b.Period).Must(IsYearRange).WithErrorCode("year_range").WithMessage(_ => YearRangeMessage());
                benchmark.RuleFor(b => b.Category).NotEmpty();
                benchmark.RuleFor(b => b.Basis).NotEmpty();
                benchmark.RuleFor(b => b.Source).NotEmpty();
            });
            allocation.RuleFor(a => a.Benchmarks).Must(list => !Overlapping(list, b => b.Category, b => b.Period)).WithErrorCode("overlap")
                .WithMessage(_ => new LocalizedText(
                    "同一类别的分配基准值年度不能重叠。", "Benchmarks of one category may not cover the same year twice.").ToString());
            allocation.RuleForEach(a => a.LoadCorrection).ChildRules(load =>
                load.RuleFor(l => l.Period).Must(IsYearRange).WithErrorCode("year_range").WithMessage(_ => YearRangeMessage()));
            allocation.RuleFor(a => a.CcerLimit).ChildRules(ccer => ccer.RuleFor(c => c.Source).NotEmpty());
        });
        RuleForEach(t => t.ProcessFactors).ChildRules(process =>
        {
            process.RuleFor(p => p.Process).Matches(CodePattern);
            process.RuleFor(p => p.Source).NotEmpty();
        });
        RuleFor(t => t.ProcessFactors).Must(list => Distinct(list.Select(p => p.Process))).WithErrorCode("duplicate_code")
            .WithMessage(_ => new LocalizedText("过程排放因子代码重复。", "A process code appears twice.").ToString());
        RuleFor(t => t).Custom((table, context) =>
        {
            foreach (var (path, value) in table.Values())
            {
                if (value.Value < 0)
                {
                    context.AddFailure(new ValidationFailure(path, new LocalizedText("因子不能为负数。", "A factor cannot be negative.").ToString()) { ErrorCode = "negative" });
                }
            }
            foreach (var (path, value) in table.Fuels.Select(f => ($"fuels[{f.Code}].oxidation_rate", f.OxidationRate))
                         .Append(("allocation.ccer_limit.share", table.Allocation.CcerLimit.Share)))
            {
                if (value.Value > 1)
                {
                    context.AddFailure(new ValidationFailure(path, new LocalizedText("比率不能大于 1。", "A rate cannot exceed 1.").ToString()) { ErrorCode = "fraction" });
                }
            }
        });
    }

    static bool IsYearRange(string text) => YearRange.TryParse(text, out _);

    static bool Distinct(IEnumerable<string> codes) => codes.GroupBy(c => c).All(g => g.Count() == 1);

    static bool Overlapping<T>(IEnumerable<T> rows, Func<T, string> key, Func<T, string> years) =>
        rows.Where(r => IsYearRange(years(r))).GroupBy(key).Any(group =>
        {
            var ranges = group.Select(r => YearRange.Parse(years(r))).ToList();
            return ranges.Where((a, i) => ranges.Skip(i + 1).Any(a.Overlaps)).Any();
        });

    static string YearRangeMessage() => new LocalizedText(
        "年度须写作 2021、2019-2020 或 2022+。", "A year is written 2021, 2019-2020 or 2022+.").ToString();
}

public sealed class PublishFactorTableRequestValidator : AbstractValidator<PublishFactorTableRequest>
{
    static readonly FactorTableValidator TableValidator = new();

    public PublishFactorTableRequestValidator()
    {
        RuleFor(r => r.EffectiveFromDataYear).Must(DataYear.IsValid).WithErrorCode("year").WithMessage(_ => DataYear.Rule("effectiveFromDataYear"));
        RuleFor(r => r.Note).MaximumLength(2000);
        RuleFor(r => r.Table).Custom((json, context) =>
        {
            if (json.ValueKind != JsonValueKind.Object)
            {
                context.AddFailure(new ValidationFailure("table", new LocalizedText(
                    "须提供完整的因子表（emission-factors.json 的格式）。", "Send the whole table, in the format of emission-factors.json.").ToString())
                { ErrorCode = "required" });
                return;
            }
            FactorTable table;
            try
            {
                table = FactorTable.Parse(json);
            }
            catch (JsonException e)
            {
                var field = e.Path is { Length: > 1 } path ? "table" + path.TrimStart('$') : "table";
                context.AddFailure(new ValidationFailure(field, new LocalizedText($"因子表格式有误：{e.Message}", $"The table is malformed: {e.Message}").ToString())
                { ErrorCode = "format" });
                return;
            }
            foreach (var failure in TableValidator.Validate(table).Errors)
            {
                context.AddFailure(new ValidationFailure("table." + FileFormatPath(failure.PropertyName), failure.ErrorMessage) { ErrorCode = failure.ErrorCode });
            }
        });
    }

    /// <summary>A validator's path (<c>fuels[0].nameZh</c>) in the names of the file format (<c>fuels[0].name_zh</c>).</summary>
    static string FileFormatPath(string path) => string.Join('.', path.Split('.').Select(segment =>
    {
        var bracket = segment.IndexOf('[');
        var name = bracket < 0 ? segment : segment[..bracket];
        return JsonNamingPolicy.SnakeCaseLower.ConvertName(name) + (bracket < 0 ? "" : segment[bracket..]);
    }));
}

/// <summary>POST /api/v1/factors (drc) — publishes a new factor table version effective from a data year.</summary>
public static class PublishFactorTable
{
    public static Task<IResult> Handle(PublishFactorTableRequest request, HttpContext http, TimeProvider time)
    {
        var command = new FactorTableVersions.Publish(request.EffectiveFromDataYear, FactorTable.Parse(request.Table),
            string.IsNullOrWhiteSpace(request.Note) ? null : request.Note, Caller.From(http.User)!.Username);
        var now = time.GetUtcNow();
        return http.ExecuteAsync(FactorTableVersions.Decider, FactorTableVersions.StreamId, request,
            state => FactorTableVersions.Decide(command, state, now),
            outcome => CommandResponse.Created($"/api/v1/factors?version={outcome.State.Latest!.Version}", outcome.Head.Version,
                FactorTableVersionSummary.Of(outcome.State.Latest!)));
    }
}
