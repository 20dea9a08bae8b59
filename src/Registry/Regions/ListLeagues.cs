using Mrv.EventStore.Http;

namespace Mrv.Registry.Regions;

/// <summary>The 13th-FYP (2016–2020, base year 2015) targets of a league/city, as the annex states them.</summary>
public sealed record LeagueTargetsView(
    decimal EnergyIntensityReductionPct,
    decimal EnergyIncrementCap10kTce,
    decimal EnergyGrowthRateCapPct,
    decimal CarbonIntensityReductionPct);

public sealed record LeagueView(string Code, string NameZh, string NameEn, LeagueTargetsView Targets13thFyp)
{
    public static LeagueView Of(League league) => new(league.Code, league.NameZh, league.NameEn, new LeagueTargetsView(
        league.EnergyIntensityReductionPct, league.EnergyIncrementCap10kTce, league.EnergyGrowthRateCapPct, league.CarbonIntensityReductionPct));
}

/// <summary>GET /api/v1/leagues and /api/v1/leagues/{code} (public) — the 12 leagues/cities with their targets.</summary>
public static class ListLeagues
{
    public static IResult List() => TypedResults.Ok(new { total = Leagues.All.Count, items = Leagues.All.Select(LeagueView.Of) });

    public static IResult Get(string code, HttpContext http) =>
        Leagues.Find(code) is { } league ? TypedResults.Ok(LeagueView.Of(league)) : Problems.NotFound(http);
}
