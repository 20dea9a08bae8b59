using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Mrv.EventStore;
using Mrv.EventStore.Http;
using Mrv.Verification.Agencies;
using Mrv.Verification.Assignment;

namespace Mrv.Registry.Portal.Pages.Drc;

/// <summary>The verification agencies (第三方核查机构): standing today, scope, cap, people, and any suspension or blacklisting.</summary>
[Authorize(Policy = Policies.Drc)]
public sealed class AgenciesModel(EventLog log, TimeProvider time) : PageModel
{
    public sealed record Row(AgencyListItem Item, Agency Agency);

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var now = time.GetUtcNow();
        Rows = [.. (await Assigning.AgenciesAsync(log, HttpContext.RequestAborted))
            .OrderBy(a => a.NameZh, StringComparer.Ordinal)
            .Select(a => new Row(AgencyListItem.Of(a, now), a))];
    }
}
