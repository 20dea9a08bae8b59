using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Mrv.EventStore;
using Mrv.EventStore.Http;
using Mrv.EventStore.Serialization;
using Mrv.Registry.Enterprises;

namespace Mrv.Registry.Portal.Pages.Drc;

/// <summary>The enterprise register, through the API's own list (same filters, same league scoping).</summary>
[Authorize(Policy = Policies.DrcOrLeague)]
public sealed class EnterprisesModel(EventLog log) : PageModel
{
    public const int Size = 50;

    [BindProperty(SupportsGet = true)] public string? League { get; set; }
    [BindProperty(SupportsGet = true)] public string? Industry { get; set; }
    [BindProperty(SupportsGet = true)] public string? Covered { get; set; }
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true, Name = "page")] public int PageNumber { get; set; } = 1;

    public int PageSize => Size;
    public long Total { get; private set; }
    public IReadOnlyList<EnterpriseListItem> Items { get; private set; } = [];
    public string? Problem { get; private set; }
    public bool IsDrc => Caller.From(User)?.Role == Roles.Drc;
    public bool CanRegister => Caller.From(User)?.Role is Roles.Drc or Roles.League;

    public async Task OnGetAsync()
    {
        var outcome = PortalCommands.Inspect(await ListEnterprises.List(HttpContext, log, League, Industry, Covered, Q, Math.Max(1, PageNumber), Size));
        if (!outcome.Succeeded)
        {
            Problem = outcome.FieldErrors.Values.SelectMany(m => m).FirstOrDefault() ?? outcome.Message;
            return;
        }
        var body = outcome.Body!.Value;
        Total = body.GetProperty("total").GetInt64();
        Items = body.GetProperty("items").Deserialize<List<EnterpriseListItem>>(EventTypes.SerializerOptions) ?? [];
    }

    public string PageLink(int page) =>
        $"/drc/enterprises?league={Uri.EscapeDataString(League ?? "")}&industry={Uri.EscapeDataString(Industry ?? "")}&covered={Uri.EscapeDataString(Covered ?? "")}&q={Uri.EscapeDataString(Q ?? "")}&page={page}";
}
