using Microsoft.Extensions.DependencyInjection;

namespace Mrv.EventStore;

public static class DaemonServiceExtensions
{
    /// <summary>Runs the async projection daemon in this host (every node runs one; leadership decides who applies).</summary>
    public static IServiceCollection AddProjectionDaemon(this IServiceCollection services, DaemonOptions? options = null)
    {
        services.AddSingleton(options ?? new DaemonOptions());
        services.AddSingleton<ProjectionDaemon>();
        services.AddHostedService(provider => provider.GetRequiredService<ProjectionDaemon>());
        services.AddSingleton<ProjectionAdmin>();
        return services;
    }
}
