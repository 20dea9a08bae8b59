using Mrv.EventStore;
using Mrv.Registry.Reporting;
using Mrv.Verification;
using Mrv.Verification.Ports;

namespace Mrv.Registry.Verifying;

/// <summary>
/// The annual report follows its engagement, in the engagement's transaction: accepted → under
/// verification; signed off → verified with the opinion's figures. The report's own Decide rules
/// apply (a reopened report refuses, and then the engagement's event is not written either).
/// </summary>
public sealed class RegistryEngagementOutcomes(EventLog log) : IEngagementOutcomes
{
    public Task StartedAsync(EventTransaction transaction, VerificationStarted started, EventMetadata metadata, DateTimeOffset now, CancellationToken ct) =>
        transaction.DecideAndAppendAsync(log, AnnualReport.Decider, AnnualReport.StreamId(started.EnterpriseId, started.Year),
            state => AnnualReport.Decide(Command(started), state, now), metadata, ct);

    public Task SignedOffAsync(EventTransaction transaction, VerificationSignedOff signedOff, EventMetadata metadata, DateTimeOffset now, CancellationToken ct) =>
        transaction.DecideAndAppendAsync(log, AnnualReport.Decider, AnnualReport.StreamId(signedOff.EnterpriseId, signedOff.Year),
            state => AnnualReport.Decide(Command(signedOff), state, now), metadata, ct);

    public static AnnualReport.StartVerification Command(VerificationStarted started) => new(started.EngagementId, started.AgencyId, started.By);

    public static AnnualReport.RecordVerifiedFigures Command(VerificationSignedOff signedOff) =>
        new(signedOff.EngagementId, signedOff.VerifiedEmissionsTco2, signedOff.VerifiedEnergyTce, signedOff.Opinion, signedOff.By);
}
