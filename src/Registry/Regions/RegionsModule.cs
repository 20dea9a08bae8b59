namespace Mrv.Registry.Regions;

/// <summary>The leagues/cities (盟市) and their banners/counties (旗县): reference data, public.</summary>
public static class RegionsModule
{
    public static IEndpointRouteBuilder MapRegionsEndpoints(this IEndpointRouteBuilder app)
    {
        var leagues = app.MapGroup("/api/v1/leagues").WithTags("Regions").AllowAnonymous();
        leagues.MapGet("/", ListLeagues.List).WithSummary("The 12 leagues/cities with their GB/T 2260 codes and 13th-FYP targets");
        leagues.MapGet("/{code}", ListLeagues.Get).WithSummary("One league/city");
        return app;
    }
}
