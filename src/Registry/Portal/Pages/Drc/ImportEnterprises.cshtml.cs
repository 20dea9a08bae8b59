using System.Text.Json;
using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Mrv.EventStore;
using Mrv.EventStore.Http;
using Mrv.EventStore.Serialization;
using Mrv.Registry.Csv;
using Mrv.Registry.Enterprises;

namespace Mrv.Registry.Portal.Pages.Drc;

/// <summary>The CSV import form: the API's own import, its row errors shown as a table.</summary>
[Authorize(Policy = Policies.Drc)]
public sealed class ImportEnterprisesModel(EventLog log, IValidator<RegisterEnterpriseRequest> registration,
    IValidator<IncludeInCoveredListRequest> inclusion, TimeProvider time) : PageModel
{
    public ImportResult? Result { get; private set; }
    public IReadOnlyList<ImportRowError> Errors { get; private set; } = [];
    public string? Problem { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(IFormFile? file, string? charset)
    {
        if (CsvForm.Missing(file) is { } missing)
        {
            Problem = missing;
            return Page();
        }
        var (text, unreadable) = await CsvForm.ReadAsync(HttpContext, file!, charset);
        var outcome = await PortalCommands.RunAsync(HttpContext, new object(),
            () => unreadable is not null ? Task.FromResult(unreadable) : ImportEnterprises.ImportAsync(HttpContext, log, registration, inclusion, time, text!));
        if (outcome.Succeeded)
        {
            Result = outcome.Body!.Value.Deserialize<ImportResult>(EventTypes.SerializerOptions);
            return Page();
        }
        Problem = outcome.Message;
        Errors = outcome.RowErrors;
        return Page();
    }
}
