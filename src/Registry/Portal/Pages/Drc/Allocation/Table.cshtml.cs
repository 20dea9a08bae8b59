using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Mrv.EventStore;
using Mrv.EventStore.Http;
using Mrv.Registry.Allowances.Allocation;

namespace Mrv.Registry.Portal.Pages.Drc.Allocation;

/// <summary>
/// One allocation table: every enterprise's line with its formula and the inputs it rests on, the
/// enterprises it could not compute, and the four-eyes steps — submit, then approve (issuing the
/// allowances) or reject — each through the API's handler, so self-approval is refused by the same rule.
/// </summary>
[Authorize(Policy = Policies.Drc)]
public sealed class TableModel(EventLog log, TimeProvider time) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }
    [BindProperty(SupportsGet = true)] public string? Done { get; set; }
    public AllocationTable Table { get; private set; } = AllocationTable.None;
    public MovementGate Gate { get; private set; } = null!;
    public FormOutcome Outcome { get; private set; } = FormOutcome.None;
    /// <summary>Which step the outcome belongs to: submit, approve or reject.</summary>
    public string? Step { get; private set; }
    public string Me => Caller.From(User)!.Username;

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() ? Page() : NotFound();

    public Task<IActionResult> OnPostSubmitAsync() =>
        StepAsync("submit", false, new { Id }, () => ReviewAllocation.Submit(Id, HttpContext, log, time));

    public Task<IActionResult> OnPostApproveAsync() =>
        StepAsync("approve", true, new { Id }, () => ReviewAllocation.Approve(Id, HttpContext, log, time));

    public Task<IActionResult> OnPostRejectAsync(string? reason)
    {
        var request = new RejectAllocationRequest(reason?.Trim() ?? "");
        return StepAsync("reject", false, request, () => ReviewAllocation.Reject(Id, request, HttpContext, log, time));
    }

    async Task<IActionResult> StepAsync<TRequest>(string step, bool movement, TRequest request, Func<Task<IResult>> handler) where TRequest : class
    {
        if (!await LoadAsync()) return NotFound();
        Step = step;
        Outcome = movement ? await PortalCommands.RunMovementAsync(HttpContext, request, handler) : await PortalCommands.RunAsync(HttpContext, request, handler);
        if (Outcome.Succeeded) return LocalRedirect($"/drc/allocation/{Id}?done={step}");
        await LoadAsync();
        return Page();
    }

    async Task<bool> LoadAsync()
    {
        var table = await PortalReads.GetAsync<AllocationTable>(HttpContext, () => GetAllocationTables.Get(Id, HttpContext, log));
        if (table is null) return false;
        Table = table;
        Gate = await MovementGate.CheckAsync(HttpContext);
        return true;
    }
}
