using System.Security.Claims;

namespace Mrv.EventStore.Http;

/// <summary>The four roles of the registry (the public needs no role).</summary>
public static class Roles
{
    /// <summary>自治区发展改革委 — the autonomous-region DRC: sees and does everything.</summary>
    public const string Drc = "drc";
    /// <summary>盟市发展改革委 — a league/city DRC: its own league/city.</summary>
    public const string League = "league";
    /// <summary>重点排放单位 / 重点用能单位 — staff of one enterprise.</summary>
    public const string Enterprise = "enterprise";
    /// <summary>第三方核查机构 — staff of one verification agency.</summary>
    public const string Verifier = "verifier";

    public static readonly IReadOnlyList<string> All = [Drc, League, Enterprise, Verifier];
}

/// <summary>Authorization policy names; every endpoint names one, or says it is anonymous.</summary>
public static class Policies
{
    public const string AnyUser = "any_user";
    public const string Drc = "drc";
    public const string DrcOrLeague = "drc_or_league";
    public const string Enterprise = "enterprise";
    public const string Verifier = "verifier";
}

/// <summary>Claim types for a user's scope.</summary>
public static class ScopeClaims
{
    public const string League = "mrv:league";
    public const string Enterprise = "mrv:enterprise";
    public const string Agency = "mrv:agency";
}

/// <summary>Who is calling: username, role and the one scope the role is bound to.</summary>
public sealed record Caller(string Username, string Role, string? LeagueCode = null, Guid? EnterpriseId = null, Guid? AgencyId = null)
{
    public bool IsDrc => Role == Roles.Drc;

    public static Caller? From(ClaimsPrincipal principal)
    {
        if (principal.Identity?.IsAuthenticated != true) return null;
        var name = principal.FindFirstValue(ClaimTypes.Name);
        var role = principal.FindFirstValue(ClaimTypes.Role);
        if (name is null || role is null) return null;
        return new Caller(name, role,
            principal.FindFirstValue(ScopeClaims.League),
            Guid.TryParse(principal.FindFirstValue(ScopeClaims.Enterprise), out var enterprise) ? enterprise : null,
            Guid.TryParse(principal.FindFirstValue(ScopeClaims.Agency), out var agency) ? agency : null);
    }

    public ClaimsIdentity ToIdentity(string authenticationType)
    {
        var claims = new List<Claim> { new(ClaimTypes.Name, Username), new(ClaimTypes.Role, Role) };
        if (LeagueCode is not null) claims.Add(new Claim(ScopeClaims.League, LeagueCode));
        if (EnterpriseId is not null) claims.Add(new Claim(ScopeClaims.Enterprise, EnterpriseId.Value.ToString()));
        if (AgencyId is not null) claims.Add(new Claim(ScopeClaims.Agency, AgencyId.Value.ToString()));
        return new ClaimsIdentity(claims, authenticationType, ClaimTypes.Name, ClaimTypes.Role);
    }
}
