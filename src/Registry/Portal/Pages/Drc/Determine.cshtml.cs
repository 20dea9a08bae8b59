using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Mrv.EventStore;
using Mrv.EventStore.Http;
using Mrv.Registry.Portal.Pages.Verification;
using Mrv.Registry.Reporting;
using Mrv.Verification.Engagements;
using Mrv.Verification.Ports;

namespace Mrv.Registry.Portal.Pages.Drc;

/// <summary>
/// The DRC's determination (核定) of one report: the verified figures and the opinion beside what was
/// reported, then accept them or override them with a reason (after a spot check) — the API's own handler.
/// </summary>
[Authorize(Policy = Policies.Drc)]
public sealed class DetermineModel(EventLog log, IVerificationSubjects subjects, TimeProvider time) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid EnterpriseId { get; set; }
    [BindProperty(SupportsGet = true)] public int Year { get; set; }
    [BindProperty(SupportsGet = true)] public bool Determined { get; set; }

    public ReportView? Report { get; private set; }
    public EngagementView? Engagement { get; private set; }
    public FormOutcome Outcome { get; private set; } = FormOutcome.None;


    public async Task<IActionResult> OnGetAsync() => await LoadAsync() ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(string? decision, string? reason)
    {
        var parse = new FormParse();
        var overriding = decision == "override";
        var request = new DetermineReportRequest(decision ?? "",
            overriding ? parse.Number(Request.Form, "emissionsTco2") : null, overriding ? parse.Number(Request.Form, "energyTce") : null,
            string.IsNullOrWhiteSpace(reason) ? null : reason.Trim());
        Outcome = await PortalCommands.RunAsync(HttpContext, request, () => DetermineReport.Handle(EnterpriseId, Year, request, HttpContext, log, time), parse.Violations);
        if (Outcome.Status == 404) return NotFound();
        if (Outcome.Succeeded) return LocalRedirect($"/drc/determinations/{EnterpriseId}/{Year}?determined=true");
        return await LoadAsync() ? Page() : NotFound();
    }

    async Task<bool> LoadAsync()
    {
        Report = (await GetReport.ViewAsync(EnterpriseId, Year, HttpContext, log, null)).View;
        if (Report is null) return false;
        if (Report.Verification is { } verification)
        {
            Engagement = await PortalReads.GetAsync<EngagementView>(HttpContext, () => ListEngagements.Get(verification.EngagementId, HttpContext, log, subjects, time));
        }
        return true;
    }

    public static string Plain(decimal? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "";
}
