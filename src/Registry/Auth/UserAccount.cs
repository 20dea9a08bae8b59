using Mrv.EventStore;

namespace Mrv.Registry.Auth;

/// <summary>Read model of a user account (no secrets), kept inline with the user's stream.</summary>
public sealed record UserAccount(string Username, string Role, string? LeagueCode, Guid? EnterpriseId, Guid? AgencyId, DateTimeOffset CreatedAt, string? CreatedBy);

public sealed class UserAccountProjection : SingleStreamProjection<UserAccount>
{
    public override IReadOnlyCollection<Type> EventTypes { get; } = [typeof(UserCreated)];

    protected override UserAccount? Apply(UserAccount? current, StoredEvent @event) => @event.Data switch
    {
        UserCreated c => new UserAccount(c.Username, c.Role, c.LeagueCode, c.EnterpriseId, c.AgencyId, c.CreatedAt, c.CreatedBy),
        _ => current,
    };
}
