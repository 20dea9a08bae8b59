using Microsoft.AspNetCore.Authorization;
using Mrv.EventStore;
using Mrv.EventStore.Http;
using Mrv.Registry.Reporting;
using Mrv.Verification.Engagements;
using Mrv.Verification.Ports;

namespace Mrv.Registry.Portal.Pages.Drc;

/// <summary>A year's verified reports waiting for the DRC's determination (核定), and those determined.</summary>
[Authorize(Policy = Policies.Drc)]
public sealed class DeterminationsModel(EventLog log, IVerificationSubjects subjects, TimeProvider time) : VerificationYearModel(log, subjects, time)
{
    public IReadOnlyList<ReportSummary> Verified { get; private set; } = [];
    public IReadOnlyList<ReportSummary> Determined { get; private set; } = [];

    /// <summary>The year's engagement of an enterprise, the one not declined.</summary>
    public EngagementListItem? EngagementOf(Guid enterpriseId) =>
        Engagements.FirstOrDefault(e => e.EnterpriseId == enterpriseId && e.Status != EngagementStatuses.Declined);

    public async Task OnGetAsync()
    {
        await ChooseYearAsync();
        Task<ReportPage?> Reports(string status) => PortalReads.GetAsync<ReportPage>(HttpContext, () =>
            ListReports.Handle(HttpContext, Log, YearText, status, null, null, 1, ListReports.MaxPageSize));
        Verified = (await Reports(ReportStatuses.Verified))?.Items ?? [];
        Determined = (await Reports(ReportStatuses.Determined))?.Items ?? [];
    }
}
