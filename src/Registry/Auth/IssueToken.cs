using System.Text.Json.Serialization;
using FluentValidation;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.Extensions.Options;
using Mrv.EventStore.Http;

namespace Mrv.Registry.Auth;

/// <param name="Totp">A code of the user's authenticator app: the token then carries the second factor that moving allowances needs.</param>
public sealed record TokenRequest(string Username, string Password, string? Totp = null);

public sealed record TokenResponse(
    [property: JsonPropertyName("access_token")] string AccessToken,
    [property: JsonPropertyName("token_type")] string TokenType,
    [property: JsonPropertyName("expires_in")] long ExpiresIn);

public sealed class TokenRequestValidator : AbstractValidator<TokenRequest>
{
    public TokenRequestValidator()
    {
        RuleFor(r => r.Username).NotEmpty().MaximumLength(64);
        RuleFor(r => r.Password).NotEmpty().MaximumLength(128);
        RuleFor(r => r.Totp).Matches("^[0-9]{6}$").When(r => r.Totp is not null).WithErrorCode("totp_format")
            .WithMessage(_ => new Mrv.EventStore.LocalizedText("动态口令须为 6 位数字。", "A one-time code has 6 digits.").ToString());
    }
}

/// <summary>POST /api/v1/auth/token — a bearer token for API clients.</summary>
public static class IssueToken
{
    public static async Task<IResult> Handle(
        TokenRequest request, HttpContext http, SignIn signIn, IOptionsMonitor<BearerTokenOptions> bearer, TimeProvider time)
    {
        var result = await signIn.AuthenticateAsync(request.Username, request.Password, http.RequestAborted, request.Totp);
        switch (result)
        {
            case SignInResult.Throttled throttled:
                return Problems.TooManyRequests(throttled.RetryAfter, SignIn.ThrottledText, http);
            case SignInResult.Success success:
                var options = bearer.Get(AuthModule.BearerScheme);
                var now = time.GetUtcNow();
                var ticket = new AuthenticationTicket(
                    success.Principal(AuthModule.BearerScheme),
                    new AuthenticationProperties { IssuedUtc = now, ExpiresUtc = now + options.BearerTokenExpiration },
                    AuthModule.BearerScheme);
                return TypedResults.Ok(new TokenResponse(
                    options.BearerTokenProtector.Protect(ticket), "Bearer", (long)options.BearerTokenExpiration.TotalSeconds));
            default:
                return Problems.Result(401, "invalid-credentials", ProblemText.UnauthorizedTitle,
                    new Mrv.EventStore.LocalizedText("用户名或密码不正确。", "The username or password is wrong.").ToString(), http);
        }
    }
}
