namespace Mrv.EventStore;

/// <summary>
/// The stream was not at the expected version: somebody else appended first. Raised before any
/// sequence number is taken, so a refused append leaves no gap in the log.
/// </summary>
public sealed class ConcurrencyException(string streamId, long expectedVersion, long? actualVersion)
    : Exception($"Stream '{streamId}' was expected at version {expectedVersion} but is at {(actualVersion is null ? "no version (it does not exist)" : actualVersion.ToString())}.")
{
    public string StreamId { get; } = streamId;
    public long ExpectedVersion { get; } = expectedVersion;
    public long? ActualVersion { get; } = actualVersion;
}
