using Microsoft.Extensions.DependencyInjection;

namespace Mrv.EventStore;

public static class EventStoreServiceExtensions
{
    /// <summary>The event log, the command writer and the append notifier (needs an NpgsqlDataSource and a TimeProvider registered).</summary>
    public static IServiceCollection AddMrvEventStore(this IServiceCollection services, EventStoreOptions options)
    {
        services.AddSingleton(options);
        services.AddSingleton<AppendNotifier>();
        services.AddSingleton<ReadSource>();
        services.AddHostedService(provider => provider.GetRequiredService<AppendNotifier>());
        services.AddSingleton<EventLog>();
        services.AddSingleton<CommandWriter>();
        services.AddSingleton<ProjectionAdmin>();
        return services;
    }

    /// <summary>Runs the async projection daemon in this host (every node runs one; leadership decides who applies).</summary>
    public static IServiceCollection AddProjectionDaemon(this IServiceCollection services, DaemonOptions? options = null)
    {
        services.AddSingleton(options ?? new DaemonOptions());
        services.AddSingleton<ProjectionDaemon>();
        services.AddHostedService(provider => provider.GetRequiredService<ProjectionDaemon>());
        return services;
    }
}
