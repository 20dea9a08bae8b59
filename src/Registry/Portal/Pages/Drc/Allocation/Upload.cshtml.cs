using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Mrv.EventStore;
using Mrv.EventStore.Http;
using Mrv.Registry.Allowances.Allocation;
using Mrv.Registry.Calendar;
using Mrv.Registry.Csv;

namespace Mrv.Registry.Portal.Pages.Drc.Allocation;

/// <summary>
/// Uploading an allocation table computed elsewhere: the API's upload, all rows or none, its row
/// errors shown as a table. The uploaded table is reviewed and approved like a computed one.
/// </summary>
[Authorize(Policy = Policies.Drc)]
public sealed class UploadModel(EventLog log, TimeProvider time) : PageModel
{
    public int DefaultYear => time.GetUtcNow().ToOffset(ComplianceCalendar.ChinaStandardTime).Year - 1;
    public FormOutcome Outcome { get; private set; } = FormOutcome.None;

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(IFormFile? file, string? year, string? phase, string? charset)
    {
        if (CsvForm.Missing(file) is { } missing)
        {
            Outcome = new FormOutcome(false, 400, null, new Dictionary<string, string[]> { ["file"] = [missing] }, null);
            return Page();
        }
        using var buffer = new MemoryStream();
        await file!.CopyToAsync(buffer, HttpContext.RequestAborted);
        // The API's handler reads the CSV from the request body, as a client sends it: the form's file
        // becomes that body, labelled with the character set the form names.
        buffer.Position = 0;
        HttpContext.Request.Body = buffer;
        HttpContext.Request.ContentType = string.IsNullOrWhiteSpace(charset) ? "text/csv" : $"text/csv; charset={charset}";
        Outcome = await PortalCommands.RunAsync(HttpContext, new object(), () => UploadAllocation.Handle(HttpContext, log, time, year, phase));
        return Outcome.Succeeded ? LocalRedirect($"/drc/allocation/{Outcome.Body!.Value.GetProperty("id").GetGuid()}") : Page();
    }
}
