using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Mrv.EventStore;
using Mrv.EventStore.Http;
using Mrv.Registry.Portal.Pages.Verification;
using Mrv.Registry.Reporting;
using Mrv.Verification.Engagements;
using Mrv.Verification.Ports;

namespace Mrv.Registry.Portal.Pages.Drc;

/// <summary>A year's verified reports waiting for the DRC's determination (核定), and those determined.</summary>
[Authorize(Policy = Policies.Drc)]
public sealed class DeterminationsModel(EventLog log, IVerificationSubjects subjects, TimeProvider time) : PageModel
{
    [BindProperty(SupportsGet = true)] public int? Year { get; set; }

    public int DataYear { get; private set; }
    public IReadOnlyList<int> Years => VerificationYears.Recent(time);
    public IReadOnlyList<ReportSummary> Verified { get; private set; } = [];
    public IReadOnlyList<ReportSummary> Determined { get; private set; } = [];
    /// <summary>The year's engagement of each enterprise that was not declined.</summary>
    public IReadOnlyDictionary<Guid, EngagementListItem> Engagements { get; private set; } = new Dictionary<Guid, EngagementListItem>();

    public async Task OnGetAsync()
    {
        DataYear = await VerificationYears.ChooseAsync(Year, log, time, HttpContext.RequestAborted);
        var year = DataYear.ToString(CultureInfo.InvariantCulture);
        Task<ReportPage?> Reports(string status) => PortalCommands.ReadAsync<ReportPage>(HttpContext, () =>
            ListReports.Handle(HttpContext, log, year, status, null, null, 1, ListReports.MaxPageSize));
        Verified = (await Reports(ReportStatuses.Verified))?.Items ?? [];
        Determined = (await Reports(ReportStatuses.Determined))?.Items ?? [];
        var engagements = await PortalCommands.ReadAsync<EngagementPage>(HttpContext, () =>
            ListEngagements.List(HttpContext, log, subjects, time, year, null, null, null, null, 1, ListEngagements.MaxPageSize));
        Engagements = (engagements?.Items ?? []).Where(e => e.Status != EngagementStatuses.Declined).ToDictionary(e => e.EnterpriseId);
    }
}
