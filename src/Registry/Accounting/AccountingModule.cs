using Mrv.EventStore.Http;

namespace Mrv.Registry.Accounting;

/// <summary>The accounting engine (核算) as a calculator: every signed-in user may preview figures.</summary>
public static class AccountingModule
{
    public static IEndpointRouteBuilder MapAccountingEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/accounting/calculate", Calculate.Handle).RequireAuthorization(Policies.AnyUser).WithTags("Accounting")
            .WithSummary("Emissions and energy of the sources given, with each line explained (factors of the version that applies to the data year)");
        return app;
    }
}
