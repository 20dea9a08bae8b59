using System.Text.Json.Serialization;
using Mrv.EventStore.Http;
using Mrv.Registry.Regions;

namespace Mrv.Registry.Auth;

public sealed record ScopeView(
    string Kind,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Code = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] Guid? Id = null);

public sealed record MeResponse(string Username, string Role, ScopeView Scope);

/// <summary>GET /api/v1/me — who the caller is, with the one scope their role is bound to.</summary>
public static class Me
{
    public static IResult Handle(HttpContext http) =>
        Caller.From(http.User) is { } caller ? TypedResults.Ok(Describe(caller)) : Problems.Unauthorized(http);

    public static MeResponse Describe(Caller caller) => new(caller.Username, caller.Role, caller.Role switch
    {
        Roles.Drc => new ScopeView("region", Leagues.RegionCode),
        Roles.League => new ScopeView("league", caller.LeagueCode),
        Roles.Enterprise => new ScopeView("enterprise", Id: caller.EnterpriseId),
        Roles.Verifier => new ScopeView("agency", Id: caller.AgencyId),
        _ => new ScopeView("none"),
    });
}
