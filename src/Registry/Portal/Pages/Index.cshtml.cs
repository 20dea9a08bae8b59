using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Mrv.EventStore.Http;

namespace Mrv.Registry.Portal.Pages;

[AllowAnonymous]
public sealed class IndexModel : PageModel
{
    public Caller? Caller { get; private set; }
    public string Home => Caller is null ? "/" : LoginModel.HomeOf(Caller);

    public void OnGet() => Caller = Caller.From(User);
}
