using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Mrv.EventStore;
using Mrv.EventStore.Http;
using Mrv.Registry.Activity;
using Mrv.Registry.Calendar;
using Mrv.Registry.Documents;
using Mrv.Registry.Enterprises;
using Mrv.Registry.Monitoring;
using Mrv.Registry.Reporting;
using EngagementStatuses = Mrv.Verification.Engagements.EngagementStatuses;
using EngagementView = Mrv.Verification.Engagements.EngagementView;
using Mrv.Verification.Ports;

namespace Mrv.Registry.Portal.Pages.Enterprises;

/// <summary>
/// One enterprise, for those who may see it (others get a 404, as from the API): for its own staff
/// the dashboard of a year — what is due, what is recorded, the report, the monthly emissions.
/// </summary>
[Authorize(Roles = EnterpriseAccess.ReaderRoles)]
public sealed class DetailModel(EventLog log, IVerificationSubjects subjects, TimeProvider time) : PageModel
{
    public sealed record MonthStatus(int Month, DateOnly DueOn, bool Recorded, bool Late, bool Overdue, bool Begun);

    [BindProperty(SupportsGet = true)] public int? Year { get; set; }

    public Enterprise? Enterprise { get; private set; }
    public int DataYear { get; private set; }
    public IReadOnlyList<int> Years { get; private set; } = [];
    public bool PlanApproved { get; private set; }
    /// <summary>The data year's monitoring plan, every version of it.</summary>
    public MonitoringPlan Plan { get; private set; } = MonitoringPlan.None;
    public int ThisYear { get; private set; }
    public bool MayRecord => Caller.From(User)?.Role is Roles.Enterprise or Roles.Drc;
    public IReadOnlyList<MonthStatus> Months { get; private set; } = [];
    public ReportView? Report { get; private set; }
    public ComplianceCalendar? Calendar { get; private set; }
    public ChartModel? Chart { get; private set; }
    /// <summary>The engagement on the year's report (the one that was not declined, when there are several).</summary>
    public EngagementView? Verification { get; private set; }
    public int OpenFindings { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        var document = await HttpContext.LoadVisibleAsync(log, id);
        if (document is null) return NotFound();
        Enterprise = document.Data;
        var now = time.GetUtcNow();
        var thisYear = now.ToOffset(ComplianceCalendar.ChinaStandardTime).Year;
        Years = Enumerable.Range(thisYear - 3, 4).Reverse().ToList();
        // Without a choice, the latest year whose monitoring plan exists: where the work is.
        DataYear = Year is { } asked && Mrv.Registry.Calendar.DataYear.IsValid(asked) ? asked : await LatestPlannedYearAsync(id, Years) ?? thisYear;

        // This year's and last year's inputs in one round trip: the month table, the report and the chart come from them.
        var years = await ReportAssembler.LoadAsync(log, id, Mrv.Registry.Calendar.DataYear.IsValid(DataYear - 1) ? [DataYear, DataYear - 1] : [DataYear],
            null, HttpContext.RequestAborted);
        if (!years.TryGetValue(DataYear, out var sources)) return NotFound();
        ThisYear = thisYear;
        Plan = sources.Plan.State;
        PlanApproved = Plan.InForce is not null;
        Calendar = sources.Calendar.State;
        var activity = sources.Activity.State;
        Months = Enumerable.Range(1, 12).Select(m =>
        {
            var data = activity.MonthOf(m);
            var due = Calendar.MonthlyDataDueOn(m);
            return new MonthStatus(m, due, data is not null, data?.Late == true, data is null && ComplianceCalendar.IsLate(due, now),
                RecordingContext.HasBegun(DataYear, m, now));
        }).ToList();

        Report = GetReport.ViewOf(sources, null);
        var engagements = await VerificationOf.EnterpriseAsync(HttpContext, log, subjects, time, id);
        OpenFindings = engagements.Sum(v => v.Engagement.OpenFindings);
        Verification = engagements.Where(v => v.Engagement.Year == DataYear).OrderBy(v => v.Engagement.Status == EngagementStatuses.Declined).FirstOrDefault();
        var previous = years.TryGetValue(DataYear - 1, out var last) ? GetReport.ViewOf(last, null) : null;
        var zh = !PortalText.IsEnglish;
        decimal? MonthOf(ReportView? view, int m) => view?.Calculation.ByMonth.FirstOrDefault(x => x.Month == m)?.Tco2;
        Chart = new ChartModel(
            zh ? $"月度排放量：{DataYear}年与{DataYear - 1}年" : $"Monthly emissions, {DataYear} and {DataYear - 1}",
            zh ? "吨CO₂" : "t CO₂",
            [.. Enumerable.Range(1, 12).Select(m => zh ? $"{m}月" : m.ToString("00", System.Globalization.CultureInfo.InvariantCulture))],
            [
                new ChartSeries(DataYear.ToString(System.Globalization.CultureInfo.InvariantCulture), [.. Enumerable.Range(1, 12).Select(m => MonthOf(Report, m))]),
                new ChartSeries((DataYear - 1).ToString(System.Globalization.CultureInfo.InvariantCulture), [.. Enumerable.Range(1, 12).Select(m => MonthOf(previous, m))]),
            ]);
        return Page();
    }

    /// <summary>The latest of the years whose monitoring plan has a version, from the plans' streams read in one round trip.</summary>
    async Task<int?> LatestPlannedYearAsync(Guid id, IReadOnlyList<int> years)
    {
        var plans = await log.ReadStreamsAsync([.. years.Select(y => MonitoringPlan.StreamId(id, y))], ct: HttpContext.RequestAborted);
        foreach (var year in years)
        {
            var stream = MonitoringPlan.StreamId(id, year);
            if (EventLog.Fold(stream, plans.GetValueOrDefault(stream), MonitoringPlan.None, MonitoringPlan.Evolve).State.Versions.Count > 0) return year;
        }
        return null;
    }
}
