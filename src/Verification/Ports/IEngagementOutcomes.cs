using Mrv.EventStore;

namespace Mrv.Verification.Ports;

/// <summary>An agency accepted an engagement: the enterprise-year's report goes under verification.</summary>
public sealed record VerificationStarted(Guid EnterpriseId, int Year, Guid EngagementId, Guid AgencyId, string? By);

/// <summary>Both signatures are on the opinion: the report becomes verified with these figures.</summary>
public sealed record VerificationSignedOff(
    Guid EnterpriseId, int Year, Guid EngagementId, decimal VerifiedEmissionsTco2, decimal VerifiedEnergyTce, string Opinion, string? By);

/// <summary>
/// How the host's annual report follows an engagement. Each call runs inside the transaction that
/// appends the engagement's event, so the report and the engagement change together or not at all;
/// a rule the report refuses (it was reopened, say) throws and nothing is written.
/// </summary>
public interface IEngagementOutcomes
{
    Task StartedAsync(EventTransaction transaction, VerificationStarted started, EventMetadata metadata, DateTimeOffset now, CancellationToken ct);

    Task SignedOffAsync(EventTransaction transaction, VerificationSignedOff signedOff, EventMetadata metadata, DateTimeOffset now, CancellationToken ct);
}
