using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Mrv.EventStore;
using Mrv.EventStore.Http;
using Mrv.Registry.Allowances.Compliance;
using Mrv.Registry.Calendar;

namespace Mrv.Registry.Portal.Pages.Drc;

/// <summary>GET /api/v1/compliance/{year} as the board answers it.</summary>
public sealed record ComplianceBoardView(int Year, DateOnly SurrenderDue, int Total, IReadOnlyList<ComplianceRow> Items);

/// <summary>
/// The compliance board (履约) of a year through the API's board — every covered enterprise for the
/// DRC, a league's own for a league — with the DRC's filter by league/city and by status.
/// </summary>
[Authorize(Policy = Policies.DrcOrLeague)]
public sealed class ComplianceModel(EventLog log, TimeProvider time) : PageModel
{
    [BindProperty(SupportsGet = true)] public int? Year { get; set; }
    [BindProperty(SupportsGet = true)] public string? League { get; set; }
    [BindProperty(SupportsGet = true)] public string? Status { get; set; }
    public IReadOnlyList<int> Years { get; private set; } = [];
    public ComplianceBoardView? Board { get; private set; }
    /// <summary>The rows of the chosen league/city, before the status filter: what the counts count.</summary>
    public IReadOnlyList<ComplianceRow> InLeague { get; private set; } = [];
    public IReadOnlyList<ComplianceRow> Rows { get; private set; } = [];
    public bool IsDrc => Caller.From(User)?.IsDrc == true;

    public async Task OnGetAsync()
    {
        var thisYear = time.GetUtcNow().ToOffset(ComplianceCalendar.ChinaStandardTime).Year;
        Years = Enumerable.Range(thisYear - 4, 4).Reverse().ToList();
        Year = Year is { } asked && DataYear.IsValid(asked) ? asked : thisYear - 1;
        Board = await PortalReads.GetAsync<ComplianceBoardView>(HttpContext, () => ComplianceBoard.Board(Year.Value, HttpContext, log));
        InLeague = Board?.Items.Where(r => string.IsNullOrEmpty(League) || r.LeagueCode == League).ToList() ?? [];
        Rows = InLeague.Where(r => string.IsNullOrEmpty(Status) || r.Status == Status).ToList();
    }

    public string FilterLink(string? status) =>
        $"/drc/compliance?year={Year}&league={Uri.EscapeDataString(League ?? "")}&status={Uri.EscapeDataString(status ?? "")}";
}
