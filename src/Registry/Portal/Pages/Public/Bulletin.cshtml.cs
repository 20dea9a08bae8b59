using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Mrv.EventStore;
using Mrv.Registry.DualControl.Assessment;
using Mrv.Registry.DualControl.Targets;

namespace Mrv.Registry.Portal.Pages.Public;

[AllowAnonymous]
public sealed class BulletinModel(EventLog log) : PageModel
{
    [BindProperty(SupportsGet = true)] public int? Year { get; set; }
    public RegionalBulletin? Bulletin { get; private set; }

    public async Task OnGetAsync()
    {
        var periods = await GetTargets.AllAsync(log, HttpContext.RequestAborted);
        var period = Year is { } asked ? periods.LastOrDefault(p => p.Years.Covers(asked)) : periods.LastOrDefault();
        if (period is null) return;
        Bulletin = await PublicBulletin.BuildAsync(log, period, Year ?? period.TargetYear, HttpContext.RequestAborted);
    }
}
