using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Playwright;
using Mrv.Registry.Demo;
using Mrv.Registry.Hosting;
using Mrv.Testing;

namespace Mrv.Browser.Tests;

/// <summary>
/// The registry served by Kestrel on a free loopback port, on a PostgreSQL database of its own with
/// the demo data, and Debian's Chromium driven by Playwright (no browser download).
/// </summary>
public sealed class PortalHost : IAsyncLifetime
{
    public TestDatabase Database { get; private set; } = null!;
    public WebApplication App { get; private set; } = null!;
    public string BaseUrl { get; private set; } = null!;
    public IPlaywright Playwright { get; private set; } = null!;
    public IBrowser Browser { get; private set; } = null!;

    public static string RepositoryRoot => Repository.Root;

    public static Task MigrateAsync(string admin) => RegistrySchema.MigrateAsync(
        new RegistryDatabase(admin, admin, TestDatabase.AppRole, TestDatabase.AppRolePassword), RegistryApp.StoreOptions(), NullLogger.Instance);

    public async Task InitializeAsync()
    {
        Database = await TestDatabase.CreateAsync(MigrateAsync);
        App = RegistryApp.Build(
        [
            "--urls", "http://127.0.0.1:0",
            "--contentRoot", Path.Combine(RepositoryRoot, "src", "Registry"),
            "--environment", "Production",
            $"--ConnectionStrings:Admin={Database.AdminConnectionString}",
            $"--Mrv:AppRolePassword={TestDatabase.AppRolePassword}",
            "--Logging:LogLevel:Default=Warning",
        ]);
        await App.StartAsync();
        BaseUrl = App.Urls.First();
        await App.Services.GetRequiredService<DemoData>().SeedAsync(TextWriter.Null);

        Playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        Browser = await Playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        Playwright.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
        await Database.DisposeAsync();
    }

    /// <summary>A fresh browser context (its own cookies) with a page, in the given language.</summary>
    public async Task<IPage> NewPageAsync(string locale = "zh-CN")
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseUrl, Locale = locale, ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
        });
        return await context.NewPageAsync();
    }

    /// <summary>Until the async projections (the report lists) have caught up with everything written so far.</summary>
    public Task WaitForProjectionsAsync() =>
        App.Services.GetRequiredService<Mrv.EventStore.ProjectionDaemon>().WaitForNonStaleAsync(TimeSpan.FromSeconds(30));

    public static async Task ScreenshotAsync(IPage page, string name)
    {
        var folder = Path.Combine(RepositoryRoot, "artifacts", "screenshots");
        Directory.CreateDirectory(folder);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, name + ".png"), FullPage = true });
    }

    /// <summary>The full width of the page from the top of <paramref name="first"/> to the bottom of <paramref name="last"/>.</summary>
    public static async Task ScreenshotBetweenAsync(IPage page, string name, ILocator first, ILocator last)
    {
        var scrollY = await page.EvaluateAsync<float>("() => window.scrollY");
        var top = (await first.BoundingBoxAsync())!.Y + scrollY - 12;
        var bottom = await last.BoundingBoxAsync() is { } box ? box.Y + box.Height + scrollY + 12 : top;
        var folder = Path.Combine(RepositoryRoot, "artifacts", "screenshots");
        Directory.CreateDirectory(folder);
        await page.ScreenshotAsync(new PageScreenshotOptions
        {
            Path = Path.Combine(folder, name + ".png"), FullPage = true,
            Clip = new Clip { X = 0, Y = Math.Max(0, top), Width = page.ViewportSize!.Width, Height = bottom - Math.Max(0, top) },
        });
    }

    /// <summary>An API client signed in as a user, for what a journey needs set up the way any client of the API would.</summary>
    public async Task<HttpClient> ApiAsync(string username, string password = DemoData.Password)
    {
        var api = new HttpClient { BaseAddress = new Uri(BaseUrl) };
        var token = await (await api.PostAsJsonAsync("/api/v1/auth/token", new { username, password })).Content.ReadFromJsonAsync<JsonElement>();
        api.DefaultRequestHeaders.Authorization = new("Bearer", token.GetProperty("access_token").GetString());
        return api;
    }

    public async Task SignInAsync(IPage page, string username, string password = DemoData.Password)
    {
        await page.GotoAsync("/login");
        await page.GetByLabel(new System.Text.RegularExpressions.Regex("用户名|Username")).FillAsync(username);
        await page.GetByLabel(new System.Text.RegularExpressions.Regex("密码|Password")).FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("^(登录|Sign in)$") }).ClickAsync();
        await page.WaitForLoadStateAsync();
    }
}

[CollectionDefinition("portal")]
public sealed class PortalCollection : ICollectionFixture<PortalHost>;
