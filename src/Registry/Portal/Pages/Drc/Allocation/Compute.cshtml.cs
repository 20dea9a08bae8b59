using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Mrv.EventStore;
using Mrv.EventStore.Http;
using Mrv.Registry.Allowances.Accounts;
using Mrv.Registry.Allowances.Allocation;
using Mrv.Registry.Calendar;
using Mrv.Registry.Enterprises;

namespace Mrv.Registry.Portal.Pages.Drc.Allocation;

/// <summary>
/// Computing a year's allocation table with the API's handler: for the power benchmarks, the unit
/// parameters the DRC enters for each plant of the year's covered list (reports carry the outputs,
/// not these); for the intensity benchmarks, the DRC's benchmarks of the year.
/// </summary>
[Authorize(Policy = Policies.Drc)]
public sealed class ComputeModel(EventLog log, TimeProvider time) : PageModel
{
    public sealed record Plant(Guid EnterpriseId, string Name, string CreditCode);

    [BindProperty(SupportsGet = true)] public int? Year { get; set; }
    [BindProperty(SupportsGet = true)] public string? Method { get; set; }
    public IReadOnlyList<Plant> Plants { get; private set; } = [];
    public IntensityBenchmarks? Benchmarks { get; private set; }
    public FormOutcome Outcome { get; private set; } = FormOutcome.None;
    /// <summary>The request's index of each plant row that was included, to show a unit's errors on its row.</summary>
    public IReadOnlyDictionary<int, int> UnitIndexOfRow { get; private set; } = new Dictionary<int, int>();

    public string? UnitError(int row, string field) => UnitIndexOfRow.TryGetValue(row, out var index) ? Outcome.ErrorFor($"units[{index}].{field}") : null;

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostAsync(string? phase, string? note)
    {
        await LoadAsync();
        var parse = new FormParse();
        var units = new List<PowerUnitRequest>();
        var rows = new Dictionary<int, int>();
        if (Method == AllocationMethods.PowerBenchmark)
        {
            for (var row = 0; row < Plants.Count; row++)
            {
                if (Request.Form[$"include-{row}"] != "on") continue;
                rows[row] = units.Count;
                var prefix = $"units[{units.Count}]";
                units.Add(new PowerUnitRequest(Plants[row].EnterpriseId, Request.Form[$"category-{row}"].ToString(),
                    string.IsNullOrEmpty(Request.Form[$"cooling-{row}"]) ? null : Request.Form[$"cooling-{row}"].ToString(),
                    parse.Number(Request.Form[$"loadFactor-{row}"], $"{prefix}.loadFactor") ?? 0, parse.Number(Request.Form[$"heatRatio-{row}"], $"{prefix}.heatRatio")));
            }
        }
        UnitIndexOfRow = rows;
        var request = new ComputeAllocationRequest(Year!.Value, phase ?? "", Method ?? "", Method == AllocationMethods.PowerBenchmark ? units : null, null,
            string.IsNullOrWhiteSpace(note) ? null : note.Trim());
        Outcome = await PortalCommands.RunAsync(HttpContext, request, () => ComputeAllocation.Handle(request, HttpContext, log, time), parse.Violations);
        return Outcome.Succeeded ? LocalRedirect($"/drc/allocation/{Outcome.Body!.Value.GetProperty("id").GetGuid()}") : Page();
    }

    async Task LoadAsync()
    {
        var thisYear = time.GetUtcNow().ToOffset(ComplianceCalendar.ChinaStandardTime).Year;
        Year = Year is { } asked && DataYear.IsValid(asked) ? asked : thisYear - 1;
        Method = AllocationMethods.Computed.Contains(Method ?? "") ? Method : AllocationMethods.PowerBenchmark;
        var covered = await PublicCoveredList.RowsAsync(log, Year.Value, HttpContext.RequestAborted);
        Plants = [.. covered.Where(r => r.Industry == "power").Select(r => new Plant(CreditCode.EnterpriseIdFor(r.CreditCode), r.NameZh, r.CreditCode))];
        Benchmarks = await IntensityBenchmarks.LoadAsync(log, Year.Value, HttpContext.RequestAborted);
    }
}
