using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;

namespace Mrv.Registry.Portal;

/// <summary>
/// The roles of the API endpoint a page handler stands for. Razor Pages authorize a whole page, not
/// each of its handlers, so a form that writes checks the endpoint's roles itself, and answers 403
/// as the API would.
/// </summary>
public static class HandlerRoles
{
    /// <param name="roles">Comma-separated, as in <c>[Authorize(Roles = …)]</c>.</param>
    public static bool Allows(this ClaimsPrincipal user, string roles) => roles.Split(',').Any(user.IsInRole);

    public static StatusCodeResult Forbidden() => new(StatusCodes.Status403Forbidden);
}
