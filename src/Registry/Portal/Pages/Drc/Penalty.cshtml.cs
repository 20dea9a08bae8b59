using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Mrv.EventStore;
using Mrv.EventStore.Http;
using Mrv.Registry.Allowances.Accounts;
using Mrv.Registry.Allowances.Penalties;

namespace Mrv.Registry.Portal.Pages.Drc;

/// <summary>
/// One penalty case: the shortfall, the market price of the month before the deadline and the fine
/// the DRC decides within 5–10 × price × shortfall — both forms through the API's handlers, a fine
/// outside the range refused by the case's own rule and shown by the field.
/// </summary>
[Authorize(Roles = AccountAccess.ReaderRoles)]
public sealed class PenaltyModel(EventLog log, TimeProvider time) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid EnterpriseId { get; set; }
    [BindProperty(SupportsGet = true)] public int Year { get; set; }
    [BindProperty(SupportsGet = true)] public string? Done { get; set; }
    public PenaltyCase Case { get; private set; } = PenaltyCase.None;
    /// <summary>Which form was sent (price or fine) and what came of it.</summary>
    public FormState Form { get; private set; } = FormState.None;
    public bool IsDrc => Caller.From(User)?.IsDrc == true;

    /// <summary>A field's error; a refused rule is shown by the form's main field.</summary>
    public string? ErrorFor(string form, string field, bool main = false) =>
        Form.ErrorFor(form, field) ?? (main && Form.Outcome.Status == StatusCodes.Status409Conflict ? Form.ProblemFor(form) : null);

    public string? Typed(string form, string field) => Form.Active == form ? Request.Typed(field) : null;

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() ? Page() : NotFound();

    public async Task<IActionResult> OnPostPriceAsync(string? averagePriceYuan, string? source)
    {
        if (!await LoadAsync()) return NotFound();
        var parse = new FormParse();
        var request = new RecordMarketPriceRequest(parse.Number(averagePriceYuan, "averagePriceYuan") ?? 0, source?.Trim() ?? "");
        return await DecideAsync("price", parse, request, () => DecidePenalty.RecordPrice(EnterpriseId, Year, request, HttpContext, log, time));
    }

    public async Task<IActionResult> OnPostFineAsync(string? fineYuan, string? reason)
    {
        if (!await LoadAsync()) return NotFound();
        var parse = new FormParse();
        var request = new DecideFineRequest(parse.Number(fineYuan, "fineYuan") ?? 0, string.IsNullOrWhiteSpace(reason) ? null : reason.Trim());
        return await DecideAsync("fine", parse, request, () => DecidePenalty.DecideFine(EnterpriseId, Year, request, HttpContext, log, time));
    }

    async Task<IActionResult> DecideAsync<TRequest>(string form, FormParse parse, TRequest request, Func<Task<IResult>> handler) where TRequest : class
    {
        var outcome = await PortalCommands.RunAsync(HttpContext, request, handler, parse.Violations);
        if (outcome.Succeeded) return LocalRedirect($"/drc/penalties/{EnterpriseId}/{Year}?done={form}");
        Form = new FormState(form, outcome);
        return Page();
    }

    async Task<bool> LoadAsync()
    {
        var found = await PortalReads.GetAsync<PenaltyCase>(HttpContext, () => DecidePenalty.Get(EnterpriseId, Year, HttpContext, log));
        if (found is null) return false;
        Case = found;
        return true;
    }
}
