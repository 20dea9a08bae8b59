using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Mrv.EventStore.Http;
using Mrv.Registry.Auth;
using SignInResult = Mrv.Registry.Auth.SignInResult;

namespace Mrv.Registry.Portal.Pages;

/// <summary>
/// Sign-in in one or two steps: the password, and then, for a user who has confirmed an
/// authenticator, its one-time code — the session then carries the second factor that movements of
/// allowances need. Both steps go through the Auth module's <see cref="SignIn"/> (throttle, audit);
/// between them the password travels back only encrypted and for five minutes.
/// </summary>
[AllowAnonymous]
public sealed class LoginModel(SignIn signIn, SecondFactors secondFactors, IDataProtectionProvider protection) : PageModel
{
    static readonly TimeSpan CodeStepLifetime = TimeSpan.FromMinutes(5);

    sealed record PendingSignIn(string Username, string Password);

    [BindProperty] public string Username { get; set; } = "";
    [BindProperty] public string Password { get; set; } = "";
    [BindProperty] public string? Code { get; set; }
    [BindProperty] public string? Pending { get; set; }
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }
    public string? Error { get; private set; }
    public FormOutcome Outcome { get; private set; } = FormOutcome.None;

    /// <summary>The second step: the password was right and the user has an authenticator.</summary>
    public bool AsksForCode => Pending is not null;

    /// <summary>Where each role starts its work.</summary>
    public static string HomeOf(Caller caller) => caller.Role switch
    {
        Roles.Enterprise => $"/enterprises/{caller.EnterpriseId}",
        Roles.Drc or Roles.League => "/drc/enterprises",
        Roles.Verifier => "/verification/engagements",
        _ => "/",
    };

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var protector = protection.CreateProtector("Mrv.Portal.PendingSignIn").ToTimeLimitedDataProtector();
        if (Pending is not null)
        {
            PendingSignIn? pending;
            try
            {
                pending = JsonSerializer.Deserialize<PendingSignIn>(protector.Unprotect(Pending));
            }
            catch (CryptographicException)
            {
                pending = null;
            }
            if (pending is null)
            {
                Pending = null;
                Error = PortalText.T("输入动态口令的时间已过，请重新登录。", "The time to enter the code is over; sign in again.");
                return Page();
            }
            Username = pending.Username;
            var request = new LoginRequest(pending.Username, pending.Password, Code?.Trim() ?? "");
            if (await PortalCommands.ValidateAsync(HttpContext, request) is { } invalid)
            {
                Outcome = invalid;
                return Page();
            }
            var result = await signIn.AuthenticateAsync(request.Username, request.Password, HttpContext.RequestAborted, request.Totp);
            if (result is SignInResult.Success withCode) return await StartAsync(withCode);
            Outcome = new FormOutcome(false, 401, null, new Dictionary<string, string[]> { ["totp"] = [PortalSession.Refusal(result, PortalSession.WrongCode)] }, null);
            return Page();
        }

        var first = new LoginRequest(Username, Password);
        if (await PortalCommands.ValidateAsync(HttpContext, first) is { } shape)
        {
            Outcome = shape;
            return Page();
        }
        var checkedPassword = await signIn.AuthenticateAsync(Username, Password, HttpContext.RequestAborted);
        if (checkedPassword is not SignInResult.Success success)
        {
            Error = PortalSession.Refusal(checkedPassword, PortalSession.WrongPassword);
            return Page();
        }
        if (!await secondFactors.IsConfirmedAsync(success.Caller.Username, HttpContext.RequestAborted)) return await StartAsync(success);
        Username = success.Caller.Username;
        Pending = protector.Protect(JsonSerializer.Serialize(new PendingSignIn(success.Caller.Username, Password)), CodeStepLifetime);
        return Page();
    }

    async Task<IActionResult> StartAsync(SignInResult.Success success)
    {
        await PortalSession.StartAsync(HttpContext, success);
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) && ReturnUrl != "/" ? ReturnUrl! : HomeOf(success.Caller));
    }
}
