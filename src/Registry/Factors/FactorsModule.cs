using Mrv.EventStore;
using Mrv.EventStore.Http;

namespace Mrv.Registry.Factors;

/// <summary>Versioned factor tables (排放因子): seeded from the reference file, published by the DRC, read by everyone signed in.</summary>
public static class FactorsModule
{
    public static void Register(EventStoreOptions store)
    {
        store.Events.Register<FactorTablePublished>("factor_table_published.v1");
    }

    public static IServiceCollection AddMrvFactors(this IServiceCollection services) => services.AddHostedService<FactorTableSeed>();

    public static IEndpointRouteBuilder MapFactorsEndpoints(this IEndpointRouteBuilder app)
    {
        var factors = app.MapGroup("/api/v1/factors").WithTags("Factors");
        factors.MapGet("/", GetFactors.Get).RequireAuthorization(Policies.AnyUser)
            .WithSummary("The factors of a version, or those that apply to a data year and the version they come from");
        factors.MapGet("/versions", GetFactors.Versions).RequireAuthorization(Policies.AnyUser)
            .WithSummary("Every published factor table version");
        factors.MapPost("/", PublishFactorTable.Handle).RequireAuthorization(Policies.Drc)
            .WithSummary("Publish a new factor table version (the whole table) effective from a data year");
        return app;
    }
}
