using Mrv.EventStore;
using Mrv.EventStore.Http;
using Mrv.Registry.Calendar;

namespace Mrv.Registry.DualControl.Statistics;

/// <summary>One recording of a year's figures, as the stream keeps it.</summary>
public sealed record StatisticsRecording(
    long Version, int ThroughQuarter, GdpFigure? Gdp, EnergyFigure? Energy, EmissionsFigure? Emissions, string? Reason, string? RecordedBy, DateTimeOffset RecordedAt);

/// <summary>
/// GET /api/v1/statistics/leagues/{league} — the figures in force, every year; GET
/// …/{league}/{year}/history — every recording of a year, corrections and their reasons included
/// (drc; a league/city its own).
/// </summary>
public static class GetStatistics
{
    public static async Task<IResult> Get(string league, HttpContext http, EventLog log)
    {
        if (!Areas.IsArea(league) || !Caller.From(http.User)!.CanSee(league)) return Problems.NotFound(http);
        var document = await log.Documents.LoadAsync<LeagueStatistics>(LeagueStatistics.StreamId(league), http.RequestAborted);
        if (document is not null) http.Response.Headers.ETag = HttpCommands.ETagFor(document.Version);
        return TypedResults.Ok(new
        {
            leagueCode = league,
            nameZh = Areas.NameZh(league),
            nameEn = Areas.NameEn(league),
            entries = document?.Data.Entries ?? [],
        });
    }

    public static async Task<IResult> History(string league, int year, HttpContext http, EventLog log)
    {
        if (!DataYear.IsValid(year)) return DataYear.Invalid("year", http);
        if (!Areas.IsArea(league) || !Caller.From(http.User)!.CanSee(league)) return Problems.NotFound(http);
        var events = await log.ReadStreamAsync(LeagueStatistics.StreamId(league), ct: http.RequestAborted);
        var recordings = events
            .Select(e => (e.Version, Recorded: e.Data as LeagueStatisticsRecorded))
            .Where(e => e.Recorded?.Year == year)
            .Select(e => new StatisticsRecording(e.Version, e.Recorded!.ThroughQuarter, e.Recorded.Gdp, e.Recorded.Energy, e.Recorded.Emissions,
                e.Recorded.Reason, e.Recorded.RecordedBy, e.Recorded.RecordedAt))
            .ToList();
        if (events.Count > 0) http.Response.Headers.ETag = HttpCommands.ETagFor(events[^1].Version);
        return TypedResults.Ok(new { leagueCode = league, year, items = recordings });
    }
}
