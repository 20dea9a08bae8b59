using Mrv.EventStore;
using Mrv.EventStore.Http;
using Mrv.Registry.Calendar;
using Mrv.Registry.DualControl.Statistics;
using Mrv.Registry.DualControl.Targets;

namespace Mrv.Registry.DualControl.Assessment;

/// <param name="Annual">The latest annual assessment of the year.</param>
/// <param name="Warning">The latest quarterly early warning of the year.</param>
public sealed record LeagueYearAssessment(string LeagueCode, string NameZh, string NameEn, LeagueAssessed? Annual, LeagueAssessed? Warning);

/// <summary>
/// GET /api/v1/assessments/{period}/{year} — each league/city's latest assessment and warning of the
/// year; GET …/{year}/{league} — every assessment and warning of the year, earlier runs included
/// (drc; a league/city its own).
/// </summary>
public static class GetAssessments
{
    public static async Task<IResult> Year(string period, int year, HttpContext http, EventLog log)
    {
        if (!DataYear.IsValid(year)) return DataYear.Invalid("year", http);
        var targets = await log.Documents.LoadAsync<TargetPeriod>(TargetPeriod.StreamId(period), http.RequestAborted);
        if (targets is null) return Problems.NotFound(http);
        var caller = Caller.From(http.User)!;
        var leagues = targets.Data.LeagueTargets.Select(l => l.LeagueCode).Where(caller.CanSee).ToList();
        var documents = await LoadAsync(log, period, leagues, http.RequestAborted);
        var items = leagues.Select(league =>
        {
            var assessments = documents.GetValueOrDefault(league) ?? LeagueAssessments.None;
            return new LeagueYearAssessment(league, Areas.NameZh(league), Areas.NameEn(league), assessments.Latest(year),
                assessments.Assessments.Where(a => a.Year == year && a.ThroughQuarter < LeagueStatistics.WholeYear).LastOrDefault());
        });
        return TypedResults.Ok(new { period, year, items });
    }

    public static async Task<IResult> League(string period, int year, string league, HttpContext http, EventLog log)
    {
        if (!DataYear.IsValid(year)) return DataYear.Invalid("year", http);
        if (!Areas.IsArea(league) || !Caller.From(http.User)!.CanSee(league)) return Problems.NotFound(http);
        if (await log.Documents.LoadAsync<TargetPeriod>(TargetPeriod.StreamId(period), http.RequestAborted) is null) return Problems.NotFound(http);
        var document = await log.Documents.LoadAsync<LeagueAssessments>(LeagueAssessments.StreamId(period, league), http.RequestAborted);
        if (document is not null) http.Response.Headers.ETag = HttpCommands.ETagFor(document.Version);
        return TypedResults.Ok(new
        {
            period, year, leagueCode = league, nameZh = Areas.NameZh(league), nameEn = Areas.NameEn(league),
            items = document?.Data.Assessments.Where(a => a.Year == year) ?? [],
        });
    }

    /// <summary>The assessment documents of these leagues/cities in a period, by league code.</summary>
    public static async Task<IReadOnlyDictionary<string, LeagueAssessments>> LoadAsync(
        EventLog log, string period, IReadOnlyCollection<string> leagues, CancellationToken ct)
    {
        var page = await log.Documents.QueryAsync<LeagueAssessments>(new DocumentQuery
        {
            Ids = [.. leagues.Select(l => LeagueAssessments.StreamId(period, l))],
            Limit = leagues.Count + 1,
        }, ct);
        return page.Items.ToDictionary(d => d.Data.LeagueCode, d => d.Data);
    }
}
