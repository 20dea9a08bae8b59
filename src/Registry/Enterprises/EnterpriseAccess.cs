using Mrv.EventStore;
using Mrv.EventStore.Http;

namespace Mrv.Registry.Enterprises;

/// <summary>
/// Who sees which enterprise: the DRC all, a league/city its own, an enterprise user itself. What a
/// caller may not see does not exist for them (404), so ids of other enterprises leak nothing.
/// </summary>
public static class EnterpriseAccess
{
    /// <summary>The roles that read enterprises at all; verifiers get theirs through engagements.</summary>
    public const string ReaderRoles = Roles.Drc + "," + Roles.League + "," + Roles.Enterprise;

    public static bool CanSee(this Caller caller, Enterprise enterprise) => caller.Role switch
    {
        Roles.Drc => true,
        Roles.League => enterprise.LeagueCode == caller.LeagueCode,
        Roles.Enterprise => enterprise.Id == caller.EnterpriseId,
        _ => false,
    };

    /// <summary>The enterprise's read model, or null when it does not exist or the caller may not see it.</summary>
    public static async Task<Document<Enterprise>?> LoadVisibleAsync(this HttpContext http, EventLog log, Guid id)
    {
        var caller = Caller.From(http.User);
        var document = await log.Documents.LoadAsync<Enterprise>(Enterprise.StreamId(id), http.RequestAborted);
        return document is not null && caller is not null && caller.CanSee(document.Data) ? document : null;
    }
}
