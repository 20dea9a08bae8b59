using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Mrv.EventStore;
using Mrv.EventStore.Http;
using Mrv.Registry.Portal.Pages.Verification;
using Mrv.Verification.Engagements;
using Mrv.Verification.Ports;
using Mrv.Verification.SpotChecks;

namespace Mrv.Registry.Portal.Pages.Drc;

/// <summary>The year's spot check (双随机抽查): a random sample of the signed engagements with its recorded seed, drawn once.</summary>
[Authorize(Policy = Policies.Drc)]
public sealed class SpotChecksModel(EventLog log, IVerificationSubjects subjects, TimeProvider time) : PageModel
{
    [BindProperty(SupportsGet = true)] public int? Year { get; set; }

    public int DataYear { get; private set; }
    public IReadOnlyList<int> Years => VerificationYears.Recent(time);
    public SpotCheck? Check { get; private set; }
    public IReadOnlyDictionary<Guid, EngagementListItem> Engagements { get; private set; } = new Dictionary<Guid, EngagementListItem>();
    public int Signed => Engagements.Values.Count(e => e.Status == EngagementStatuses.Signed);
    public FormOutcome Outcome { get; private set; } = FormOutcome.None;

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostAsync()
    {
        DataYear = await VerificationYears.ChooseAsync(Year, log, time, HttpContext.RequestAborted);
        var parse = new FormParse();
        var request = new DrawSpotCheckRequest(parse.Integer(Request.Form, "count") ?? 0);
        Outcome = await PortalCommands.RunAsync(HttpContext, request, () => DrawSpotCheck.Handle(DataYear, request, HttpContext, log, time), parse.Violations);
        if (Outcome.Succeeded) return LocalRedirect($"/drc/spot-checks?year={DataYear}");
        await LoadAsync();
        return Page();
    }

    async Task LoadAsync()
    {
        DataYear = await VerificationYears.ChooseAsync(Year, log, time, HttpContext.RequestAborted);
        Check = await PortalCommands.ReadAsync<SpotCheck>(HttpContext, () => DrawSpotCheck.Get(DataYear, HttpContext, log));
        var list = await PortalCommands.ReadAsync<EngagementPage>(HttpContext, () => ListEngagements.List(HttpContext, log, subjects, time,
            DataYear.ToString(CultureInfo.InvariantCulture), null, null, null, null, 1, ListEngagements.MaxPageSize));
        Engagements = (list?.Items ?? []).ToDictionary(e => e.Id);
    }
}
