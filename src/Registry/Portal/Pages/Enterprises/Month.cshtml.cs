using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Mrv.EventStore;
using Mrv.EventStore.Http;
using Mrv.Registry.Accounting;
using Mrv.Registry.Activity;
using Mrv.Registry.Calendar;
using Mrv.Registry.Monitoring;
using Mrv.Registry.Reporting;

namespace Mrv.Registry.Portal.Pages.Enterprises;

/// <summary>A month's data entry, one row per source of the approved plan, through the API's own handler.</summary>
[Authorize(Roles = Roles.Enterprise + "," + Roles.Drc + "," + Roles.League)]
public sealed class MonthModel(EventLog log, TimeProvider time) : PageModel
{
    public sealed record Row(string Code, string Name, string Unit, bool MeasuredNcv, bool MeasuredCarbon, decimal? Quantity, decimal? Ncv, decimal? CarbonContent, bool Calibrated);
    public sealed record OutputRow(string Product, string Unit, decimal? Quantity);

    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }
    [BindProperty(SupportsGet = true)] public int Year { get; set; }
    [BindProperty(SupportsGet = true)] public int Month { get; set; }
    [BindProperty(SupportsGet = true)] public bool Saved { get; set; }

    public string EnterpriseName { get; private set; } = "";
    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public IReadOnlyList<OutputRow> Outputs { get; private set; } = [];
    public MonthData? Current { get; private set; }
    public IReadOnlyList<EvidenceFile> Evidence { get; private set; } = [];
    public bool NeedsReason { get; private set; }
    public FormOutcome Outcome { get; private set; } = FormOutcome.None;
    public string? Problem { get; private set; }
    public string? EvidenceProblem { get; private set; }

    /// <summary>Whether the visitor may record the month (the API's writers); the league/city reads it.</summary>
    public bool MayRecord => User.Allows(MonitoringModule.EnterpriseOrDrc);

    public string? ErrorFor(string field) => Outcome.ErrorFor(field);

    /// <summary>What was typed (after a refused save), else the recorded figure.</summary>
    public string? Value(string field, decimal? recorded) =>
        Request.HasFormContentType && Request.Form.TryGetValue(field, out var typed) ? typed.ToString() : recorded?.ToString(CultureInfo.InvariantCulture);

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync()
    {
        if (!MayRecord) return HandlerRoles.Forbidden();
        if (!await LoadAsync()) return NotFound();
        var parse = new FormParse();
        decimal? Number(string field) => parse.Number(Request.Form, field);
        var sources = Rows.Select((row, i) => new SourceEntryRequest(row.Code, Number($"sources[{i}].quantity"), row.Unit,
            row.MeasuredNcv ? Number($"sources[{i}].ncvGjPerUnit") : null, row.MeasuredCarbon ? Number($"sources[{i}].carbonContentTcPerGj") : null,
            Request.Form[$"sources[{i}].meterCalibrated"] != "false", null)).ToList();
        var outputs = Outputs.Select((output, j) => new OutputEntryRequest(output.Product, Number($"outputs[{j}].quantity"), output.Unit)).ToList();
        var request = new RecordMonthlyDataRequest(sources, outputs, string.IsNullOrWhiteSpace(Request.Form["reason"]) ? null : Request.Form["reason"].ToString());
        Outcome = await PortalCommands.RunAsync(HttpContext, request, () => RecordMonthlyData.Handle(Id, Year, Month, request, HttpContext, log, time), parse.Violations);
        if (Outcome.Succeeded) return LocalRedirect($"/enterprises/{Id}/activity/{Year}/{Month}?saved=true");
        Problem = Outcome.Message ?? Outcome.FieldErrors.Values.SelectMany(m => m).FirstOrDefault();
        return Page();
    }

    public async Task<IActionResult> OnPostEvidenceAsync(IFormFile? file, string? kind, string? description)
    {
        if (!MayRecord) return HandlerRoles.Forbidden();
        if (!await LoadAsync()) return NotFound();
        byte[]? bytes = null;
        if (file is { Length: <= EvidenceFiles.MaxBytes })
        {
            using var buffer = new MemoryStream();
            await file.CopyToAsync(buffer, HttpContext.RequestAborted);
            bytes = buffer.ToArray();
        }
        var outcome = await PortalCommands.RunAsync(HttpContext, new object(), () =>
            AttachEvidence.AttachAsync(Id, Year, Month, HttpContext, log, time, file?.FileName, kind, description, file?.ContentType, bytes));
        if (outcome.Succeeded) return LocalRedirect($"/enterprises/{Id}/activity/{Year}/{Month}?saved=true");
        EvidenceProblem = outcome.FieldErrors.Values.SelectMany(m => m).FirstOrDefault() ?? outcome.Message;
        return Page();
    }

    async Task<bool> LoadAsync()
    {
        var (enterprise, problem) = await HttpContext.LoadEnterpriseYearAsync(log, Id, Year);
        if (problem is not null || enterprise is null || Month is < 1 or > 12) return false;
        EnterpriseName = enterprise.NameZh;
        var plan = (await MonitoringPlan.LoadAsync(log, Id, Year, ct: HttpContext.RequestAborted)).State.InForce;
        var activity = (await ActivityYear.LoadAsync(log, Id, Year, ct: HttpContext.RequestAborted)).State;
        Current = activity.MonthOf(Month);
        Evidence = activity.Evidence.Where(e => e.Month == Month).ToList();
        NeedsReason = Caller.From(User)!.IsDrc || (await AnnualReport.LoadAsync(log, Id, Year, ct: HttpContext.RequestAborted)).State.EverSubmitted;
        if (plan is null) return true;
        Rows = plan.Content.Sources.Select(source =>
        {
            var known = enterprise.SourceOf(source.SourceCode);
            var entry = Current?.Sources.FirstOrDefault(s => s.SourceCode == source.SourceCode);
            return new Row(source.SourceCode, known?.NameZh ?? source.SourceCode, known?.Unit ?? entry?.Unit ?? "",
                source.NcvMethod == DeterminationMethods.Measured, source.CarbonContentMethod == DeterminationMethods.Measured,
                entry?.Quantity, entry?.NcvGjPerUnit, entry?.CarbonContentTcPerGj, entry?.MeterCalibrated ?? true);
        }).ToList();
        Outputs = plan.Content.Products.Select(product =>
            new OutputRow(product, Products.UnitOf(product), Current?.Outputs.FirstOrDefault(o => o.Product == product)?.Quantity)).ToList();
        return true;
    }
}
