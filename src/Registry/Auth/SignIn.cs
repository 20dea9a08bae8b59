using Mrv.EventStore;
using Mrv.EventStore.Http;

namespace Mrv.Registry.Auth;

/// <summary>The outcome of checking a username and password.</summary>
public abstract record SignInResult
{
    public sealed record Success(Caller Caller) : SignInResult;
    public sealed record Invalid : SignInResult;
    public sealed record Throttled(TimeSpan RetryAfter) : SignInResult;
}

/// <summary>Checks credentials for both the bearer-token and the cookie login.</summary>
public sealed class SignIn(Credentials credentials, LoginThrottle throttle, EventLog log, Security.AccessAudit audit, IHttpContextAccessor http)
{
    public static readonly LocalizedText ThrottledText = new(
        "该账号一分钟内登录失败次数过多，请稍后再试。", "Too many failed sign-ins for this account in the last minute; try again later.");

    public static string Normalize(string username) => username.Trim().ToLowerInvariant();

    public async Task<SignInResult> AuthenticateAsync(string username, string password, CancellationToken ct)
    {
        var name = Normalize(username);
        if (await throttle.RetryAfterAsync(name, ct) is { } wait)
        {
            await RecordAsync(Security.AccessKinds.SignInThrottled, name, StatusCodes.Status429TooManyRequests);
            return new SignInResult.Throttled(wait);
        }

        var account = await log.Documents.LoadAsync<UserAccount>(User.StreamId(name), ct);
        var passwordOk = await credentials.VerifyAsync(name, password, ct);
        if (account is null || !passwordOk)
        {
            await throttle.RecordFailureAsync(name, ct);
            await RecordAsync(Security.AccessKinds.SignInFailed, name, StatusCodes.Status401Unauthorized);
            return new SignInResult.Invalid();
        }
        var user = account.Data;
        await RecordAsync(Security.AccessKinds.SignedIn, name, StatusCodes.Status200OK);
        return new SignInResult.Success(new Caller(user.Username, user.Role, user.LeagueCode, user.EnterpriseId, user.AgencyId));
    }

    /// <summary>Every sign-in decision goes to the access audit, with the username that was tried.</summary>
    Task RecordAsync(string kind, string username, int status) =>
        http.HttpContext is { } context ? audit.RecordAsync(context, kind, username, status) : Task.CompletedTask;
}
