using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Mrv.EventStore.Http;
using Mrv.Registry.Documents;
using Mrv.Registry.Enterprises;
using Mrv.Registry.Regions;

namespace Mrv.Registry.Portal.Pages.Drc;

public sealed record FormField(string Name, string Label, string? Hint = null, IReadOnlyList<(string Value, string Text)>? Options = null);

/// <summary>The registration form: the API's request, validator and decide function, errors shown by each field.</summary>
[Authorize(Policy = Policies.DrcOrLeague)]
public sealed class RegisterEnterpriseModel(TimeProvider time) : PageModel
{
    public FormOutcome Outcome { get; private set; } = FormOutcome.None;

    public IReadOnlyList<FormField> Fields =>
    [
        new("creditCode", PortalText.T("统一社会信用代码", "Unified social credit code"), PortalText.T("18 位，含校验码", "18 characters, with check character")),
        new("nameZh", PortalText.T("单位名称（中文）", "Name (Chinese)")),
        new("nameEn", PortalText.T("单位名称（英文，可选）", "Name (English, optional)")),
        new("leagueCode", PortalText.T("盟市", "League/city"), null, Leagues.All.Select(l => (l.Code, PortalText.IsEnglish ? l.NameEn : l.NameZh)).ToList()),
        new("countyCode", PortalText.T("旗县区代码", "Banner/county code"), PortalText.T("6 位，GB/T 2260", "6 digits, GB/T 2260")),
        new("industry", PortalText.T("行业", "Industry"), null, Industries.All.Select(i => (i, Labels.Of("industry", i, PortalText.Culture))).ToList()),
        new("gbt4754Code", PortalText.T("国民经济行业代码", "GB/T 4754 class"), PortalText.T("4 位，如 4411", "4 digits, e.g. 4411")),
        new("address", PortalText.T("地址", "Address")),
        new("contactName", PortalText.T("联系人", "Contact person")),
        new("contactPhone", PortalText.T("联系电话", "Contact phone")),
    ];

    /// <summary>What was typed into a field (inputs are named with the API's field names).</summary>
    public string? Value(string field) =>
        Request.HasFormContentType && Request.Form.TryGetValue(field, out var value) && !string.IsNullOrWhiteSpace(value) ? value.ToString().Trim() : null;

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var request = new RegisterEnterpriseRequest(
            Value("creditCode") ?? "", Value("nameZh") ?? "", Value("nameEn"), Value("leagueCode") ?? "", Value("countyCode") ?? "",
            Value("industry") ?? "", Value("gbt4754Code") ?? "", Value("address") ?? "", Value("contactName") ?? "", Value("contactPhone") ?? "");
        Outcome = await PortalCommands.RunAsync(HttpContext, request, () => RegisterEnterprise.Handle(request, HttpContext, time));
        if (Outcome.Succeeded) return LocalRedirect($"/enterprises/{CreditCode.EnterpriseIdFor(request.CreditCode)}");
        return Page();
    }
}
