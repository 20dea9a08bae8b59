using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Mrv.EventStore;

namespace Mrv.Verification;

/// <summary>
/// Third-party verification (第三方核查): agencies, assignments, engagements, findings, opinions.
/// Knows nothing of the Registry; what it needs of an enterprise arrives on the command.
/// </summary>
public static class VerificationModule
{
    public static void Register(EventStoreOptions store)
    {
    }

    public static IEndpointRouteBuilder MapVerificationEndpoints(this IEndpointRouteBuilder app) => app;
}
