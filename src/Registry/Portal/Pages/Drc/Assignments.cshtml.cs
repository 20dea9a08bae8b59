using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Mrv.EventStore;
using Mrv.EventStore.Http;
using Mrv.EventStore.Serialization;
using Mrv.Registry.Reporting;
using Mrv.Verification.Assignment;
using Mrv.Verification.Ports;

namespace Mrv.Registry.Portal.Pages.Drc;

public sealed record ReportPage(long Total, IReadOnlyList<ReportSummary> Items);

public sealed record BatchResult(int Year, int Assigned, int AlreadyAssigned, int NotAssigned, IReadOnlyList<BatchItem> Items);

/// <summary>
/// A year's assignments (核查分配): the submitted reports no agency holds yet, each with its
/// eligibility and draw; the batch that draws for all of them; and how far the year's engagements are.
/// </summary>
[Authorize(Policy = Policies.Drc)]
public sealed class AssignmentsModel(EventLog log, CommandWriter writer, IVerificationSubjects subjects, TimeProvider time)
    : VerificationYearModel(log, subjects, time)
{
    public IReadOnlyList<ReportSummary> Awaiting { get; private set; } = [];
    public BatchResult? Batch { get; private set; }
    public string? Problem { get; private set; }

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostBatchAsync()
    {
        var year = await VerificationYears.ChooseAsync(Year, Log, Time, HttpContext.RequestAborted);
        var outcome = await PortalCommands.RunAsync(HttpContext, new object(), () => AssignYear.Handle(year, HttpContext, writer, Subjects, Time));
        if (outcome.Succeeded) Batch = outcome.Body!.Value.Deserialize<BatchResult>(EventTypes.SerializerOptions);
        else Problem = outcome.Message;
        await LoadAsync();
        return Page();
    }

    async Task LoadAsync()
    {
        await ChooseYearAsync();
        var submitted = await PortalReads.GetAsync<ReportPage>(HttpContext, () =>
            ListReports.Handle(HttpContext, Log, YearText, ReportStatuses.Submitted, null, null, 1, ListReports.MaxPageSize));
        var assigned = (await Log.Documents.QueryAsync<AgencyAssignment>(new DocumentQuery { Contains = new { year = DataYear }, Limit = 100_000 }, HttpContext.RequestAborted))
            .Items.Where(d => d.Data.CurrentAgencyId is not null).Select(d => d.Data.EnterpriseId).ToHashSet();
        Awaiting = [.. (submitted?.Items ?? []).Where(r => !assigned.Contains(r.EnterpriseId))];
    }
}
