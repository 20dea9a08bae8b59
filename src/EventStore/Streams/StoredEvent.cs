namespace Mrv.EventStore;

/// <summary>One event as the log holds it.</summary>
public sealed record StoredEvent(
    long SeqId,
    Guid Id,
    string StreamId,
    long Version,
    string Type,
    object Data,
    EventMetadata Metadata,
    DateTimeOffset OccurredAt,
    DateTimeOffset RecordedAt,
    string Tenant,
    byte[] PrevHash,
    byte[] Hash);

/// <summary>Who caused an event and in which conversation: stored with every event and covered by its hash.</summary>
public sealed record EventMetadata(string? UserName = null, string? CorrelationId = null, string? CausationId = null)
{
    public static readonly EventMetadata None = new();
}

/// <summary>An event to append, with the business time it happened (defaults to the recording time).</summary>
public sealed record NewEvent(object Data, DateTimeOffset? OccurredAt = null, Guid? Id = null);

/// <summary>The head of a stream: its version and the hash of its last event (zeros when empty).</summary>
public sealed record StreamHead(string StreamId, long Version, byte[] HeadHash)
{
    public static StreamHead New(string streamId) => new(streamId, 0, EventHash.Genesis);
    public bool IsNew => Version == 0;
}

/// <summary>What an append wrote.</summary>
public sealed record AppendResult(string StreamId, long Version, long LastSeqId, byte[] HeadHash, IReadOnlyList<StoredEvent> Events)
{
    public StreamHead Head => new(StreamId, Version, HeadHash);
}
