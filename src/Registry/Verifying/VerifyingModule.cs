using Mrv.EventStore.Http;
using Mrv.Verification;
using Mrv.Verification.Ports;

namespace Mrv.Registry.Verifying;

/// <summary>
/// The registry's side of third-party verification: the two ports the verification module asks its
/// host for, and the verification report (核查报告) rendered and issued from the engagement.
/// </summary>
public static class VerifyingModule
{
    public static IServiceCollection AddMrvVerifying(this IServiceCollection services) => services
        .AddMrvVerification()
        .AddSingleton<IVerificationSubjects, RegistryVerificationSubjects>()
        .AddSingleton<RegistryEngagementOutcomes>()
        .AddSingleton<VerificationReportIssuer>()
        .AddSingleton<IEngagementOutcomes, IssuingEngagementOutcomes>()
        .AddSingleton<DemoDocuments>();

    public static IEndpointRouteBuilder MapVerifyingEndpoints(this IEndpointRouteBuilder app)
    {
        var engagements = app.MapGroup("/api/v1/verification/engagements").WithTags("Verification").RequireAuthorization(Policies.AnyUser);
        engagements.MapGet("/{id:guid}/document", VerificationReportDocument.Render)
            .WithSummary("The verification report of the engagement as it stands (format=html|pdf, lang=zh-CN|en)");
        engagements.MapGet("/{id:guid}/documents", VerificationReportIssuer.ListIssued)
            .WithSummary("The verification report issued at sign-off");
        engagements.MapGet("/{id:guid}/documents/{documentId:guid}", VerificationReportIssuer.DownloadIssued)
            .WithSummary("An issued verification report, byte for byte");
        return app;
    }
}
