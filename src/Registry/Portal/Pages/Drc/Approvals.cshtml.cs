using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Mrv.EventStore;
using Mrv.EventStore.Http;
using Mrv.Registry.Allowances;
using Mrv.Registry.Allowances.Allocation;
using Mrv.Registry.Allowances.Transfers;
using Mrv.Registry.Portal.Pages.Drc.Allocation;

namespace Mrv.Registry.Portal.Pages.Drc;

/// <summary>
/// The four-eyes queue: allocation tables submitted for approval and administrative transfers
/// requested, each waiting for a DRC user other than the one who asked. Approving an administrative
/// transfer here runs the API's handler behind the movement guard.
/// </summary>
[Authorize(Policy = Policies.Drc)]
public sealed class ApprovalsModel(EventLog log, Ledger ledger, TimeProvider time) : PageModel
{
    public IReadOnlyList<AllocationTableItem> Tables { get; private set; } = [];
    public IReadOnlyList<Transfer> Transfers { get; private set; } = [];
    public IReadOnlyDictionary<Guid, string> Names { get; private set; } = new Dictionary<Guid, string>();
    public MovementGate Gate { get; private set; } = null!;
    public FormOutcome Outcome { get; private set; } = FormOutcome.None;
    [BindProperty(SupportsGet = true)] public bool Approved { get; set; }

    public string NameOf(Guid accountId) => Names.TryGetValue(accountId, out var name) ? name : accountId.ToString();

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostApproveTransferAsync(Guid transferId)
    {
        Outcome = await PortalCommands.RunMovementAsync(HttpContext, new { transferId }, () => ReviewTransfer.Approve(transferId, HttpContext, log, time));
        if (Outcome.Succeeded) return LocalRedirect("/drc/approvals?approved=true");
        await LoadAsync();
        return Page();
    }

    async Task LoadAsync()
    {
        Tables = await PortalReads.ItemsAsync<AllocationTableItem>(HttpContext, () => GetAllocationTables.List(HttpContext, log, null, AllocationTableStatuses.PendingApproval));
        Transfers = await PortalReads.ItemsAsync<Transfer>(HttpContext, () => GetTransfers.List(HttpContext, log, ledger, time, null, TransferStatuses.PendingApproval));
        Names = await PortalReads.AccountHoldersAsync(log, Transfers.SelectMany(t => new[] { t.FromAccountId, t.ToAccountId }), HttpContext.RequestAborted);
        Gate = await MovementGate.CheckAsync(HttpContext);
    }
}
