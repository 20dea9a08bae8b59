using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Mrv.EventStore;
using Mrv.EventStore.Http;
using Mrv.Registry.Calendar;
using Mrv.Registry.Enterprises;
using Mrv.Registry.Monitoring;

namespace Mrv.Registry.Portal.Pages.Enterprises;

/// <summary>
/// The monitoring plan (数据质量控制方案) of an enterprise-year: its versions and what the latest one
/// says, the draft's editor for the enterprise (and the DRC), and the review for the DRC and the
/// league/city. Every form runs the API's own handler, with the API's roles.
/// </summary>
[Authorize(Roles = EnterpriseAccess.ReaderRoles)]
public sealed class PlanModel(EventLog log, TimeProvider time) : PageModel
{
    /// <summary>Who reviews a plan: the API's approve and return endpoints.</summary>
    const string Reviewers = Roles.Drc + "," + Roles.League;

    /// <summary>A row of the editor: the enterprise's source, and what the draft says of it.</summary>
    public sealed record SourceRow(string Code, string Name, string Unit, PlanSource Planned);

    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }
    [BindProperty(SupportsGet = true)] public int Year { get; set; }
    [BindProperty(SupportsGet = true)] public string? Done { get; set; }

    public Enterprise Enterprise { get; private set; } = Enterprise.None;
    /// <summary>The plan as the API answers it; null while the year has none.</summary>
    public MonitoringPlan? Plan { get; private set; }
    public IReadOnlyList<SourceRow> Rows { get; private set; } = [];
    public IReadOnlyList<string> DraftProducts { get; private set; } = [];
    /// <summary>The earlier year whose plan the editor starts from, when this year has none yet.</summary>
    public int? StartsFrom { get; private set; }
    public FormState Form { get; private set; } = FormState.None;

    public PlanVersion? Latest => Plan?.Latest;
    public bool CanEdit => User.Allows(MonitoringModule.EnterpriseOrDrc) && Latest?.Status != PlanStatuses.Submitted;
    public bool CanReview => User.Allows(Reviewers) && Latest?.Status == PlanStatuses.Submitted;
    /// <summary>Whether the editor opens by itself: there is a draft to finish, or the form just sent came back.</summary>
    public bool EditorOpen => Form.Active == "edit" || Latest?.Status is null or PlanStatuses.Draft or PlanStatuses.Returned;

    public string? Notice => Done switch
    {
        "saved" => PortalText.T("草稿已保存。", "The draft is saved."),
        "submitted" => PortalText.T("监测计划已提交，等待主管部门审核。", "The plan is submitted for approval."),
        "approved" => PortalText.T("监测计划已批准，月度数据自此对照本版本录入。", "The plan is approved: monthly data are entered against this version."),
        "returned" => PortalText.T("监测计划已退回企业修改。", "The plan is returned to the enterprise."),
        _ => null,
    };

    public static string BadgeOf(string? status) => status switch
    {
        PlanStatuses.Approved => "green",
        PlanStatuses.Submitted => "yellow",
        PlanStatuses.Returned => "red",
        _ => "",
    };

    /// <summary>What was typed into a field of the form just sent, else <paramref name="fallback"/>.</summary>
    public string? Value(string field, string? fallback) => Request.Typed(field) ?? fallback;

    /// <summary>How many meter rows the editor shows for a source: those sent back, else the planned ones and a blank one for another.</summary>
    public int MeterRows(int source, PlanSource planned)
    {
        var sent = 0;
        while (Request.Typed($"sources[{source}].meters[{sent}].code") is not null) sent++;
        return sent > 0 ? sent : planned.Meters.Count + 1;
    }

    public bool ProductChosen(string product) =>
        Form.Active == "edit" ? Request.Form["products"].Contains(product) : DraftProducts.Contains(product);

    /// <summary>Errors of the return form: "reasons" as a whole, or one of them.</summary>
    public string? ReasonsError => Form.Active != "review" ? null : Form.Outcome.FieldErrors
        .Where(e => e.Key.StartsWith("reasons", StringComparison.Ordinal)).SelectMany(e => e.Value).FirstOrDefault();

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() ? Page() : NotFound();

    public Task<IActionResult> OnPostSaveAsync() => SaveAsync(submit: false);

    /// <summary>Saves what the editor holds and submits it: what the enterprise sees is what is reviewed.</summary>
    public Task<IActionResult> OnPostSubmitAsync() => SaveAsync(submit: true);

    public async Task<IActionResult> OnPostApproveAsync()
    {
        if (!User.Allows(Reviewers)) return HandlerRoles.Forbidden();
        var outcome = await PortalCommands.RunAsync(HttpContext, new object(), () => ReviewMonitoringPlan.Approve(Id, Year, HttpContext, log, time));
        return await AnsweredAsync("review", outcome, "approved");
    }

    public async Task<IActionResult> OnPostReturnAsync(string? reasons)
    {
        if (!User.Allows(Reviewers)) return HandlerRoles.Forbidden();
        var request = new ReturnMonitoringPlanRequest([.. (reasons ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)]);
        var outcome = await PortalCommands.RunAsync(HttpContext, request, () => ReviewMonitoringPlan.Return(Id, Year, request, HttpContext, log, time));
        return await AnsweredAsync("review", outcome, "returned");
    }

    async Task<IActionResult> SaveAsync(bool submit)
    {
        if (!User.Allows(MonitoringModule.EnterpriseOrDrc)) return HandlerRoles.Forbidden();
        var parse = new FormParse();
        var request = ReadPlan(parse);
        var outcome = await PortalCommands.RunAsync(HttpContext, request, () => SaveMonitoringPlan.Handle(Id, Year, request, HttpContext, log, time), parse.Violations);
        if (outcome.Succeeded && submit)
        {
            outcome = await PortalCommands.RunAsync(HttpContext, new object(), () => ReviewMonitoringPlan.Submit(Id, Year, HttpContext, log, time));
        }
        return await AnsweredAsync("edit", outcome, submit ? "submitted" : "saved");
    }

    async Task<IActionResult> AnsweredAsync(string form, FormOutcome outcome, string done)
    {
        if (outcome.Status == 404) return NotFound();
        if (outcome.Succeeded) return LocalRedirect($"/enterprises/{Id}/plans/{Year}?done={done}");
        Form = new FormState(form, outcome);
        return await LoadAsync() ? Page() : NotFound();
    }

    /// <summary>
    /// The editor's fields as the API's request. Blank meter rows after the last one filled in are
    /// the editor's spare rows and are left out; a blank row between filled ones is sent, so that its
    /// errors show by its own fields.
    /// </summary>
    SaveMonitoringPlanRequest ReadPlan(FormParse parse)
    {
        var form = Request.Form;
        string? Text(string field) => string.IsNullOrWhiteSpace(form[field]) ? null : form[field].ToString().Trim();
        var sources = new List<PlanSourceRequest>();
        for (var i = 0; form.ContainsKey($"sources[{i}].sourceCode"); i++)
        {
            var prefix = $"sources[{i}]";
            var rows = 0;
            while (form.ContainsKey($"{prefix}.meters[{rows}].code")) rows++;
            string[] meterFields = ["code", "description", "requiredAccuracy", "calibrationDueOn"];
            var used = Enumerable.Range(0, rows).LastOrDefault(j => meterFields.Any(f => Text($"{prefix}.meters[{j}].{f}") is not null), -1) + 1;
            var meters = Enumerable.Range(0, used).Select(j =>
            {
                var meter = $"{prefix}.meters[{j}]";
                return new PlanMeterRequest(Text($"{meter}.code") ?? "", Text($"{meter}.description") ?? "",
                    parse.Number(form, $"{meter}.requiredAccuracy") ?? 0, parse.Date(form, $"{meter}.calibrationDueOn") ?? default);
            }).ToList();
            sources.Add(new PlanSourceRequest(form[$"{prefix}.sourceCode"].ToString(), Text($"{prefix}.ncvMethod"), Text($"{prefix}.carbonContentMethod"),
                meters, Text($"{prefix}.sampling"), Text($"{prefix}.testing"), Text($"{prefix}.crossCheck")));
        }
        return new SaveMonitoringPlanRequest(sources, [.. form["products"].Where(p => !string.IsNullOrWhiteSpace(p)).Select(p => p!)]);
    }

    async Task<bool> LoadAsync()
    {
        var (enterprise, problem) = await HttpContext.LoadEnterpriseYearAsync(log, Id, Year);
        if (problem is not null || enterprise is null) return false;
        Enterprise = enterprise;
        Plan = await PortalReads.GetAsync<MonitoringPlan>(HttpContext, () => GetMonitoringPlan.Handle(Id, Year, HttpContext, log));

        var draft = Plan?.Latest?.Content;
        for (var earlier = Year - 1; draft is null && earlier >= Math.Max(DataYear.First, Year - 3); earlier--)
        {
            if ((await MonitoringPlan.LoadAsync(log, Id, earlier, ct: HttpContext.RequestAborted)).State.Latest is { } previous)
            {
                (draft, StartsFrom) = (previous.Content, earlier);
            }
        }
        draft ??= new PlanContent([], []);
        var unplanned = enterprise.Sources.Where(s => SaveMonitoringPlan.IsOpenIn(s, Year) && draft.SourceOf(s.Code) is null)
            .Select(s => new PlanSource(s.Code, DeterminationMethods.Default, DeterminationMethods.Default, [], null, null, null));
        Rows = [.. draft.Sources.Concat(unplanned).Select(planned =>
        {
            var source = enterprise.SourceOf(planned.SourceCode);
            var name = PortalText.IsEnglish && source?.NameEn is { } en ? en : source?.NameZh ?? planned.SourceCode;
            return new SourceRow(planned.SourceCode, name, source?.Unit ?? "", planned);
        })];
        DraftProducts = draft.Products;
        return true;
    }
}
