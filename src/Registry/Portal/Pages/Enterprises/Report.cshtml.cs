using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Mrv.EventStore;
using Mrv.EventStore.Http;
using Mrv.Registry.Enterprises;
using Mrv.Registry.Reporting;

namespace Mrv.Registry.Portal.Pages.Enterprises;

/// <summary>The annual report with its calculation explained, its checks, and the enterprise's submit button.</summary>
[Authorize(Roles = EnterpriseAccess.ReaderRoles)]
public sealed class ReportModel(EventLog log, TimeProvider time) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }
    [BindProperty(SupportsGet = true)] public int Year { get; set; }
    [BindProperty(SupportsGet = true)] public bool Submitted { get; set; }

    public ReportView? View { get; private set; }
    public string? Problem { get; private set; }
    public bool CanSubmit => View?.CanSubmit == true && Caller.From(User)?.Role == Roles.Enterprise;

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() ? Page() : NotFound();

    public async Task<IActionResult> OnPostSubmitAsync()
    {
        var outcome = await PortalCommands.RunAsync(HttpContext, new object(), () => SubmitReport.Handle(Id, Year, HttpContext, log, time));
        if (outcome.Status == 404) return NotFound();
        if (outcome.Succeeded) return LocalRedirect($"/enterprises/{Id}/reports/{Year}?submitted=true");
        Problem = outcome.Message;
        return await LoadAsync() ? Page() : NotFound();
    }

    async Task<bool> LoadAsync()
    {
        var (view, _, problem) = await GetReport.ViewAsync(Id, Year, HttpContext, log, null);
        View = view;
        return problem is null;
    }
}
