using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Mrv.EventStore;
using Mrv.Registry.Enterprises;

namespace Mrv.Registry.Portal.Pages.Enterprises;

/// <summary>One enterprise, for those who may see it (others get a 404, as from the API).</summary>
[Authorize(Roles = EnterpriseAccess.ReaderRoles)]
public sealed class DetailModel(EventLog log) : PageModel
{
    public Enterprise? Enterprise { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        var document = await HttpContext.LoadVisibleAsync(log, id);
        if (document is null) return NotFound();
        Enterprise = document.Data;
        return Page();
    }
}
