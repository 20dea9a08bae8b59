using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Mrv.EventStore;

/// <summary>
/// The tamper-evidence hash of one event, chained per stream.
/// </summary>
/// <remarks>
/// hash = SHA-256( prev_hash ‖ field(stream_id) ‖ field(version) ‖ field(type) ‖ field(data::text)
///                 ‖ field(occurred_at) ‖ field(recorded_at) ‖ field(tenant) ‖ field(user)
///                 ‖ field(correlation_id) ‖ field(causation_id) )
/// where prev_hash is the previous event's hash in the same stream (32 zero bytes for version 1),
/// field(x) is the 4-byte big-endian length of x's UTF-8 bytes followed by those bytes
/// (length −1 and no bytes for a null), version is in decimal, and times are UTC as
/// <c>yyyy-MM-ddTHH:mm:ss.ffffffZ</c>. Length prefixes make the encoding unambiguous, so no two
/// different events share an input. The data is the jsonb text form (see <see cref="Serialization.CanonicalJson"/>),
/// so the same function written in SQL (<c>eventstore.event_hash</c>) gives the same bytes.
/// </remarks>
public static class EventHash
{
    public const int Length = 32;
    public static readonly byte[] Genesis = new byte[Length];

    public static byte[] Compute(
        ReadOnlySpan<byte> prevHash,
        string streamId,
        long version,
        string type,
        string canonicalData,
        DateTimeOffset occurredAt,
        DateTimeOffset recordedAt,
        string tenant,
        EventMetadata metadata)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(prevHash);
        Field(hash, streamId);
        Field(hash, version.ToString(CultureInfo.InvariantCulture));
        Field(hash, type);
        Field(hash, canonicalData);
        Field(hash, FormatTime(occurredAt));
        Field(hash, FormatTime(recordedAt));
        Field(hash, tenant);
        Field(hash, metadata.UserName);
        Field(hash, metadata.CorrelationId);
        Field(hash, metadata.CausationId);
        return hash.GetHashAndReset();
    }

    public static string FormatTime(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);

    /// <summary>PostgreSQL keeps microseconds; times are cut to that before hashing so the stored row hashes the same.</summary>
    public static DateTimeOffset ToStoredPrecision(DateTimeOffset time) =>
        new(time.UtcTicks - time.UtcTicks % 10, TimeSpan.Zero);

    static void Field(IncrementalHash hash, string? value)
    {
        Span<byte> length = stackalloc byte[4];
        if (value is null)
        {
            BinaryPrimitives.WriteInt32BigEndian(length, -1);
            hash.AppendData(length);
            return;
        }
        var bytes = Encoding.UTF8.GetBytes(value);
        BinaryPrimitives.WriteInt32BigEndian(length, bytes.Length);
        hash.AppendData(length);
        hash.AppendData(bytes);
    }
}
