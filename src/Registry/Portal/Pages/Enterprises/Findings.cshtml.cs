using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Mrv.EventStore;
using Mrv.EventStore.Http;
using Mrv.Registry.Enterprises;
using Mrv.Registry.Portal.Pages.Verification;
using Mrv.Verification.Engagements;
using Mrv.Verification.Ports;

namespace Mrv.Registry.Portal.Pages.Enterprises;

/// <summary>
/// The findings (不符合项) addressed to an enterprise, engagement by engagement, with the answer form
/// its staff use; the answer runs the API's own handler.
/// </summary>
[Authorize(Roles = EnterpriseAccess.ReaderRoles)]
public sealed class FindingsModel(EventLog log, IVerificationSubjects subjects, TimeProvider time) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }
    [BindProperty(SupportsGet = true)] public bool Answered { get; set; }

    public string EnterpriseName { get; private set; } = "";
    public IReadOnlyList<EngagementView> Engagements { get; private set; } = [];
    FormState form = FormState.None;
    Guid? activeEngagement;

    public int OpenFindings => Engagements.Sum(e => e.Engagement.OpenFindings);

    public FindingCard CardOf(Engagement engagement, Finding finding) => new(engagement, finding,
        CanAnswer: Caller.From(User)?.Role == Roles.Enterprise && finding.Status != FindingStatuses.Closed && engagement.Status != EngagementStatuses.Signed,
        CanResolve: false, engagement.Id == activeEngagement ? form : FormState.None);

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() ? Page() : NotFound();

    public async Task<IActionResult> OnPostAnswerAsync(Guid engagementId, int number, string? answer, bool dataCorrected)
    {
        var request = new AnswerFindingRequest(answer ?? "", dataCorrected);
        var outcome = await PortalCommands.RunAsync(HttpContext, request, () => Findings.Answer(engagementId, number, request, HttpContext));
        if (outcome.Status == 404) return NotFound();
        if (outcome.Succeeded) return LocalRedirect($"/enterprises/{Id}/findings?answered=true#{FindingCard.AnchorOf(engagementId, number)}");
        (activeEngagement, form) = (engagementId, new FormState($"answer-{number}", outcome));
        return await LoadAsync() ? Page() : NotFound();
    }

    async Task<bool> LoadAsync()
    {
        var enterprise = await EnterpriseAccess.LoadVisibleAsync(HttpContext, log, Id);
        if (enterprise is null) return false;
        EnterpriseName = enterprise.Data.NameZh;
        Engagements = await VerificationOf.EnterpriseAsync(HttpContext, log, subjects, time, Id);
        return true;
    }
}
