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
        // Chinese is written as characters, not as numeric references: a third of the bytes, and a
        // page source people can read. The HTML-significant characters (<, >, &, quotes) are still escaped.
        services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(options =>
            options.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
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
