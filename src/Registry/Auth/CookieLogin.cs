using FluentValidation;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Mrv.EventStore.Http;

namespace Mrv.Registry.Auth;

public sealed record LoginRequest(string Username, string Password, string? Totp = null);

public sealed class LoginRequestValidator : AbstractValidator<LoginRequest>
{
    public LoginRequestValidator()
    {
        RuleFor(r => r.Username).NotEmpty().MaximumLength(64);
        RuleFor(r => r.Password).NotEmpty().MaximumLength(128);
        RuleFor(r => r.Totp).Matches("^[0-9]{6}$").When(r => r.Totp is not null).WithErrorCode("totp_format")
            .WithMessage(_ => new Mrv.EventStore.LocalizedText("动态口令须为 6 位数字。", "A one-time code has 6 digits.").ToString());
    }
}

/// <summary>POST /api/v1/auth/login and /logout — the cookie session of the web portal, on the same users.</summary>
public static class CookieLogin
{
    public static async Task<IResult> Login(LoginRequest request, HttpContext http, SignIn signIn)
    {
        var result = await signIn.AuthenticateAsync(request.Username, request.Password, http.RequestAborted, request.Totp);
        switch (result)
        {
            case SignInResult.Throttled throttled:
                return Problems.TooManyRequests(throttled.RetryAfter, SignIn.ThrottledText, http);
            case SignInResult.Success success:
                await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, success.Principal(CookieAuthenticationDefaults.AuthenticationScheme));
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
