using System.Buffers;
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
        EventMetadata metadata) =>
        Compute(prevHash, streamId, version, type, Encoding.UTF8.GetBytes(canonicalData), occurredAt, recordedAt, tenant, metadata);

    /// <param name="canonicalData">The data in jsonb text form, as UTF-8.</param>
    public static byte[] Compute(
        ReadOnlySpan<byte> prevHash,
        string streamId,
        long version,
        string type,
        ReadOnlySpan<byte> canonicalData,
        DateTimeOffset occurredAt,
        DateTimeOffset recordedAt,
        string tenant,
        EventMetadata metadata)
    {
        // One buffer per thread, hashed in one call: this runs for every event appended.
        var input = Buffer ??= new ArrayBufferWriter<byte>(1024);
        input.ResetWrittenCount();
        input.Write(prevHash);
        Field(input, streamId);
        Span<byte> number = stackalloc byte[20];
        version.TryFormat(number, out var digits, provider: CultureInfo.InvariantCulture);
        Field(input, number[..digits]);
        Field(input, type);
        Field(input, canonicalData);
        Field(input, occurredAt);
        Field(input, recordedAt);
        Field(input, tenant);
        Field(input, metadata.UserName);
        Field(input, metadata.CorrelationId);
        Field(input, metadata.CausationId);
        return SHA256.HashData(input.WrittenSpan);
    }

    [ThreadStatic]
    static ArrayBufferWriter<byte>? Buffer;

    const string TimeFormat = "yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'";

    public static string FormatTime(DateTimeOffset time) => time.UtcDateTime.ToString(TimeFormat, CultureInfo.InvariantCulture);

    /// <summary>PostgreSQL keeps microseconds; times are cut to that before hashing so the stored row hashes the same.</summary>
    public static DateTimeOffset ToStoredPrecision(DateTimeOffset time) =>
        new(time.UtcTicks - time.UtcTicks % 10, TimeSpan.Zero);

    static void Field(ArrayBufferWriter<byte> input, string? value)
    {
        if (value is null)
        {
            BinaryPrimitives.WriteInt32BigEndian(input.GetSpan(4), -1);
            input.Advance(4);
            return;
        }
        var length = Encoding.UTF8.GetByteCount(value);
        var span = input.GetSpan(4 + length);
        BinaryPrimitives.WriteInt32BigEndian(span, length);
        Encoding.UTF8.GetBytes(value, span[4..]);
        input.Advance(4 + length);
    }

    static void Field(ArrayBufferWriter<byte> input, ReadOnlySpan<byte> value)
    {
        BinaryPrimitives.WriteInt32BigEndian(input.GetSpan(4), value.Length);
        input.Advance(4);
        input.Write(value);
    }

    static void Field(ArrayBufferWriter<byte> input, DateTimeOffset time)
    {
        Span<byte> text = stackalloc byte[32];
        time.UtcDateTime.TryFormat(text, out var written, TimeFormat, CultureInfo.InvariantCulture);
        Field(input, text[..written]);
    }
}
