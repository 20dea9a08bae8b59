using Mrv.EventStore;
using Mrv.Registry.Demo;
using Npgsql;

namespace Mrv.Registry.Hosting;

/// <summary>The registry's command line: <c>serve</c> (default), <c>migrate</c>, <c>seed-demo</c>, <c>verify</c>.</summary>
public static class Cli
{
    static readonly string[] Commands = ["serve", "migrate", "seed-demo", "verify"];

    public static async Task<int> RunAsync(string[] args)
    {
        var command = args.Length > 0 && Commands.Contains(args[0]) ? args[0] : "serve";
        var rest = args.Length > 0 && Commands.Contains(args[0]) ? args[1..] : args;
        var app = RegistryApp.Build(rest);
        if (command == "serve")
        {
            await app.RunAsync();
            return 0;
        }

        var services = app.Services;
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("Mrv.Cli");
        var database = services.GetRequiredService<RegistryDatabase>();
        switch (command)
        {
            case "migrate":
                var applied = await RegistrySchema.MigrateAsync(database, services.GetRequiredService<EventStoreOptions>(), logger);
                Console.WriteLine($"Schema is current ({applied} migration(s) applied now).");
                return 0;

            case "seed-demo":
                await services.GetRequiredService<DemoData>().SeedAsync(Console.Out);
                return 0;

            case "verify":
                await using (var dataSource = NpgsqlDataSource.Create(database.AdminConnectionString ?? database.AppConnectionString))
                {
                    var result = await HashChainVerifier.VerifyAsync(dataSource);
                    if (result.Intact)
                    {
                        Console.WriteLine($"Hash chains intact: {result.Events} events in {result.Streams} streams verified.");
                        return 0;
                    }
                    var broken = result.FirstBreak!;
                    Console.Error.WriteLine($"Hash chain BROKEN at stream '{broken.StreamId}' version {broken.Version}: {broken.Reason}.");
                    Console.Error.WriteLine($"({result.Events} events verified before the break.)");
                    return 1;
                }

            default:
                return 2;
        }
    }
}
