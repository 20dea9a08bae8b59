using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Mrv.EventStore;
using Mrv.EventStore.Http;
using Mrv.EventStore.Serialization;
using Mrv.Registry.Reporting;
using Mrv.Registry.Portal.Pages.Verification;
using Mrv.Verification.Assignment;
using Mrv.Verification.Engagements;
using Mrv.Verification.Ports;

namespace Mrv.Registry.Portal.Pages.Drc;

public sealed record ReportPage(long Total, IReadOnlyList<ReportSummary> Items);

public sealed record BatchResult(int Year, int Assigned, int AlreadyAssigned, int NotAssigned, IReadOnlyList<BatchItem> Items);

/// <summary>
/// A year's assignments (核查分配): the submitted reports no agency holds yet, each with its
/// eligibility and draw; the batch that draws for all of them; and how far the year's engagements are.
/// </summary>
[Authorize(Policy = Policies.Drc)]
public sealed class AssignmentsModel(EventLog log, CommandWriter writer, IVerificationSubjects subjects, TimeProvider time) : PageModel
{
    [BindProperty(SupportsGet = true)] public int? Year { get; set; }

    public int DataYear { get; private set; }
    public IReadOnlyList<int> Years => VerificationYears.Recent(time);
    public IReadOnlyList<ReportSummary> Awaiting { get; private set; } = [];
    public IReadOnlyList<EngagementListItem> Engagements { get; private set; } = [];
    public BatchResult? Batch { get; private set; }
    public string? Problem { get; private set; }

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostBatchAsync()
    {
        DataYear = await VerificationYears.ChooseAsync(Year, log, time, HttpContext.RequestAborted);
        var outcome = await PortalCommands.RunAsync(HttpContext, new object(), () => AssignYear.Handle(DataYear, HttpContext, writer, subjects, time));
        if (outcome.Succeeded) Batch = outcome.Body!.Value.Deserialize<BatchResult>(EventTypes.SerializerOptions);
        else Problem = outcome.Message;
        await LoadAsync();
        return Page();
    }

    async Task LoadAsync()
    {
        var ct = HttpContext.RequestAborted;
        DataYear = await VerificationYears.ChooseAsync(Year, log, time, ct);
        var year = DataYear.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var submitted = await PortalCommands.ReadAsync<ReportPage>(HttpContext, () =>
            ListReports.Handle(HttpContext, log, year, ReportStatuses.Submitted, null, null, 1, ListReports.MaxPageSize));
        var assigned = (await log.Documents.QueryAsync<AgencyAssignment>(new DocumentQuery { Contains = new { year = DataYear }, Limit = 100_000 }, ct)).Items
            .Where(d => d.Data.CurrentAgencyId is not null).Select(d => d.Data.EnterpriseId).ToHashSet();
        Awaiting = [.. (submitted?.Items ?? []).Where(r => !assigned.Contains(r.EnterpriseId))];
        Engagements = (await PortalCommands.ReadAsync<EngagementPage>(HttpContext, () =>
            ListEngagements.List(HttpContext, log, subjects, time, year, null, null, null, null, 1, ListEngagements.MaxPageSize)))?.Items ?? [];
    }
}
