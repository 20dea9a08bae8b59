using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Mrv.EventStore;
using Mrv.EventStore.Http;
using Mrv.Registry.Admin;

namespace Mrv.Registry.Portal.Pages.Drc;

[Authorize(Policy = Policies.Drc)]
public sealed class ProjectionsModel(ProjectionAdmin admin, EventStoreOptions store, RebuildJobs jobs) : PageModel
{
    public IReadOnlyList<ProjectionStatus> Statuses { get; private set; } = [];
    public IReadOnlyList<DeadLetter> DeadLetters { get; private set; } = [];
    [BindProperty(SupportsGet = true)] public string? Started { get; set; }
    public string? Notice => Started is null ? null : PortalText.T($"已开始重建 {Started}。", $"Rebuild of {Started} started.");

    public async Task OnGetAsync()
    {
        Statuses = await admin.StatusAsync(HttpContext.RequestAborted);
        DeadLetters = await admin.DeadLettersAsync(ct: HttpContext.RequestAborted);
    }

    public IActionResult OnPostRebuild(string name)
    {
        if (store.AsyncProjections.All(p => p.Name != name)) return NotFound();
        jobs.Start(name);
        return LocalRedirect($"/drc/projections?started={Uri.EscapeDataString(name)}");
    }

    public async Task<IActionResult> OnPostRetryAsync(long id)
    {
        await admin.RetryAsync(id, Caller.From(User)!.Username, HttpContext.RequestAborted);
        return LocalRedirect("/drc/projections");
    }

    public async Task<IActionResult> OnPostSkipAsync(long id)
    {
        await admin.SkipAsync(id, Caller.From(User)!.Username, HttpContext.RequestAborted);
        return LocalRedirect("/drc/projections");
    }
}
