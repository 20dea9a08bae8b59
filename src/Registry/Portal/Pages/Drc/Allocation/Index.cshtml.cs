using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Mrv.EventStore;
using Mrv.EventStore.Http;
using Mrv.Registry.Allowances.Allocation;

namespace Mrv.Registry.Portal.Pages.Drc.Allocation;

/// <summary>A line of the allocation-table list, as GET /api/v1/allowances/allocation-tables answers it.</summary>
public sealed record AllocationTableItem(
    Guid Id, int Year, string Phase, string Method, string Status, int Entries, int Problems, long TotalToIssue,
    string? ComputedBy, DateTimeOffset? ComputedAt, string? SubmittedBy, string? ApprovedBy, DateTimeOffset? ApprovedAt);

/// <summary>The allocation tables (配额分配表) by year and status, through the API's list.</summary>
[Authorize(Policy = Policies.Drc)]
public sealed class IndexModel(EventLog log) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Year { get; set; }
    [BindProperty(SupportsGet = true)] public string? Status { get; set; }
    public IReadOnlyList<AllocationTableItem> Tables { get; private set; } = [];

    public static readonly IReadOnlyList<string> Statuses =
        [AllocationTableStatuses.Computed, AllocationTableStatuses.PendingApproval, AllocationTableStatuses.Issued, AllocationTableStatuses.Rejected];

    public async Task OnGetAsync() =>
        Tables = await PortalReads.ItemsAsync<AllocationTableItem>(HttpContext, () => GetAllocationTables.List(HttpContext, log, Year, Status));
}
