using FluentValidation;
using Mrv.EventStore;
using Mrv.EventStore.Http;
using QRCoder;

namespace Mrv.Registry.Auth;

/// <param name="Secret">The secret in base32, for typing into an app by hand.</param>
/// <param name="OtpauthUri">The key URI the QR code holds.</param>
/// <param name="QrCodePng">The QR code as a PNG data URI, to show in a page.</param>
public sealed record SecondFactorEnrollment(string Secret, string OtpauthUri, string QrCodePng, int Digits, int PeriodSeconds);

public sealed record ConfirmSecondFactorRequest(string Code);

public sealed class ConfirmSecondFactorRequestValidator : AbstractValidator<ConfirmSecondFactorRequest>
{
    public ConfirmSecondFactorRequestValidator() =>
        RuleFor(r => r.Code).Cascade(CascadeMode.Stop).NotEmpty().Matches("^[0-9]{6}$").WithErrorCode("totp_format")
            .WithMessage(_ => new LocalizedText("动态口令须为 6 位数字。", "A one-time code has 6 digits.").ToString());
}

/// <summary>
/// POST /api/v1/auth/totp and /api/v1/auth/totp/confirm (any signed-in user) — enrols an
/// authenticator app: a new secret shown as a QR code, confirmed by a first code from the app. From
/// then on a sign-in with a code carries the second factor that movements of allowances require.
/// </summary>
public static class EnrollSecondFactor
{
    public const string Issuer = "Mrv";

    public static async Task<IResult> Enroll(HttpContext http, SecondFactors secondFactors)
    {
        var caller = Caller.From(http.User)!;
        var secret = Totp.NewSecret();
        if (!await secondFactors.EnrollAsync(caller.Username, secret, http.RequestAborted))
        {
            throw new DomainRuleViolation("auth.second_factor_already_enrolled",
                "该账号已绑定动态口令；如需更换，请联系自治区发展改革委重置。",
                "This account already has a confirmed authenticator; ask the autonomous-region DRC to reset it.");
        }
        var uri = Totp.KeyUri(Issuer, caller.Username, secret);
        using var data = new QRCodeGenerator().CreateQrCode(uri, QRCodeGenerator.ECCLevel.M);
        var png = new PngByteQRCode(data).GetGraphic(6);
        return TypedResults.Ok(new SecondFactorEnrollment(Totp.ToBase32(secret), uri, "data:image/png;base64," + Convert.ToBase64String(png),
            Totp.Digits, Totp.StepSeconds));
    }

    public static async Task<IResult> Confirm(ConfirmSecondFactorRequest request, HttpContext http, SecondFactors secondFactors, TimeProvider time)
    {
        var caller = Caller.From(http.User)!;
        if (await secondFactors.IsConfirmedAsync(caller.Username, http.RequestAborted))
        {
            throw new DomainRuleViolation("auth.second_factor_already_enrolled",
                "该账号已绑定动态口令。", "This account already has a confirmed authenticator.");
        }
        var now = time.GetUtcNow();
        try
        {
            return await http.ExecuteAsync(User.Decider, User.StreamId(caller.Username), request,
                state => state.Exists ? [new SecondFactorEnrolled(caller.Username, "totp", now)] : throw new DomainRuleViolation("user.unknown",
                    "用户不存在。", "The user does not exist."),
                outcome => CommandResponse.Ok(outcome.Head.Version, new { username = caller.Username, secondFactor = "totp", enrolledAt = now }),
                async (transaction, ct) =>
                {
                    if (!await secondFactors.ConfirmAsync(transaction.Transaction, caller.Username, request.Code, ct)) throw new CodeMismatch();
                });
        }
        catch (CodeMismatch)
        {
            return Problems.Validation("code", "totp_mismatch", new LocalizedText(
                "动态口令不正确或已使用，请输入认证器当前显示的口令。", "The code is wrong or already used; enter the code your authenticator shows now."), http);
        }
    }

    /// <summary>Thrown inside the write so that the event and the confirmation roll back together.</summary>
    sealed class CodeMismatch : Exception;
}
