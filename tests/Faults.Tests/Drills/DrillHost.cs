using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Mrv.EventStore;
using Mrv.Registry.Hosting;
using Mrv.Testing;

namespace Mrv.Faults.Tests.Drills;

/// <summary>The registry host in this process, served by Kestrel on a free loopback port (the same host as ./mrv up runs).</summary>
public sealed class DrillHost : IAsyncDisposable
{
    DrillHost(WebApplication app)
    {
        App = app;
        BaseUrl = app.Urls.First();
    }

    public WebApplication App { get; }
    public string BaseUrl { get; }
    public IServiceProvider Services => App.Services;

    /// <summary>The configuration of a registry node on <paramref name="adminConnectionString"/>.</summary>
    public static Dictionary<string, string> Configuration(string adminConnectionString, string node) => new()
    {
        ["ConnectionStrings:Admin"] = adminConnectionString,
        ["Mrv:AppRolePassword"] = Drill.AppRolePassword,
        ["Mrv:NodeName"] = node,
        // The drills provoke connection failures on purpose; errors (a 500) still show.
        ["Logging:LogLevel:Default"] = "Error",
        // Their clients write as fast as they can, all as one user: the per-user write limit is not what they test.
        ["Mrv:RateLimits:WritesPerMinute"] = "1000000",
    };

    static string[] Arguments(Dictionary<string, string> configuration) =>
    [
        "--contentRoot", Path.Combine(Repository.Root, "src", "Registry"),
        "--environment", "Production",
        .. configuration.Select(setting => $"--{setting.Key}={setting.Value}"),
    ];

    /// <summary>Started: migrations applied at start-up, the daemon running.</summary>
    public static async Task<DrillHost> StartAsync(string adminConnectionString, string node = "drill-host", IReadOnlyDictionary<string, string>? settings = null)
    {
        var configuration = Configuration(adminConnectionString, node);
        foreach (var (key, value) in settings ?? new Dictionary<string, string>()) configuration[key] = value;
        var app = RegistryApp.Build(["--urls", "http://127.0.0.1:0", .. Arguments(configuration)]);
        await app.StartAsync();
        return new DrillHost(app);
    }

    /// <summary>The registry's services on a database without serving anything (to seed or inspect it).</summary>
    public static WebApplication Offline(string adminConnectionString)
    {
        var configuration = Configuration(adminConnectionString, "drill-offline");
        configuration["Mrv:Daemon:Enabled"] = "false";
        configuration["Mrv:MigrateOnStartup"] = "false";
        return RegistryApp.Build(Arguments(configuration));
    }

    public HttpClient Client() => Drill.Client(BaseUrl);

    public Task WaitForProjectionsAsync(TimeSpan timeout) => Services.GetRequiredService<ProjectionDaemon>().WaitForNonStaleAsync(timeout);

    public async ValueTask DisposeAsync()
    {
        using var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await App.StopAsync(stopping.Token);
        await App.DisposeAsync();
    }
}
