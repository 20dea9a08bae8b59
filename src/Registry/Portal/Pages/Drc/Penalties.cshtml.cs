using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Mrv.EventStore;
using Mrv.EventStore.Http;
using Mrv.Registry.Allowances.Penalties;
using Mrv.Registry.Calendar;

namespace Mrv.Registry.Portal.Pages.Drc;

/// <summary>A year's penalty cases (处罚案件) through the API's list; the DRC may open the cases of a past deadline (the daily job does too).</summary>
[Authorize(Policy = Policies.DrcOrLeague)]
public sealed class PenaltiesModel(EventLog log, CommandWriter writer, TimeProvider time) : PageModel
{
    [BindProperty(SupportsGet = true)] public int? Year { get; set; }
    [BindProperty(SupportsGet = true)] public int? Opened { get; set; }
    public IReadOnlyList<int> Years { get; private set; } = [];
    public IReadOnlyList<PenaltyCase> Cases { get; private set; } = [];
    public FormOutcome Outcome { get; private set; } = FormOutcome.None;
    public bool IsDrc => Caller.From(User)?.IsDrc == true;

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostOpenAsync()
    {
        await LoadAsync();
        if (!IsDrc) return StatusCode(StatusCodes.Status403Forbidden);
        Outcome = await PortalCommands.RunAsync(HttpContext, new { Year }, () => OpenPenaltyCases.Handle(Year!.Value, HttpContext, log, writer, time));
        if (Outcome.Succeeded) return LocalRedirect($"/drc/penalties?year={Year}&opened={Outcome.Body!.Value.GetProperty("opened").GetInt32()}");
        return Page();
    }

    async Task LoadAsync()
    {
        var thisYear = time.GetUtcNow().ToOffset(ComplianceCalendar.ChinaStandardTime).Year;
        Years = Enumerable.Range(thisYear - 4, 4).Reverse().ToList();
        Year = Year is { } asked && DataYear.IsValid(asked) ? asked : thisYear - 2;
        var year = Year.Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Cases = await PortalReads.ItemsAsync<PenaltyCase>(HttpContext, () => DecidePenalty.List(HttpContext, log, year));
    }
}
