using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Mrv.EventStore.Http;
using Mrv.EventStore.Serialization;
using Mrv.Registry.Auth;

namespace Mrv.Registry.Portal.Pages.Account;

/// <summary>
/// Enrolling an authenticator app through the API's own handlers: a new secret shown as a QR code
/// (and as text for typing by hand), confirmed by a first code from the app.
/// </summary>
[Authorize(Policy = Policies.AnyUser)]
public sealed class SecondFactorModel(SecondFactors secondFactors, TimeProvider time) : PageModel
{
    /// <summary>Where the enrolment was asked from (a movement page), to go back to with a fresh sign-in.</summary>
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }
    public bool Enrolled { get; private set; }
    public bool JustConfirmed { get; private set; }
    public SecondFactorEnrollment? Enrollment { get; private set; }
    public FormOutcome Outcome { get; private set; } = FormOutcome.None;

    public string ReauthenticateUrl => "/account/reauthenticate" + (Url.IsLocalUrl(ReturnUrl) ? "?returnUrl=" + Uri.EscapeDataString(ReturnUrl!) : "");

    public async Task OnGetAsync() => Enrolled = await secondFactors.IsConfirmedAsync(Caller.From(User)!.Username, HttpContext.RequestAborted);

    public async Task<IActionResult> OnPostStartAsync()
    {
        Outcome = await PortalCommands.RunAsync(HttpContext, new object(), () => EnrollSecondFactor.Enroll(HttpContext, secondFactors));
        if (Outcome.Succeeded) Enrollment = Outcome.Body!.Value.Deserialize<SecondFactorEnrollment>(EventTypes.SerializerOptions);
        else Enrolled = await secondFactors.IsConfirmedAsync(Caller.From(User)!.Username, HttpContext.RequestAborted);
        return Page();
    }

    /// <param name="enrollment">The secret and its QR code as shown, to show them again when the code is wrong (the registry keeps the secret itself).</param>
    public async Task<IActionResult> OnPostConfirmAsync(string? code, string? secret, string? otpauthUri, string? qrCodePng)
    {
        var request = new ConfirmSecondFactorRequest(code?.Trim() ?? "");
        Outcome = await PortalCommands.RunAsync(HttpContext, request, () => EnrollSecondFactor.Confirm(request, HttpContext, secondFactors, time));
        if (Outcome.Succeeded)
        {
            Enrolled = JustConfirmed = true;
            return Page();
        }
        Enrolled = await secondFactors.IsConfirmedAsync(Caller.From(User)!.Username, HttpContext.RequestAborted);
        if (!Enrolled && secret is not null && otpauthUri is not null && qrCodePng is not null && qrCodePng.StartsWith("data:image/png;base64,", StringComparison.Ordinal))
        {
            Enrollment = new SecondFactorEnrollment(secret, otpauthUri, qrCodePng, Totp.Digits, Totp.StepSeconds);
        }
        return Page();
    }
}
