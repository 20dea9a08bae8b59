using FluentValidation;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Mrv.EventStore.Http;

namespace Mrv.Registry.Auth;

public sealed record LoginRequest(string Username, string Password);

public sealed class LoginRequestValidator : AbstractValidator<LoginRequest>
{
    public LoginRequestValidator()
    {
        RuleFor(r => r.Username).NotEmpty().MaximumLength(64);
        RuleFor(r => r.Password).NotEmpty().MaximumLength(128);
    }
}

/// <summary>POST /api/v1/auth/login and /logout — the cookie session of the web portal, on the same users.</summary>
public static class CookieLogin
{
    public static async Task<IResult> Login(LoginRequest request, HttpContext http, SignIn signIn)
    {
        var result = await signIn.AuthenticateAsync(request.Username, request.Password, http.RequestAborted);
        switch (result)
        {
            case SignInResult.Throttled throttled:
                return Problems.TooManyRequests(throttled.RetryAfter, SignIn.ThrottledText, http);
            case SignInResult.Success success:
                await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme,
                    new System.Security.Claims.ClaimsPrincipal(success.Caller.ToIdentity(CookieAuthenticationDefaults.AuthenticationScheme)));
                return TypedResults.Ok(Me.Describe(success.Caller));
            default:
                return Problems.Result(401, "invalid-credentials", ProblemText.UnauthorizedTitle,
                    new Mrv.EventStore.LocalizedText("用户名或密码不正确。", "The username or password is wrong.").ToString(), http);
        }
    }

    public static async Task<IResult> Logout(HttpContext http)
    {
        await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return TypedResults.NoContent();
    }
}
