using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Mrv.EventStore;
using Mrv.EventStore.Http;
using Mrv.Verification.Assignment;
using Mrv.Verification.Ports;

namespace Mrv.Registry.Portal.Pages.Drc;

public sealed record EligibilityPage(
    Guid EnterpriseId, int Year, string EnterpriseName, string CreditCode, string Industry, string ReportStatus, Guid? AssignedAgencyId,
    IReadOnlyList<string> Eligible, IReadOnlyList<AgencyEligibilityView> Agencies)
{
    public string NameOf(Guid agencyId) => Agencies.FirstOrDefault(a => a.AgencyId == agencyId)?.AgencyName ?? agencyId.ToString();
}

/// <summary>
/// One enterprise-year's assignment: every agency's eligibility with every reason it is excluded,
/// the random draw (its seed and candidates shown afterwards, so anyone can re-run it), a direct
/// assignment with a reason, and every earlier assignment and decline.
/// </summary>
[Authorize(Policy = Policies.Drc)]
public sealed class AssignModel(EventLog log, IVerificationSubjects subjects, TimeProvider time) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid EnterpriseId { get; set; }
    [BindProperty(SupportsGet = true)] public int Year { get; set; }
    [BindProperty(SupportsGet = true)] public bool Drawn { get; set; }

    public EligibilityPage? Eligibility { get; private set; }
    public AgencyAssignment? Assignment { get; private set; }
    public FormState Form { get; private set; } = FormState.None;

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() ? Page() : NotFound();

    public Task<IActionResult> OnPostDrawAsync() =>
        RunAsync("draw", new object(), () => AssignAgency.Draw(EnterpriseId, Year, HttpContext, log, subjects, time), "?drawn=true#current");

    public Task<IActionResult> OnPostDirectAsync(Guid? agencyId, string? reason)
    {
        var request = new DirectAssignmentRequest(agencyId ?? Guid.Empty, reason?.Trim() ?? "");
        return RunAsync("direct", request, () => AssignAgency.Direct(EnterpriseId, Year, request, HttpContext, log, subjects, time), "#current");
    }

    async Task<IActionResult> RunAsync<TRequest>(string form, TRequest request, Func<Task<IResult>> handler, string then) where TRequest : class
    {
        var outcome = await PortalCommands.RunAsync(HttpContext, request, handler);
        if (outcome.Status == 404) return NotFound();
        if (outcome.Succeeded) return LocalRedirect($"/drc/assignments/{EnterpriseId}/{Year}{then}");
        Form = new FormState(form, outcome);
        return await LoadAsync() ? Page() : NotFound();
    }

    async Task<bool> LoadAsync()
    {
        Eligibility = await PortalReads.GetAsync<EligibilityPage>(HttpContext, () =>
            GetEligibility.Handle(HttpContext, log, subjects, time, EnterpriseId.ToString(), Year.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        if (Eligibility is null) return false;
        Assignment = await PortalReads.GetAsync<AgencyAssignment>(HttpContext, () => AssignAgency.Get(EnterpriseId, Year, HttpContext, log));
        return true;
    }
}
