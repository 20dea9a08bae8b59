using System.Globalization;
using System.Security.Claims;
using Mrv.EventStore;
using Mrv.EventStore.Http;

namespace Mrv.Registry.Auth;

/// <summary>The outcome of checking a username and password (and a TOTP code when one is given).</summary>
public abstract record SignInResult
{
    /// <param name="SecondFactor">A TOTP code of the user's confirmed secret was checked too.</param>
    public sealed record Success(Caller Caller, bool SecondFactor, DateTimeOffset AuthenticatedAt) : SignInResult
    {
        /// <summary>The session's principal: the caller's claims, when they signed in, and with which methods.</summary>
        public ClaimsPrincipal Principal(string authenticationType)
        {
            var identity = Caller.ToIdentity(authenticationType);
            identity.AddClaim(new Claim(AuthClaims.AuthTime, AuthenticatedAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture), ClaimValueTypes.Integer64));
            identity.AddClaim(new Claim(AuthClaims.Methods, AuthClaims.Password));
            if (SecondFactor) identity.AddClaim(new Claim(AuthClaims.Methods, AuthClaims.OneTimePassword));
            return new ClaimsPrincipal(identity);
        }
    }

    public sealed record Invalid : SignInResult;
    public sealed record Throttled(TimeSpan RetryAfter) : SignInResult;
}

/// <summary>
/// Claims that say how a session was authenticated, named as OpenID Connect names them: when
/// (<c>auth_time</c>) and with what (<c>amr</c>, RFC 8176 values <c>pwd</c> and <c>otp</c>).
/// </summary>
public static class AuthClaims
{
    public const string AuthTime = "auth_time";
    public const string Methods = "amr";
    public const string Password = "pwd";
    public const string OneTimePassword = "otp";

    public static DateTimeOffset? AuthenticatedAt(ClaimsPrincipal principal) =>
        long.TryParse(principal.FindFirstValue(AuthTime), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : null;

    public static bool UsedSecondFactor(ClaimsPrincipal principal) => principal.HasClaim(Methods, OneTimePassword);
}

/// <summary>Checks credentials for both the bearer-token and the cookie login.</summary>
public sealed class SignIn(
    Credentials credentials, LoginThrottle throttle, SecondFactors secondFactors, EventLog log, Security.AccessAudit audit, IHttpContextAccessor http, TimeProvider time)
{
    public static readonly LocalizedText ThrottledText = new(
        "该账号一分钟内登录失败次数过多，请稍后再试。", "Too many failed sign-ins for this account in the last minute; try again later.");

    public static string Normalize(string username) => username.Trim().ToLowerInvariant();

    /// <param name="totp">Optional: a code of the user's confirmed TOTP secret; a wrong one fails the sign-in like a wrong password.</param>
    public async Task<SignInResult> AuthenticateAsync(string username, string password, CancellationToken ct, string? totp = null)
    {
        var name = Normalize(username);
        if (await throttle.RetryAfterAsync(name, ct) is { } wait)
        {
            await RecordAsync(Security.AccessKinds.SignInThrottled, name, StatusCodes.Status429TooManyRequests);
            return new SignInResult.Throttled(wait);
        }

        var account = await log.Documents.LoadAsync<UserAccount>(User.StreamId(name), ct);
        var passwordOk = await credentials.VerifyAsync(name, password, ct);
        var secondFactorOk = passwordOk && account is not null && totp is not null && await secondFactors.VerifyAsync(name, totp, ct);
        if (account is null || !passwordOk || (totp is not null && !secondFactorOk))
        {
            await throttle.RecordFailureAsync(name, ct);
            await RecordAsync(Security.AccessKinds.SignInFailed, name, StatusCodes.Status401Unauthorized);
            return new SignInResult.Invalid();
        }
        var user = account.Data;
        await RecordAsync(Security.AccessKinds.SignedIn, name, StatusCodes.Status200OK);
        return new SignInResult.Success(new Caller(user.Username, user.Role, user.LeagueCode, user.EnterpriseId, user.AgencyId), secondFactorOk, time.GetUtcNow());
    }

    /// <summary>Every sign-in decision goes to the access audit, with the username that was tried.</summary>
    Task RecordAsync(string kind, string username, int status) =>
        http.HttpContext is { } context ? audit.RecordAsync(context, kind, username, status) : Task.CompletedTask;
}
