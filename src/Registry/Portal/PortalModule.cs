using Microsoft.AspNetCore.Localization;

namespace Mrv.Registry.Portal;

/// <summary>The web portal: server-rendered Razor Pages on the same host, users, rules and read models as the API.</summary>
public static class PortalModule
{
    public static IServiceCollection AddMrvPortal(this IServiceCollection services)
    {
        // The pages are compiled into this assembly; naming it keeps them found when another
        // program (a test runner) is the entry assembly.
        services.AddRazorPages(options => options.RootDirectory = "/Portal/Pages").AddApplicationPart(typeof(PortalModule).Assembly);
        return services;
    }

    public static WebApplication MapPortal(this WebApplication app)
    {
        app.MapRazorPages();
        return app;
    }

    /// <summary>Remembers the chosen language in the standard culture cookie for a year.</summary>
    public static void RememberLanguage(HttpResponse response, string culture) =>
        response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
            new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), HttpOnly = true, SameSite = SameSiteMode.Lax, IsEssential = true });
}
