using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Mrv.EventStore;
using Mrv.Registry.Allowances.Compliance;
using Mrv.Registry.Calendar;

namespace Mrv.Registry.Portal.Pages.Public;

/// <summary>GET /api/v1/public/compliance/{year} as it answers: nothing before the year's surrender deadline has passed.</summary>
public sealed record PublicComplianceView(int Year, bool Published, DateTimeOffset PublishedFrom, int Total, IReadOnlyList<PublicComplianceRow> Items);

/// <summary>Each covered enterprise's compliance status, published by the API once the year's deadline is over.</summary>
[AllowAnonymous]
public sealed class ComplianceModel(EventLog log, TimeProvider time) : PageModel
{
    [BindProperty(SupportsGet = true)] public int? Year { get; set; }
    public IReadOnlyList<int> Years { get; private set; } = [];
    public PublicComplianceView? Board { get; private set; }

    public async Task OnGetAsync()
    {
        var thisYear = time.GetUtcNow().ToOffset(ComplianceCalendar.ChinaStandardTime).Year;
        Years = Enumerable.Range(thisYear - 4, 4).Reverse().ToList();
        if (Year is { } asked && DataYear.IsValid(asked))
        {
            Board = await PublishedAsync(asked);
            return;
        }
        // Without a choice, the latest year the registry has published.
        foreach (var year in Years)
        {
            Board = await PublishedAsync(year);
            if (Board?.Published == true) break;
        }
        Year = Board?.Year;
    }

    Task<PublicComplianceView?> PublishedAsync(int year) => PortalReads.GetAsync<PublicComplianceView>(HttpContext, () => ComplianceBoard.Public(year, HttpContext, log, time));
}
