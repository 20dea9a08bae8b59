using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Mrv.EventStore;
using Mrv.Registry.Calendar;
using Mrv.Registry.Documents;
using Mrv.Registry.Enterprises;

namespace Mrv.Registry.Portal.Pages.Public;

[AllowAnonymous]
public sealed class CoveredListModel(EventLog log, DocumentIssuer issuer, TimeProvider time) : PageModel
{
    [BindProperty(SupportsGet = true)] public int? Year { get; set; }
    public IReadOnlyList<int> Years { get; private set; } = [];
    public IReadOnlyList<CoveredListRow> Rows { get; private set; } = [];
    public IReadOnlyList<IssuedDocument> Issued { get; private set; } = [];

    public async Task OnGetAsync()
    {
        // The list of a year is published during the next year; the last three years are offered.
        var current = time.GetUtcNow().ToOffset(DocumentHelpers.ChinaStandardTime).Year;
        Years = Enumerable.Range(current - 3, 4).Reverse().ToList();
        Year = Year is { } asked && DataYear.IsValid(asked) ? asked : current - 1;
        Rows = await PublicCoveredList.RowsAsync(log, Year.Value, HttpContext.RequestAborted);
        Issued = await issuer.ListAsync(CoveredListNotice.Subject(Year.Value), HttpContext.RequestAborted);
    }
}
