using FluentValidation;
using Mrv.EventStore;
using Mrv.EventStore.Http;
using Mrv.Registry.Regions;

namespace Mrv.Registry.Enterprises;

public sealed record RegisterEnterpriseRequest(
    string CreditCode, string NameZh, string? NameEn, string LeagueCode, string CountyCode, string Industry,
    string Gbt4754Code, string Address, string ContactName, string ContactPhone)
{
    public Enterprise.Register ToCommand(string? by) => new(
        Enterprises.CreditCode.EnterpriseIdFor(CreditCode), CreditCode, NameZh, string.IsNullOrWhiteSpace(NameEn) ? null : NameEn,
        LeagueCode, CountyCode, Industry, Gbt4754Code, Address, ContactName, ContactPhone, by);
}

/// <summary>The shape of a registration; the JSON endpoint and every row of a CSV import use this one validator.</summary>
public sealed class RegisterEnterpriseRequestValidator : AbstractValidator<RegisterEnterpriseRequest>
{
    public RegisterEnterpriseRequestValidator()
    {
        RuleFor(r => r.CreditCode).Cascade(CascadeMode.Stop).NotEmpty()
            .Length(CreditCode.Length).WithErrorCode("credit_code_length")
            .WithMessage(_ => new LocalizedText("统一社会信用代码须为 18 位。", "A unified social credit code has 18 characters.").ToString())
            .Must(CreditCode.HasCharset).WithErrorCode("credit_code_charset")
            .WithMessage(_ => new LocalizedText(
                "统一社会信用代码只能由数字和大写字母组成（不使用 I、O、Z、S、V）。",
                "A unified social credit code has only digits and upper-case letters (not I, O, Z, S or V).").ToString())
            .Must(CreditCode.IsValid).WithErrorCode("credit_code_check_digit")
            .WithMessage(r => new LocalizedText(
                $"统一社会信用代码 {r.CreditCode} 的校验码（第 18 位）不正确（GB 32100-2015），请核对。",
                $"The check character (18th) of the credit code {r.CreditCode} is wrong (GB 32100-2015); check the code.").ToString());
        RuleFor(r => r.NameZh).NotEmpty().MaximumLength(200);
        RuleFor(r => r.NameEn).MaximumLength(200);
        RuleFor(r => r.LeagueCode).Cascade(CascadeMode.Stop).NotEmpty().Must(Leagues.IsLeagueCode).WithErrorCode("league_unknown")
            .WithMessage(r => new LocalizedText(
                $"“{r.LeagueCode}”不是内蒙古自治区的盟市代码（GB/T 2260）。", $"'{r.LeagueCode}' is not a league/city code of Inner Mongolia (GB/T 2260).").ToString());
        RuleFor(r => r.CountyCode).Cascade(CascadeMode.Stop).NotEmpty()
            .Must((r, county) => Leagues.IsCountyOf(county, r.LeagueCode)).When(r => Leagues.IsLeagueCode(r.LeagueCode)).WithErrorCode("county_not_in_league")
            .WithMessage(r => new LocalizedText(
                $"旗县代码“{r.CountyCode}”不属于盟市 {r.LeagueCode}：须为 6 位数字，前 4 位为 {r.LeagueCode[..4]}，后 2 位不为 00。",
                $"The county code '{r.CountyCode}' is not under league {r.LeagueCode}: six digits starting {r.LeagueCode[..4]}, not ending 00.").ToString());
        RuleFor(r => r.Industry).Cascade(CascadeMode.Stop).NotEmpty().Must(i => Industries.All.Contains(i)).WithErrorCode("industry_unknown")
            .WithMessage(_ => CodeMessages.OneOf("industry", Industries.All));
        RuleFor(r => r.Gbt4754Code).Cascade(CascadeMode.Stop).NotEmpty().Matches("^[0-9]{4}$").WithErrorCode("gbt4754_format")
            .WithMessage(_ => new LocalizedText(
                "国民经济行业代码须为 GB/T 4754 的 4 位小类代码，如 4411。", "The industry code is a 4-digit GB/T 4754 class code, such as 4411.").ToString());
        RuleFor(r => r.Address).NotEmpty().MaximumLength(500);
        RuleFor(r => r.ContactName).NotEmpty().MaximumLength(100);
        RuleFor(r => r.ContactPhone).Cascade(CascadeMode.Stop).NotEmpty().Matches(@"^\+?[0-9][0-9 ()-]{4,29}$").WithErrorCode("phone_format")
            .WithMessage(_ => new LocalizedText(
                "联系电话只能包含数字、空格、括号、连字符和开头的 +。", "A phone number has digits, spaces, brackets, hyphens and an optional leading +.").ToString());
    }
}

/// <summary>POST /api/v1/enterprises (drc; league within its own league/city) — registers an enterprise.</summary>
public static class RegisterEnterprise
{
    public static Task<IResult> Handle(RegisterEnterpriseRequest request, HttpContext http, TimeProvider time)
    {
        var caller = Caller.From(http.User)!;
        if (caller.Role == Roles.League && request.LeagueCode != caller.LeagueCode)
        {
            return Task.FromResult(Problems.Result(403, "forbidden", ProblemText.ForbiddenTitle, new LocalizedText(
                "盟市用户只能登记本盟市的企业。", "A league/city user registers enterprises of its own league/city only.").ToString(), http));
        }
        var command = request.ToCommand(caller.Username);
        var now = time.GetUtcNow();
        return http.ExecuteAsync(Enterprise.Decider, Enterprise.StreamId(command.EnterpriseId), request,
            state => Enterprise.Decide(command, state, now),
            outcome => CommandResponse.Created($"/api/v1/enterprises/{command.EnterpriseId}", outcome.Head.Version, outcome.State));
    }
}
