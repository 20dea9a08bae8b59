using Mrv.EventStore;
using Mrv.EventStore.Http;

namespace Mrv.Registry.Auth;

/// <summary>A user account was created with its role and scope. The password hash is never in the log.</summary>
public sealed record UserCreated(string Username, string Role, string? LeagueCode, Guid? EnterpriseId, Guid? AgencyId, string? CreatedBy, DateTimeOffset CreatedAt);

/// <summary>A user's password was set or changed (the hash itself is kept in registry.credentials).</summary>
public sealed record PasswordChanged(string Username, string? ChangedBy, DateTimeOffset ChangedAt);

/// <summary>The user confirmed a second factor (the secret itself is kept in registry.second_factors, never in the log).</summary>
public sealed record SecondFactorEnrolled(string Username, string Method, DateTimeOffset EnrolledAt);

/// <summary>A user account, folded from its stream <c>user-{username}</c>.</summary>
public sealed record User(bool Exists, string Username, string Role, string? LeagueCode, Guid? EnterpriseId, Guid? AgencyId)
{
    public static readonly User None = new(false, "", "", null, null, null);

    public static string StreamId(string username) => $"user-{username}";

    public static User Evolve(User state, object @event) => @event switch
    {
        UserCreated created => new User(true, created.Username, created.Role, created.LeagueCode, created.EnterpriseId, created.AgencyId),
        _ => state,
    };

    public static readonly Decider<User> Decider = new("user", None, Evolve);

    public sealed record Create(string Username, string Role, string? LeagueCode, Guid? EnterpriseId, Guid? AgencyId, string? CreatedBy);

    public static IReadOnlyList<object> Decide(Create command, User state, DateTimeOffset now) => state switch
    {
        { Exists: true } => throw new DomainRuleViolation("user.already_exists",
            $"用户名“{command.Username}”已被使用。", $"The username '{command.Username}' is already taken."),
        _ =>
        [
            new UserCreated(command.Username, command.Role, command.LeagueCode, command.EnterpriseId, command.AgencyId, command.CreatedBy, now),
            new PasswordChanged(command.Username, command.CreatedBy, now),
        ],
    };

    public Caller ToCaller() => new(Username, Role, LeagueCode, EnterpriseId, AgencyId);
}
