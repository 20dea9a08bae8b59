using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Mrv.EventStore;
using Mrv.EventStore.Http;
using Mrv.Verification.Engagements;
using Mrv.Verification.Ports;
using Mrv.Verification.SpotChecks;

namespace Mrv.Registry.Portal.Pages.Drc;

/// <summary>The year's spot check (双随机抽查): a random sample of the signed engagements with its recorded seed, drawn once.</summary>
[Authorize(Policy = Policies.Drc)]
public sealed class SpotChecksModel(EventLog log, IVerificationSubjects subjects, TimeProvider time) : VerificationYearModel(log, subjects, time)
{
    public SpotCheck? Check { get; private set; }
    public int Signed => Engagements.Count(e => e.Status == EngagementStatuses.Signed);
    public FormOutcome Outcome { get; private set; } = FormOutcome.None;

    public EngagementListItem? EngagementOf(Guid id) => Engagements.FirstOrDefault(e => e.Id == id);

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostAsync()
    {
        var year = await VerificationYears.ChooseAsync(Year, Log, Time, HttpContext.RequestAborted);
        var parse = new FormParse();
        var request = new DrawSpotCheckRequest(parse.Integer(Request.Form, "count") ?? 0);
        Outcome = await PortalCommands.RunAsync(HttpContext, request, () => DrawSpotCheck.Handle(year, request, HttpContext, Log, Time), parse.Violations);
        if (Outcome.Succeeded) return LocalRedirect($"/drc/spot-checks?year={year}");
        await LoadAsync();
        return Page();
    }

    async Task LoadAsync()
    {
        await ChooseYearAsync();
        Check = await PortalReads.GetAsync<SpotCheck>(HttpContext, () => DrawSpotCheck.Get(DataYear, HttpContext, Log));
    }
}
