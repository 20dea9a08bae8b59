using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Mrv.EventStore.Http;
using Mrv.Registry.Auth;
using SignInResult = Mrv.Registry.Auth.SignInResult;

namespace Mrv.Registry.Portal.Pages;

[AllowAnonymous]
public sealed class LoginModel(SignIn signIn) : PageModel
{
    [BindProperty] public string Username { get; set; } = "";
    [BindProperty] public string Password { get; set; } = "";
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }
    public string? Error { get; private set; }

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
        switch (await signIn.AuthenticateAsync(Username, Password, HttpContext.RequestAborted))
        {
            case SignInResult.Success success:
                await HttpContext.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, success.Principal(CookieAuthenticationDefaults.AuthenticationScheme));
                return LocalRedirect(Url.IsLocalUrl(ReturnUrl) && ReturnUrl != "/" ? ReturnUrl! : HomeOf(success.Caller));
            case SignInResult.Throttled:
                Error = Auth.SignIn.ThrottledText.ToString();
                break;
            default:
                Error = PortalText.T("用户名或密码不正确。", "The username or password is wrong.");
                break;
        }
        return Page();
    }
}
