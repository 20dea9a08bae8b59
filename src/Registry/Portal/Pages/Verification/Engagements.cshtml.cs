using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Mrv.EventStore;
using Mrv.EventStore.Http;
using Mrv.Verification.Engagements;
using Mrv.Verification.Ports;

namespace Mrv.Registry.Portal.Pages.Verification;

public sealed record EngagementPage(long Total, int Page, int PageSize, IReadOnlyList<EngagementListItem> Items);

/// <summary>
/// The engagement queue (核查任务): a verifier's are their agency's, the DRC's every one, a
/// league/city's those of its enterprises — the API's own list, with its deadline and overdue flag.
/// </summary>
[Authorize(Policy = Policies.AnyUser)]
public sealed class EngagementsModel(EventLog log, IVerificationSubjects subjects, TimeProvider time) : PageModel
{
    public const int PageSize = 100;

    [BindProperty(SupportsGet = true)] public string? Year { get; set; }
    [BindProperty(SupportsGet = true)] public string? Status { get; set; }
    [BindProperty(SupportsGet = true)] public bool? Overdue { get; set; }
    [BindProperty(SupportsGet = true, Name = "page")] public int PageNumber { get; set; } = 1;

    public EngagementPage? Result { get; private set; }
    public bool ShowsAgency => Caller.From(User)?.Role != Roles.Verifier;

    public async Task OnGetAsync()
    {
        if (string.IsNullOrWhiteSpace(Year)) Year = null;
        if (string.IsNullOrWhiteSpace(Status)) Status = null;
        Result = await PortalReads.GetAsync<EngagementPage>(HttpContext, () =>
            ListEngagements.List(HttpContext, log, subjects, time, Year, Status, null, null, Overdue, PageNumber, PageSize));
    }

    public IReadOnlyList<int> Years => VerificationYears.Recent(time);

    public string PageLink(int page) => QueryString.Create(new Dictionary<string, string?>
    {
        ["year"] = Year, ["status"] = Status, ["overdue"] = Overdue?.ToString(CultureInfo.InvariantCulture).ToLowerInvariant(),
        ["page"] = page.ToString(CultureInfo.InvariantCulture),
    }.Where(p => p.Value is not null)).ToUriComponent();
}
