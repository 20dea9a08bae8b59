using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging.Abstractions;
using Mrv.EventStore;
using Mrv.Registry.Demo;
using Mrv.Registry.Hosting;
using Mrv.Testing;

namespace Mrv.Registry.Tests;

/// <summary>
/// The registry host in memory (WebApplicationFactory) on a real PostgreSQL database of the test
/// class's own, with the demo users seeded and a clock the tests can move.
/// </summary>
public class RegistryFixture : IAsyncLifetime
{
    public TestDatabase Database { get; private set; } = null!;
    public WebApplicationFactory<Program> Factory { get; private set; } = null!;
    public ManualClock Clock { get; } = new();

    public static Task MigrateAsync(string adminConnectionString) =>
        RegistrySchema.MigrateAsync(
            new RegistryDatabase(adminConnectionString, adminConnectionString, TestDatabase.AppRole, TestDatabase.AppRolePassword),
            RegistryApp.StoreOptions(),
            NullLogger.Instance);

    public async Task InitializeAsync()
    {
        Database = await TestDatabase.CreateAsync(MigrateAsync);
        Factory = new WebApplicationFactory<Program>().WithWebHostBuilder(host =>
        {
            host.UseSetting("ConnectionStrings:Admin", Database.AdminConnectionString);
            host.UseSetting("Mrv:AppRolePassword", TestDatabase.AppRolePassword);
            // The allowance job runs on wall-clock minutes; tests run its rounds themselves on their clock.
            host.UseSetting("Mrv:Allowances:Jobs", "false");
            Configure(host);
            host.ConfigureServices(services =>
            {
                services.RemoveAll<TimeProvider>();
                services.AddSingleton<TimeProvider>(Clock);
                var extra = ExtraProjections();
                if (extra.Count > 0)
                {
                    var store = RegistryApp.StoreOptions();
                    store.AsyncProjections.AddRange(extra);
                    services.RemoveAll<EventStoreOptions>();
                    services.AddSingleton(store);
                }
            });
        });
        using var scope = Factory.Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<DemoData>().SeedAsync(TextWriter.Null);
    }

    /// <summary>Settings a test class changes for its registry.</summary>
    protected virtual void Configure(IWebHostBuilder host)
    {
    }

    /// <summary>Async projections a test class adds to the registry's own (they may own no documents).</summary>
    protected virtual IReadOnlyList<AsyncProjection> ExtraProjections() => [];

    /// <summary>Until every async projection has applied everything appended so far.</summary>
    public Task WaitForProjectionsAsync() =>
        Factory.Services.GetRequiredService<ProjectionDaemon>().WaitForNonStaleAsync(TimeSpan.FromSeconds(30));

    public async Task DisposeAsync()
    {
        await Factory.DisposeAsync();
        await Database.DisposeAsync();
    }

    public HttpClient Anonymous(string? language = null)
    {
        var client = Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        if (language is not null) client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(language);
        return client;
    }

    public async Task<string> TokenAsync(string username, string password = DemoData.Password)
    {
        var response = await Anonymous().PostAsJsonAsync("/api/v1/auth/token", new { username, password });
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        return body.GetProperty("access_token").GetString()!;
    }

    public async Task<HttpClient> ClientAsync(string username, string? language = null, string password = DemoData.Password)
    {
        var client = Anonymous(language);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync(username, password));
        return client;
    }

    public async Task<long> CountAsync(string sql) => Convert.ToInt64(await Database.ScalarAsAdminAsync<object>(sql));
}
