using System.Security.Cryptography;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Mrv.Registry.Documents;

namespace Mrv.Registry.Portal.Pages.Public;

[AllowAnonymous]
public sealed class CheckModel(DocumentIssuer issuer) : PageModel
{
    public bool Checked { get; private set; }
    public IssuedDocument? Found { get; private set; }
    public string? Sha256 { get; private set; }
    public string? Error { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(IFormFile? file)
    {
        if (file is null || file.Length == 0)
        {
            Error = PortalText.T("请选择要核验的文件。", "Choose the file to check.");
            return Page();
        }
        if (file.Length > CheckDocument.MaxBytes)
        {
            Error = PortalText.T("文件超过 50 MB，不是本系统出具的文件。", "The file is over 50 MB: not a document this registry issued.");
            return Page();
        }
        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, HttpContext.RequestAborted);
        var bytes = buffer.ToArray();
        Sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes));
        Found = await issuer.IdentifyAsync(bytes, HttpContext.RequestAborted);
        Checked = true;
        return Page();
    }
}
