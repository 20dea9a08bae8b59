using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Mrv.EventStore.Http;
using Mrv.Registry.Auth;
using SignInResult = Mrv.Registry.Auth.SignInResult;

namespace Mrv.Registry.Portal.Pages.Account;

/// <summary>
/// Signing in again within a session, with the password and the authenticator's code, through the
/// Auth module's <see cref="SignIn"/>: the new session is recent and carries the second factor, so
/// the movement that sent the person here can go ahead.
/// </summary>
[Authorize(Policy = Policies.AnyUser)]
public sealed class ReauthenticateModel(SignIn signIn) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }
    public MovementGate Gate { get; private set; } = null!;
    public FormOutcome Outcome { get; private set; } = FormOutcome.None;
    public string? Error { get; private set; }

    public string EnrolUrl => "/account/second-factor?returnUrl=" + Uri.EscapeDataString(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");

    public async Task OnGetAsync() => Gate = await MovementGate.CheckAsync(HttpContext);

    public async Task<IActionResult> OnPostAsync(string? password, string? code)
    {
        Gate = await MovementGate.CheckAsync(HttpContext);
        var caller = Caller.From(User)!;
        var request = new LoginRequest(caller.Username, password ?? "", Gate.Enrolled ? code?.Trim() ?? "" : null);
        if (await PortalCommands.ValidateAsync(HttpContext, request) is { } invalid)
        {
            Outcome = invalid;
            return Page();
        }
        var result = await signIn.AuthenticateAsync(request.Username, request.Password, HttpContext.RequestAborted, request.Totp);
        if (result is not SignInResult.Success success)
        {
            Error = PortalSession.Refusal(result, Gate.Enrolled
                ? PortalText.T("密码或动态口令不正确（每个口令只能使用一次）。", "The password or the code is wrong (each code works once).")
                : PortalSession.WrongPassword);
            return Page();
        }
        await PortalSession.StartAsync(HttpContext, success);
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : Pages.LoginModel.HomeOf(success.Caller));
    }
}
