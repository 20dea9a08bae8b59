using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Playwright;
using Mrv.Registry.Auth;
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
        // A page that prints a PDF inside its transaction (the sign-off) can take more than Playwright's
        // 30 s default on a machine busy with other work; a minute still catches a page that hangs.
        context.SetDefaultTimeout(60_000);
        Assertions.SetDefaultExpectTimeout(15_000);
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

    /// <summary>
    /// Signs in through the login form; a user who has enrolled an authenticator in this host is then
    /// asked for a code, which the host computes from the secret it read off the enrolment page.
    /// </summary>
    public async Task SignInAsync(IPage page, string username, string password = DemoData.Password)
    {
        await page.GotoAsync("/login");
        await page.GetByLabel(new System.Text.RegularExpressions.Regex("用户名|Username")).FillAsync(username);
        await page.GetByLabel(new System.Text.RegularExpressions.Regex("密码|Password")).FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("^(登录|Sign in)$") }).ClickAsync();
        var code = page.Locator("#totp");
        await code.Or(page.Locator("header .who")).WaitForAsync();
        if (await code.IsVisibleAsync())
        {
            await code.FillAsync(await CodeAsync(username));
            await page.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("^(验证并登录|Verify and sign in)$") }).ClickAsync();
            await page.Locator("header .who").WaitForAsync();
        }
        await page.WaitForLoadStateAsync();
    }

    readonly ConcurrentDictionary<string, byte[]> secrets = new();
    readonly ConcurrentDictionary<string, long> lastSteps = new();

    /// <summary>
    /// Enrols an authenticator for the signed-in user on the portal's page, as a person with an app
    /// would: the secret is read from the page (the text under the QR code) and a first code confirms it.
    /// </summary>
    public async Task EnrolSecondFactorAsync(IPage page, string username)
    {
        if (!page.Url.Contains("/account/second-factor", StringComparison.Ordinal)) await page.GotoAsync("/account/second-factor");
        await page.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("^(生成二维码|Show the QR code)$") }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Img, new() { NameRegex = new System.Text.RegularExpressions.Regex("认证器二维码|QR code") })).ToBeVisibleAsync();
        secrets[username] = Totp.FromBase32((await page.Locator("#totp-secret").TextContentAsync())!);
        await page.GetByLabel(new System.Text.RegularExpressions.Regex("^(动态口令|One-time code)$")).FillAsync(await CodeAsync(username));
        await page.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("^(确认绑定|Confirm)$") }).ClickAsync();
        await Assertions.Expect(page.Locator("#second-factor-status")).ToContainTextAsync(new System.Text.RegularExpressions.Regex("认证器已绑定|is enrolled"));
    }

    /// <summary>
    /// Past a page's movement gate as a user without an authenticator gets past it: enrols one from the
    /// gate's link, then signs in again with a code and lands back on the page.
    /// </summary>
    public async Task PassMovementGateAsync(IPage page, string username)
    {
        await page.Locator("#movement-gate").GetByRole(AriaRole.Link, new() { NameRegex = new System.Text.RegularExpressions.Regex("^(绑定认证器|Enrol an authenticator)$") }).ClickAsync();
        await EnrolSecondFactorAsync(page, username);
        await page.GetByRole(AriaRole.Link, new() { NameRegex = new System.Text.RegularExpressions.Regex("^(以动态口令验证身份|Sign in again with a code)$") }).ClickAsync();
        await ConfirmWithCodeAsync(page, username);
    }

    /// <summary>
    /// A code of the user's authenticator (RFC 6238 at this machine's clock, which the registry shares).
    /// The registry takes the current 30-second step and the one before, each once per user: the step
    /// before is used while enough of the current one is left for the form to arrive in time, and when
    /// both are spent the next step is waited for.
    /// </summary>
    public async Task<string> CodeAsync(string username)
    {
        var secret = secrets.TryGetValue(username, out var known) ? known : throw new InvalidOperationException($"{username} has no authenticator enrolled in this host.");
        while (true)
        {
            var now = DateTimeOffset.UtcNow;
            var current = Totp.StepAt(now);
            var secondsLeft = Totp.StepSeconds - now.ToUnixTimeSeconds() % Totp.StepSeconds;
            var step = Math.Max(secondsLeft > 10 ? current - 1 : current, lastSteps.GetValueOrDefault(username) + 1);
            if (step <= current)
            {
                lastSteps[username] = step;
                return Totp.Code(secret, step);
            }
            await Task.Delay(TimeSpan.FromSeconds(secondsLeft) + TimeSpan.FromMilliseconds(300));
        }
    }

    /// <summary>On the re-authentication page: the password and a fresh code.</summary>
    public async Task ConfirmWithCodeAsync(IPage page, string username, string password = DemoData.Password)
    {
        await page.GetByLabel(new System.Text.RegularExpressions.Regex("^(密码|Password)$")).FillAsync(password);
        await page.GetByLabel(new System.Text.RegularExpressions.Regex("^(动态口令|One-time code)$")).FillAsync(await CodeAsync(username));
        await page.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("^(验证|Confirm)$") }).ClickAsync();
        await page.WaitForLoadStateAsync();
    }
}

[CollectionDefinition("portal")]
public sealed class PortalCollection : ICollectionFixture<PortalHost>;
