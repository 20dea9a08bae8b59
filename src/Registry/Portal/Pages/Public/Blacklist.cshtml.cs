using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Mrv.EventStore;
using Mrv.Verification.Agencies;

namespace Mrv.Registry.Portal.Pages.Public;

public sealed record BlacklistPage(DateOnly AsOf, int Total, IReadOnlyList<BlacklistEntry> Items);

/// <summary>The public blacklist of verification agencies (核查机构黑名单), as the public API publishes it.</summary>
[AllowAnonymous]
public sealed class BlacklistModel(EventLog log, TimeProvider time) : PageModel
{
    public BlacklistPage? List { get; private set; }

    public async Task OnGetAsync() =>
        List = await PortalReads.GetAsync<BlacklistPage>(HttpContext, () => PublicBlacklist.Handle(HttpContext, log, time));
}
