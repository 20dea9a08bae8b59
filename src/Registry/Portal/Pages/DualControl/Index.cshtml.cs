using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Mrv.EventStore;
using Mrv.EventStore.Http;
using Mrv.Registry.Documents;
using Mrv.Registry.DualControl.Assessment;
using Mrv.Registry.DualControl.Targets;

namespace Mrv.Registry.Portal.Pages.DualControl;

/// <summary>The DRC's board of every league/city, or a league's own indicators and its path charts.</summary>
[Authorize(Policy = Policies.DrcOrLeague)]
public sealed class IndexModel(EventLog log) : PageModel
{
    public readonly string[] Columns = [Indicators.EnergyIntensity, Indicators.EnergyIncrement, Indicators.EnergyGrowth, Indicators.CarbonIntensity];

    [BindProperty(SupportsGet = true)] public int? Year { get; set; }
    public RegionalBulletin? Bulletin { get; private set; }
    public IReadOnlyList<BulletinLeague> Leagues { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var periods = await GetTargets.AllAsync(log, HttpContext.RequestAborted);
        var period = Year is { } asked ? periods.LastOrDefault(p => p.Years.Covers(asked)) : periods.LastOrDefault();
        if (period is null) return;
        Bulletin = await PublicBulletin.BuildAsync(log, period, Year ?? period.TargetYear, HttpContext.RequestAborted);
        var caller = Caller.From(User)!;
        Leagues = caller.Role == Roles.League ? Bulletin.Leagues.Where(l => l.Code == caller.LeagueCode).ToList() : Bulletin.Leagues;
    }

    public string LevelName(string code) =>
        Bulletin!.Levels.FirstOrDefault(l => l.Code == code) is { } level ? PortalText.T(level.NameZh, level.NameEn) : code;

    public ChartModel PathChart(BulletinLeague league, IndicatorPath path)
    {
        var legend = Bulletin!.Indicators.First(i => i.Code == path.Indicator);
        return new ChartModel(
            PortalText.T($"{league.NameZh}：{legend.NameZh}，实际与进度目标", $"{league.NameEn}: {legend.NameEn}, achieved and the path"),
            PortalText.T(legend.DescriptionZh, legend.DescriptionEn),
            path.Points.Select(p => p.Year.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList(),
            [
                new ChartSeries(PortalText.T("实际", "Achieved"), path.Points.Select(p => p.Achieved).ToList()),
                new ChartSeries(PortalText.T("进度目标", "Path"), path.Points.Select(p => (decimal?)p.Expected).ToList()),
            ]);
    }
}
