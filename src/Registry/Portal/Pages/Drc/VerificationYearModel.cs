using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Mrv.EventStore;
using Mrv.Registry.Portal.Pages.Verification;
using Mrv.Verification.Engagements;
using Mrv.Verification.Ports;

namespace Mrv.Registry.Portal.Pages.Drc;

/// <summary>A DRC verification page about one data year: the year asked for, else the latest being verified, with that year's engagements.</summary>
public abstract class VerificationYearModel(EventLog log, IVerificationSubjects subjects, TimeProvider time) : PageModel
{
    [BindProperty(SupportsGet = true)] public int? Year { get; set; }

    public int DataYear { get; private set; }
    public IReadOnlyList<int> Years => VerificationYears.Recent(Time);
    /// <summary>The year's engagements, as the API lists them (deadline, overdue flag, report status).</summary>
    public IReadOnlyList<EngagementListItem> Engagements { get; private set; } = [];

    protected EventLog Log { get; } = log;
    protected IVerificationSubjects Subjects { get; } = subjects;
    protected TimeProvider Time { get; } = time;
    protected string YearText => DataYear.ToString(CultureInfo.InvariantCulture);

    protected async Task ChooseYearAsync()
    {
        DataYear = await VerificationYears.ChooseAsync(Year, Log, Time, HttpContext.RequestAborted);
        Engagements = (await PortalReads.GetAsync<EngagementPage>(HttpContext, () =>
            ListEngagements.List(HttpContext, Log, Subjects, Time, YearText, null, null, null, null, 1, ListEngagements.MaxPageSize)))?.Items ?? [];
    }
}
