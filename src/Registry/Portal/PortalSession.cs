using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Mrv.EventStore.Http;
using Mrv.Registry.Allowances;
using Mrv.Registry.Auth;
using SignInResult = Mrv.Registry.Auth.SignInResult;

namespace Mrv.Registry.Portal;

/// <summary>
/// The portal's cookie session, started from a sign-in the Auth module accepted (password, and a TOTP
/// code when one was checked): the cookie carries the same <c>auth_time</c> and <c>amr</c> claims a
/// bearer token does, so movements are guarded alike.
/// </summary>
public static class PortalSession
{
    public static Task StartAsync(HttpContext http, SignInResult.Success success) =>
        http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, success.Principal(CookieAuthenticationDefaults.AuthenticationScheme));

    public static string WrongPassword => PortalText.T("用户名或密码不正确。", "The username or password is wrong.");

    public static string WrongCode => PortalText.T("动态口令不正确或已使用，请输入认证器当前显示的口令。", "The code is wrong or already used; enter the code your authenticator shows now.");

    /// <summary>Why a sign-in was refused, in the visitor's language.</summary>
    public static string Refusal(SignInResult result, string invalid) => result is SignInResult.Throttled ? SignIn.ThrottledText.ToString() : invalid;
}

/// <summary>
/// Whether the session may move allowances now, as <see cref="MovementSecurityFilter"/> decides it,
/// and what the person can do about it: sign in again with a code, or first enrol an authenticator.
/// </summary>
/// <param name="Refusal">The filter's refusal code, or null when movements are allowed.</param>
public sealed record MovementGate(string? Refusal, bool Enrolled, string ReturnUrl)
{
    public bool Open => Refusal is null;

    public static async Task<MovementGate> CheckAsync(HttpContext http)
    {
        var now = http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
        var refusal = MovementSecurityFilter.Refusal(http, now) is { } refused ? PortalCommands.Inspect(refused).ProblemCode : null;
        var caller = Caller.From(http.User);
        var enrolled = caller is not null && await http.RequestServices.GetRequiredService<SecondFactors>().IsConfirmedAsync(caller.Username, http.RequestAborted);
        // Back to the page itself, not to a form handler's address or a notice of something already done.
        var query = http.Request.Query.Where(q => !q.Key.Equals("handler", StringComparison.OrdinalIgnoreCase) && !q.Key.Equals("done", StringComparison.OrdinalIgnoreCase))
            .Select(q => $"{Uri.EscapeDataString(q.Key)}={Uri.EscapeDataString(q.Value.ToString())}").ToList();
        return new MovementGate(refusal, enrolled, http.Request.Path + (query.Count == 0 ? "" : "?" + string.Join("&", query)));
    }

    public string Explanation => Refusal == MovementSecurityFilter.SecondFactorRequired
        ? PortalText.T("转移、清缴和审批配额须以动态口令（第二重身份验证）登录。", "Moving, surrendering and approving allowances needs a sign-in with a one-time code (second factor).")
        : PortalText.T($"转移、清缴和审批配额须在最近 {MovementSecurityFilter.RecentLogin.TotalMinutes:0} 分钟内以动态口令验证身份。",
            $"Moving, surrendering and approving allowances needs a sign-in with a one-time code within the last {MovementSecurityFilter.RecentLogin.TotalMinutes:0} minutes.");
}
