using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Options;
using Mrv.EventStore;
using Mrv.EventStore.Http;
using Npgsql;

namespace Mrv.Registry.Auth;

/// <summary>Users, roles and sign-in: bearer tokens for the API, cookies for the portal, one user store.</summary>
public static class AuthModule
{
    public const string BearerScheme = "Bearer";
    public const string SmartScheme = "BearerOrCookie";
    public static readonly TimeSpan TokenLifetime = TimeSpan.FromHours(1);

    public static void Register(EventStoreOptions store)
    {
        store.Events
            .Register<UserCreated>("user_created.v1")
            .Register<PasswordChanged>("password_changed.v1")
            .Register<SecondFactorEnrolled>("second_factor_enrolled.v1");
        store.Documents.Register<UserAccount>("users");
        store.InlineProjections.Add(new UserAccountProjection());
    }

    public static IServiceCollection AddMrvAuth(this IServiceCollection services)
    {
        services.AddSingleton<Credentials>();
        services.AddSingleton<LoginThrottle>();
        services.AddSingleton<SignIn>();
        services.AddSingleton<SecondFactors>();

        services.AddDataProtection().SetApplicationName("mrv");
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(provider =>
            new ConfigureOptions<KeyManagementOptions>(options =>
                options.XmlRepository = new PostgresXmlRepository(provider.GetRequiredService<NpgsqlDataSource>())));

        services.AddAuthentication(SmartScheme)
            .AddPolicyScheme(SmartScheme, "Bearer token or portal cookie", options =>
                options.ForwardDefaultSelector = http =>
                    http.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                        ? BearerScheme
                        : CookieAuthenticationDefaults.AuthenticationScheme)
            .AddBearerToken(BearerScheme, options => options.BearerTokenExpiration = TokenLifetime)
            .AddCookie(CookieAuthenticationDefaults.AuthenticationScheme, options =>
            {
                options.Cookie.Name = "mrv_session";
                options.Cookie.HttpOnly = true;
                options.Cookie.SameSite = SameSiteMode.Lax;
                options.ExpireTimeSpan = TimeSpan.FromHours(8);
                options.SlidingExpiration = true;
                options.LoginPath = "/login";
                // API callers get status codes, not redirects to a login page.
                options.Events.OnRedirectToLogin = context => RedirectOrStatus(context, StatusCodes.Status401Unauthorized);
                options.Events.OnRedirectToAccessDenied = context => RedirectOrStatus(context, StatusCodes.Status403Forbidden);
            });

        services.AddAuthorizationBuilder()
            // An endpoint that forgets to name a policy still requires a signed-in user.
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(Policies.AnyUser, policy => policy.RequireAuthenticatedUser())
            .AddPolicy(Policies.Drc, policy => policy.RequireRole(Roles.Drc))
            .AddPolicy(Policies.DrcOrLeague, policy => policy.RequireRole(Roles.Drc, Roles.League))
            .AddPolicy(Policies.Enterprise, policy => policy.RequireRole(Roles.Enterprise))
            .AddPolicy(Policies.Verifier, policy => policy.RequireRole(Roles.Verifier));
        return services;
    }

    static Task RedirectOrStatus(Microsoft.AspNetCore.Authentication.RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        if (context.Request.Path.StartsWithSegments("/api"))
        {
            context.Response.StatusCode = status;
        }
        else
        {
            context.Response.Redirect(context.RedirectUri);
        }
        return Task.CompletedTask;
    }

    public static IEndpointRouteBuilder MapAuthEndpoints(this IEndpointRouteBuilder app)
    {
        var auth = app.MapGroup("/api/v1/auth").WithTags("Auth");
        auth.MapPost("/token", IssueToken.Handle).AllowAnonymous()
            .WithSummary("Exchange a username and password for a bearer token");
        auth.MapPost("/login", CookieLogin.Login).AllowAnonymous()
            .WithSummary("Sign in to the portal (cookie session)");
        auth.MapPost("/logout", (Delegate)CookieLogin.Logout).RequireAuthorization(Policies.AnyUser)
            .WithSummary("Sign out of the portal");
        auth.MapPost("/totp", EnrollSecondFactor.Enroll).RequireAuthorization(Policies.AnyUser)
            .WithSummary("Enrol an authenticator app (TOTP): a new secret with its QR code, to be confirmed");
        auth.MapPost("/totp/confirm", EnrollSecondFactor.Confirm).RequireAuthorization(Policies.AnyUser)
            .WithSummary("Confirm the authenticator with a first code; sign-ins with a code then carry the second factor");

        app.MapGet("/api/v1/me", Me.Handle).RequireAuthorization(Policies.AnyUser).WithTags("Auth")
            .WithSummary("The caller's username, role and scope");

        var users = app.MapGroup("/api/v1/users").WithTags("Users").RequireAuthorization(Policies.Drc);
        users.MapPost("/", CreateUser.Handle).WithSummary("Create a user with a role and its scope");
        users.MapGet("/", ListUsers.List).WithSummary("List users");
        users.MapGet("/{username}", ListUsers.Get).WithSummary("One user");
        return app;
    }
}
