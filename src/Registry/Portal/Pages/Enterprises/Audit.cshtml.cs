using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Mrv.EventStore;
using Mrv.EventStore.Http;
using Mrv.Registry.Audit;
using Mrv.Registry.Enterprises;

namespace Mrv.Registry.Portal.Pages.Enterprises;

/// <summary>The DRC's view of everything recorded about an enterprise, with a check of its hash chains.</summary>
[Authorize(Policy = Policies.Drc)]
public sealed class AuditModel(EventLog log) : PageModel
{
    public const int Size = 100;

    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }
    [BindProperty(SupportsGet = true, Name = "page")] public int PageNumber { get; set; } = 1;
    public string EnterpriseName { get; private set; } = "";
    public AuditTrailPage? Trail { get; private set; }
    public AuditVerification? Verification { get; private set; }

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() ? Page() : NotFound();

    public async Task<IActionResult> OnPostVerifyAsync()
    {
        if (!await LoadAsync()) return NotFound();
        Verification = await AuditTrail.VerifyAsync(log, Id, HttpContext.RequestAborted);
        return Page();
    }

    async Task<bool> LoadAsync()
    {
        var enterprise = await log.Documents.LoadAsync<Enterprise>(Enterprise.StreamId(Id), HttpContext.RequestAborted);
        if (enterprise is null) return false;
        EnterpriseName = enterprise.Data.NameZh;
        Trail = await AuditTrail.PageAsync(log, Id, PageNumber, Size, HttpContext.RequestAborted);
        return true;
    }
}
