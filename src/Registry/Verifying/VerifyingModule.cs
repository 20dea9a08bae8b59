using Mrv.Verification;
using Mrv.Verification.Ports;

namespace Mrv.Registry.Verifying;

/// <summary>The registry's side of third-party verification: the two ports the verification module asks its host for.</summary>
public static class VerifyingModule
{
    public static IServiceCollection AddMrvVerifying(this IServiceCollection services) => services
        .AddMrvVerification()
        .AddSingleton<IVerificationSubjects, RegistryVerificationSubjects>()
        .AddSingleton<IEngagementOutcomes, RegistryEngagementOutcomes>();
}
