using Mrv.EventStore;
using Mrv.EventStore.Http;

namespace Mrv.Registry.Admin;

/// <summary>Operating the registry: async projections (status, rebuilds, dead letters) and daily activity.</summary>
public static class AdminModule
{
    public static void Register(EventStoreOptions store)
    {
        store.Documents.Register<DailyActivity>("daily_activity");
        store.AsyncProjections.Add(new DailyActivityProjection());
    }

    public static IEndpointRouteBuilder MapAdminEndpoints(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/api/v1/admin").WithTags("Admin").RequireAuthorization(Policies.Drc);
        admin.MapGet("/projections", Projections.List).WithSummary("Each async projection: progress, lag, state, dead letters");
        admin.MapPost("/projections/{name}/rebuild", Projections.Rebuild).WithSummary("Rebuild a projection from the log (runs in the background)");
        admin.MapGet("/projections/dead-letters", Projections.DeadLetters).WithSummary("Events projections could not apply");
        admin.MapPost("/projections/dead-letters/{id:long}/retry", Projections.Retry).WithSummary("Apply a dead-lettered event again");
        admin.MapPost("/projections/dead-letters/{id:long}/skip", Projections.Skip).WithSummary("Give up on a dead-lettered event, on the record");
        admin.MapGet("/activity", Activity).WithSummary("Events recorded per day");
        return app;
    }

    static async Task<IResult> Activity(EventLog log, HttpContext http, int days = 30)
    {
        var page = await log.Documents.QueryAsync<DailyActivity>(new DocumentQuery
        {
            OrderBy = "date",
            Descending = true,
            Limit = Math.Clamp(days, 1, 366),
        }, http.RequestAborted);
        return TypedResults.Ok(page.Items.Select(d => d.Data));
    }
}
