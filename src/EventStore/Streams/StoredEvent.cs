namespace Mrv.EventStore;

/// <summary>One event as the log holds it.</summary>
/// <remarks>
/// The data is turned into its CLR type on first use: a projection that only looks at the type,
/// stream or times of events (counting activity, say) never pays for reading their JSON.
/// </remarks>
public sealed record StoredEvent(
    long SeqId,
    Guid Id,
    string StreamId,
    long Version,
    string Type,
    EventMetadata Metadata,
    DateTimeOffset OccurredAt,
    DateTimeOffset RecordedAt,
    string Tenant,
    byte[] PrevHash,
    byte[] Hash)
{
    object? data;
    Func<object>? read;

    public StoredEvent(
        long seqId, Guid id, string streamId, long version, string type, object data, EventMetadata metadata,
        DateTimeOffset occurredAt, DateTimeOffset recordedAt, string tenant, byte[] prevHash, byte[] hash)
        : this(seqId, id, streamId, version, type, metadata, occurredAt, recordedAt, tenant, prevHash, hash)
    {
        this.data = data;
    }

    internal static StoredEvent Reading(
        long seqId, Guid id, string streamId, long version, string type, Func<object> read, EventMetadata metadata,
        DateTimeOffset occurredAt, DateTimeOffset recordedAt, string tenant, byte[] prevHash, byte[] hash) =>
        new(seqId, id, streamId, version, type, metadata, occurredAt, recordedAt, tenant, prevHash, hash) { read = read };

    /// <summary>The event itself (throws if its stored JSON cannot be read as its registered type).</summary>
    public object Data => data ??= read!();
}

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
