using System.Text.Json;
using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Mrv.EventStore;
using Mrv.EventStore.Http;
using Mrv.EventStore.Serialization;
using Mrv.Registry.Activity;
using Mrv.Registry.Calendar;
using Mrv.Registry.Csv;
using Mrv.Registry.Enterprises;
using Mrv.Registry.Monitoring;
using Mrv.Registry.Reporting;

namespace Mrv.Registry.Portal.Pages.Enterprises;

/// <summary>
/// A year's monthly data from a CSV file through the API's own import: every row checked against
/// the approved plan, the errors listed by row and column, and nothing recorded unless all are right.
/// </summary>
[Authorize(Roles = MonitoringModule.EnterpriseOrDrc)]
public sealed class ImportModel(EventLog log, TimeProvider time, IValidator<SourceEntryRequest> sourceValidator, IValidator<OutputEntryRequest> outputValidator)
    : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }
    [BindProperty(SupportsGet = true)] public int Year { get; set; }

    public Enterprise Enterprise { get; private set; } = Enterprise.None;
    public PlanVersion? Plan { get; private set; }
    public bool NeedsReason { get; private set; }
    public ImportMonthlyDataResult? Result { get; private set; }
    public FormOutcome Outcome { get; private set; } = FormOutcome.None;
    public IReadOnlyList<ImportRowError> Errors { get; private set; } = [];
    public string? FileError { get; private set; }

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(IFormFile? file, string? charset, string? reason)
    {
        if (!await LoadAsync()) return NotFound();
        if ((FileError = CsvForm.Missing(file)) is not null) return Page();
        Outcome = await PortalCommands.RunAsync(HttpContext, new object(), () => ImportMonthlyData.ImportAsync(Id, Year, HttpContext, log, time,
            sourceValidator, outputValidator, string.IsNullOrWhiteSpace(reason) ? null : reason.Trim(), () => CsvForm.ReadAsync(HttpContext, file!, charset)));
        if (Outcome.Status == 404) return NotFound();
        if (Outcome.Succeeded) Result = Outcome.Body!.Value.Deserialize<ImportMonthlyDataResult>(EventTypes.SerializerOptions);
        Errors = Outcome.RowErrors;
        return Page();
    }

    async Task<bool> LoadAsync()
    {
        var (enterprise, problem) = await HttpContext.LoadEnterpriseYearAsync(log, Id, Year);
        if (problem is not null || enterprise is null) return false;
        Enterprise = enterprise;
        Plan = (await MonitoringPlan.LoadAsync(log, Id, Year, ct: HttpContext.RequestAborted)).State.InForce;
        NeedsReason = Caller.From(User)!.IsDrc || (await AnnualReport.LoadAsync(log, Id, Year, ct: HttpContext.RequestAborted)).State.EverSubmitted;
        return true;
    }
}
