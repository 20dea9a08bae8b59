using Mrv.EventStore;
using Mrv.Registry.Demo;
using Npgsql;

namespace Mrv.Registry.Hosting;

/// <summary>
/// The registry's command line: <c>serve</c> (default), <c>migrate</c>, <c>seed-demo</c>, <c>seed --scale N</c>, <c>verify</c>,
/// <c>projections status|rebuild [name]|deadletters [list|retry ID|skip ID]</c>.
/// </summary>
public static class Cli
{
    static readonly string[] Commands = ["serve", "migrate", "seed-demo", "seed", "verify", "projections"];

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

            case "seed":
                return await SeedAsync(services, logger, rest);

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

            case "projections":
                return await ProjectionsAsync(services.GetRequiredService<ProjectionAdmin>(), services.GetRequiredService<EventStoreOptions>(), rest);

            default:
                return 2;
        }
    }

    /// <summary><c>seed --scale N</c>: the schema migrated (a new database can be seeded at once), the synthetic province, then the projections caught up with it.</summary>
    static async Task<int> SeedAsync(IServiceProvider services, ILogger logger, string[] args)
    {
        if (args is not ["--scale", var n] || !int.TryParse(n, out var count) || count < 1 || count > 99_999)
        {
            Console.Error.WriteLine("Usage: seed --scale N   (N synthetic enterprises, 1–99,999)");
            return 2;
        }
        var database = services.GetRequiredService<RegistryDatabase>();
        if (database.AdminConnectionString is not null) await RegistrySchema.MigrateAsync(database, services.GetRequiredService<EventStoreOptions>(), logger);
        var log = services.GetRequiredService<EventLog>();
        await Factors.FactorTableSeed.EnsureAsync(services.GetRequiredService<CommandWriter>(), services.GetRequiredService<TimeProvider>());
        Console.WriteLine($"Seeding a synthetic province of {count:N0} enterprises…");
        var result = await ScaleSeed.SeedAsync(log, count, Console.Out);
        Console.WriteLine($"Wrote {result.Enterprises:N0} enterprises ({result.Skipped:N0} were there already) with {result.Engagements:N0} engagements " +
                          $"and {result.Accounts:N0} allowance accounts, {result.Events:N0} events in {result.Elapsed.TotalSeconds:0.0} s.");
        if (services.GetService<ProjectionDaemon>() is not { } daemon) return 0;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        Console.WriteLine("Bringing the projections up to date…");
        await daemon.StartAsync(CancellationToken.None);
        try
        {
            await daemon.WaitForNonStaleAsync(TimeSpan.FromHours(1));
        }
        finally
        {
            await daemon.StopAsync(CancellationToken.None);
        }
        Console.WriteLine($"Projections up to date in {clock.Elapsed.TotalSeconds:0.0} s; total {(result.Elapsed + clock.Elapsed).TotalSeconds:0.0} s.");
        return 0;
    }

    static async Task<int> ProjectionsAsync(ProjectionAdmin admin, EventStoreOptions store, string[] args)
    {
        var verb = args.FirstOrDefault() ?? "status";
        switch (verb)
        {
            case "status":
                Console.WriteLine($"{"projection",-24} {"last seq",10} {"lag",8} {"lag s",8} {"state",-11} {"dead letters",12} leader");
                foreach (var status in await admin.StatusAsync())
                {
                    Console.WriteLine($"{status.Name,-24} {status.LastSeqId,10} {status.LagEvents,8} {status.LagSeconds,8:0.0} {status.State,-11} {status.OpenDeadLetters,12} {status.Leader}");
                }
                return 0;

            case "rebuild":
                var names = args.Length > 1 ? args[1..] : store.AsyncProjections.Select(p => p.Name).ToArray();
                foreach (var name in names)
                {
                    if (store.AsyncProjections.All(p => p.Name != name))
                    {
                        Console.Error.WriteLine($"No projection named '{name}'. Known: {string.Join(", ", store.AsyncProjections.Select(p => p.Name))}.");
                        return 2;
                    }
                    var result = await admin.RebuildAsync(name);
                    Console.WriteLine($"Rebuilt {result.Projection}: {result.Events} events up to seq {result.UpToSeqId} in {result.Took.TotalSeconds:0.0} s.");
                }
                return 0;

            case "deadletters":
                return await DeadLettersAsync(admin, args[1..]);

            default:
                Console.Error.WriteLine("Usage: projections status | rebuild [name...] | deadletters [list [projection] | retry ID | skip ID]");
                return 2;
        }
    }

    static async Task<int> DeadLettersAsync(ProjectionAdmin admin, string[] args)
    {
        var verb = args.FirstOrDefault() ?? "list";
        var by = $"{Environment.UserName}@cli";
        if (verb is "retry" or "skip")
        {
            if (args.Length < 2 || !long.TryParse(args[1], out var id))
            {
                Console.Error.WriteLine($"Usage: projections deadletters {verb} ID");
                return 2;
            }
            var letter = verb == "retry" ? await admin.RetryAsync(id, by) : await admin.SkipAsync(id, by);
            if (letter is null)
            {
                Console.Error.WriteLine($"No open dead letter {id}.");
                return 1;
            }
            Console.WriteLine($"Dead letter {letter.Id}: {letter.Status}{(letter.Status == "open" ? " — still failing: " + letter.Error : "")}");
            return letter.Status == "open" ? 1 : 0;
        }

        var letters = await admin.DeadLettersAsync(args.Length > 1 ? args[1] : null);
        if (letters.Count == 0) Console.WriteLine("No dead letters.");
        foreach (var l in letters)
        {
            Console.WriteLine($"{l.Id,6} {l.Status,-8} {l.Projection,-20} seq {l.SeqId,-8} {l.Type,-28} {l.StreamId} v{l.Version} ×{l.Attempts}: {l.Error}");
        }
        return 0;
    }
}
