using FluentValidation;
using Mrv.EventStore;
using Mrv.EventStore.Http;
using Mrv.Registry.Calendar;

namespace Mrv.Registry.DualControl.Targets;

/// <param name="Code">The period's code in URLs, e.g. <c>14th-fyp</c>.</param>
/// <param name="BaseYear">The year progress is measured from (2020 for the 14th FYP).</param>
/// <param name="TargetYear">The period's last year, by which the targets are to be met.</param>
/// <param name="Region">The region-wide targets, when the period sets them.</param>
/// <param name="RegionIndicators">Region-wide targets as the documents state them (sector targets too), shown with the period.</param>
public sealed record DefineTargetPeriodRequest(
    string Code, string NameZh, string NameEn, int BaseYear, int TargetYear, IReadOnlyList<LeagueTarget> Leagues, AreaTargets? Region,
    IReadOnlyList<RegionIndicator>? RegionIndicators, string Source);

/// <summary>An area's targets: at least one indicator, reductions and growth caps as percentages, caps in 10,000 tce.</summary>
public sealed class AreaTargetsValidator : AbstractValidator<AreaTargets>
{
    public AreaTargetsValidator()
    {
        RuleFor(t => t).Must(t => t.EnergyIntensityReductionPct is not null || t.EnergyIncrementCap10kTce is not null ||
                                  t.EnergyGrowthRateCapPct is not null || t.CarbonIntensityReductionPct is not null || t.TotalEnergyCap10kTce is not null)
            .OverridePropertyName("targets").WithErrorCode("targets_required")
            .WithMessage(_ => new LocalizedText("至少须设定一项目标。", "Set at least one target.").ToString());
        RuleFor(t => t.EnergyIntensityReductionPct).GreaterThan(0).LessThan(100);
        RuleFor(t => t.CarbonIntensityReductionPct).GreaterThan(0).LessThan(100);
        RuleFor(t => t.EnergyGrowthRateCapPct).GreaterThan(0).LessThan(100);
        RuleFor(t => t.EnergyIncrementCap10kTce).GreaterThan(0);
        RuleFor(t => t.TotalEnergyCap10kTce).GreaterThan(0);
    }
}

public sealed class DefineTargetPeriodRequestValidator : AbstractValidator<DefineTargetPeriodRequest>
{
    public const string CodePattern = "^[a-z0-9][a-z0-9-]{1,31}$";

    public DefineTargetPeriodRequestValidator()
    {
        RuleFor(r => r.Code).Cascade(CascadeMode.Stop).NotEmpty().Matches(CodePattern).WithErrorCode("period_code")
            .WithMessage(_ => new LocalizedText(
                "规划期代码须为 2–32 位小写字母、数字或连字符，如 14th-fyp。", "A period code is 2–32 lower-case letters, digits or hyphens, such as 14th-fyp.").ToString());
        RuleFor(r => r.NameZh).NotEmpty().MaximumLength(200);
        RuleFor(r => r.NameEn).NotEmpty().MaximumLength(200);
        RuleFor(r => r.BaseYear).Must(DataYear.IsValid).WithErrorCode("year").WithMessage(_ => DataYear.Rule("baseYear"));
        RuleFor(r => r.TargetYear).Must((r, year) => year > r.BaseYear && year <= r.BaseYear + 10).WithErrorCode("target_year")
            .WithMessage(_ => new LocalizedText(
                "targetYear 须晚于 baseYear，且不超过其后 10 年。", "targetYear must be after baseYear, and at most 10 years after it.").ToString());
        RuleFor(r => r.Leagues).NotEmpty();
        RuleForEach(r => r.Leagues).ChildRules(league =>
        {
            league.RuleFor(l => l.LeagueCode).Must(Regions.Leagues.IsLeagueCode).WithErrorCode("league_unknown")
                .WithMessage(l => LeagueUnknown(l.LeagueCode));
            league.RuleFor(l => l.Targets).NotNull().SetValidator(new AreaTargetsValidator());
        });
        RuleFor(r => r.Leagues).Must(leagues => leagues.GroupBy(l => l.LeagueCode).All(g => g.Count() == 1)).When(r => r.Leagues is not null)
            .WithErrorCode("duplicate_league").WithMessage(_ => new LocalizedText("同一盟市只能出现一次。", "A league/city appears twice.").ToString());
        RuleFor(r => r.Region!).SetValidator(new AreaTargetsValidator()).When(r => r.Region is not null);
        RuleForEach(r => r.RegionIndicators).ChildRules(indicator =>
        {
            indicator.RuleFor(i => i.Indicator).Matches("^[a-z][a-z0-9_]*$");
            indicator.RuleFor(i => i.Unit).NotEmpty();
            indicator.RuleFor(i => i.Source).NotEmpty();
        });
        RuleFor(r => r.Source).NotEmpty().MaximumLength(1000);
    }

    public static string LeagueUnknown(string code) => new LocalizedText(
        $"“{code}”不是内蒙古自治区的盟市代码（GB/T 2260）。", $"'{code}' is not a league/city code of Inner Mongolia (GB/T 2260).").ToString();
}

/// <summary>POST /api/v1/targets (drc) — defines a plan period (e.g. the 14th FYP) with its base year and each league/city's targets.</summary>
public static class DefineTargetPeriod
{
    public static Task<IResult> Handle(DefineTargetPeriodRequest request, HttpContext http, TimeProvider time)
    {
        var command = new TargetPeriod.Define(request.Code, request.NameZh, request.NameEn, request.BaseYear, request.TargetYear,
            request.Leagues, request.Region, request.RegionIndicators ?? [], request.Source, Caller.From(http.User)!.Username);
        var now = time.GetUtcNow();
        return http.ExecuteAsync(TargetPeriod.Decider, TargetPeriod.StreamId(request.Code), request,
            state => TargetPeriod.Decide(command, state, now),
            outcome => CommandResponse.Created($"/api/v1/targets/{request.Code}", outcome.Head.Version, outcome.State));
    }
}
