using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Mrv.EventStore.Serialization;

/// <summary>
/// Writes JSON exactly as PostgreSQL prints a <c>jsonb</c> value (<c>data::text</c>).
/// </summary>
/// <remarks>
/// The hash chain covers each event's data in this form. Because it is the database's own
/// normal form, the text we hash before the insert is byte for byte what any later reader gets
/// back from <c>data::text</c>, so the chain can be checked from C# or from plain SQL without a
/// second canonicaliser that could drift. PostgreSQL's rules, reproduced here:
/// object keys are de-duplicated (the last one wins) and ordered by UTF-8 length, then bytewise;
/// separators are <c>", "</c> and <c>": "</c>; numbers go through <c>numeric</c> input and output
/// (no exponent, <c>dscale = max(0, fraction digits − exponent)</c>, no negative zero); strings
/// escape <c>"</c>, <c>\</c>, <c>\b \f \n \r \t</c>, and other control characters as <c>\u00xx</c>,
/// and keep everything else as raw UTF-8. <c>\u0000</c> is refused, as jsonb refuses it.
/// The writer works on UTF-8 bytes in one pass per nesting level; it sits on every append's path.
/// </remarks>
public static class CanonicalJson
{
    static readonly byte[] Separator = ", "u8.ToArray();
    static readonly byte[] KeySeparator = ": "u8.ToArray();

    public static string Canonicalize(string json) => Encoding.UTF8.GetString(ToUtf8(Encoding.UTF8.GetBytes(json)));

    public static string Canonicalize(ReadOnlySpan<byte> utf8Json) => Encoding.UTF8.GetString(ToUtf8(utf8Json));

    /// <summary>The canonical form as UTF-8 bytes.</summary>
    public static byte[] ToUtf8(ReadOnlySpan<byte> utf8Json)
    {
        var output = new ArrayBufferWriter<byte>(utf8Json.Length + 32);
        var reader = new Utf8JsonReader(utf8Json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow });
        if (!reader.Read()) throw new JsonException("The JSON document is empty.");
        WriteValue(ref reader, utf8Json, output);
        if (reader.Read()) throw new JsonException("The JSON document has content after its value.");
        return output.WrittenSpan.ToArray();
    }

    static void WriteValue(ref Utf8JsonReader reader, ReadOnlySpan<byte> json, ArrayBufferWriter<byte> output)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
                WriteObject(ref reader, json, output);
                break;
            case JsonTokenType.StartArray:
                output.Write("["u8);
                var first = true;
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    if (!first) output.Write(Separator);
                    first = false;
                    WriteValue(ref reader, json, output);
                }
                output.Write("]"u8);
                break;
            case JsonTokenType.String:
                WriteString(ref reader, output);
                break;
            case JsonTokenType.Number:
                WriteNumber(reader.ValueSpan, output);
                break;
            case JsonTokenType.True:
                output.Write("true"u8);
                break;
            case JsonTokenType.False:
                output.Write("false"u8);
                break;
            case JsonTokenType.Null:
                output.Write("null"u8);
                break;
            default:
                throw new JsonException($"Unexpected JSON token {reader.TokenType}.");
        }
    }

    /// <summary>A member of an object: its key (unescaped UTF-8) and where its value lies in the input.</summary>
    readonly record struct Member(byte[] Key, int ValueStart, int ValueEnd, int Index);

    /// <summary>jsonb's key order: shorter first, then bytewise; equal keys keep their input order.</summary>
    sealed class JsonbKeyOrder : IComparer<Member>
    {
        public static readonly JsonbKeyOrder Instance = new();

        public int Compare(Member a, Member b)
        {
            if (a.Key.Length != b.Key.Length) return a.Key.Length.CompareTo(b.Key.Length);
            var bytes = a.Key.AsSpan().SequenceCompareTo(b.Key);
            return bytes != 0 ? bytes : a.Index.CompareTo(b.Index);
        }
    }

    static void WriteObject(ref Utf8JsonReader reader, ReadOnlySpan<byte> json, ArrayBufferWriter<byte> output)
    {
        var members = new List<Member>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var key = reader.ValueIsEscaped ? Unescape(ref reader) : reader.ValueSpan.ToArray();
            reader.Read();
            var valueStart = (int)reader.TokenStartIndex;
            reader.Skip();
            members.Add(new Member(key, valueStart, (int)reader.BytesConsumed, members.Count));
        }
        members.Sort(JsonbKeyOrder.Instance);

        output.Write("{"u8);
        var written = 0;
        for (var i = 0; i < members.Count; i++)
        {
            // Of equal keys (adjacent after sorting, in input order) only the last one counts.
            if (i + 1 < members.Count && members[i + 1].Key.AsSpan().SequenceEqual(members[i].Key)) continue;
            if (written++ > 0) output.Write(Separator);
            WriteEscaped(members[i].Key, output);
            output.Write(KeySeparator);
            var slice = json[members[i].ValueStart..members[i].ValueEnd];
            var valueReader = new Utf8JsonReader(slice);
            valueReader.Read();
            WriteValue(ref valueReader, slice, output);
        }
        output.Write("}"u8);
    }

    static void WriteString(ref Utf8JsonReader reader, ArrayBufferWriter<byte> output)
    {
        if (reader.ValueIsEscaped)
        {
            WriteEscaped(Unescape(ref reader), output);
            return;
        }
        // Unescaped JSON string content holds no quote, backslash or control character: it is
        // already in PostgreSQL's form.
        output.Write("\""u8);
        output.Write(reader.ValueSpan);
        output.Write("\""u8);
    }

    static byte[] Unescape(ref Utf8JsonReader reader)
    {
        var buffer = new byte[reader.ValueSpan.Length];
        int length;
        try
        {
            length = reader.CopyString(buffer);
        }
        catch (InvalidOperationException e)
        {
            throw new JsonException("A JSON string holds an invalid escape sequence.", e);
        }
        return buffer[..length];
    }

    static void WriteEscaped(ReadOnlySpan<byte> utf8, ArrayBufferWriter<byte> output)
    {
        output.Write("\""u8);
        var start = 0;
        for (var i = 0; i < utf8.Length; i++)
        {
            var b = utf8[i];
            if (b >= 0x20 && b != (byte)'"' && b != (byte)'\\') continue;
            output.Write(utf8[start..i]);
            start = i + 1;
            switch (b)
            {
                case 0:
                    throw new JsonException("JSON strings may not contain \\u0000 (PostgreSQL jsonb refuses it).");
                case (byte)'"': output.Write("\\\""u8); break;
                case (byte)'\\': output.Write("\\\\"u8); break;
                case (byte)'\b': output.Write("\\b"u8); break;
                case (byte)'\f': output.Write("\\f"u8); break;
                case (byte)'\n': output.Write("\\n"u8); break;
                case (byte)'\r': output.Write("\\r"u8); break;
                case (byte)'\t': output.Write("\\t"u8); break;
                default: output.Write(Encoding.ASCII.GetBytes($"\\u{b:x4}")); break;
            }
        }
        output.Write(utf8[start..]);
        output.Write("\""u8);
    }

    static void WriteNumber(ReadOnlySpan<byte> literal, ArrayBufferWriter<byte> output)
    {
        // Without an exponent a literal is already numeric_out's form, except for a negative zero.
        var plain = literal.IndexOfAny("eE"u8) < 0 && !(literal[0] == (byte)'-' && literal[1..].IndexOfAnyExcept("0."u8) < 0);
        if (plain)
        {
            output.Write(literal);
            return;
        }
        output.Write(Encoding.ASCII.GetBytes(NormalizeNumber(Encoding.ASCII.GetString(literal))));
    }

    /// <summary>A JSON number as PostgreSQL's numeric_out prints what numeric_in read.</summary>
    internal static string NormalizeNumber(string literal)
    {
        var span = literal.AsSpan();
        var negative = false;
        if (span[0] == '-')
        {
            negative = true;
            span = span[1..];
        }

        var exponent = 0;
        var e = span.IndexOfAny('e', 'E');
        if (e >= 0)
        {
            exponent = int.Parse(span[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            span = span[..e];
        }

        var point = span.IndexOf('.');
        var integerPart = point >= 0 ? span[..point] : span;
        var fractionPart = point >= 0 ? span[(point + 1)..] : ReadOnlySpan<char>.Empty;

        // numeric_in keeps max(0, fraction digits − exponent) digits after the point.
        var scale = Math.Max(0, fractionPart.Length - exponent);
        var digits = string.Concat(integerPart, fractionPart);
        var pointPosition = integerPart.Length + exponent;

        string whole, fraction;
        if (pointPosition <= 0)
        {
            whole = "0";
            fraction = new string('0', -pointPosition) + digits;
        }
        else if (pointPosition >= digits.Length)
        {
            whole = digits + new string('0', pointPosition - digits.Length);
            fraction = string.Empty;
        }
        else
        {
            whole = digits[..pointPosition];
            fraction = digits[pointPosition..];
        }

        whole = whole.TrimStart('0');
        if (whole.Length == 0) whole = "0";
        fraction = fraction.Length >= scale ? fraction[..scale] : fraction + new string('0', scale - fraction.Length);

        var isZero = whole == "0" && fraction.All(ch => ch == '0');
        var text = scale > 0 ? $"{whole}.{fraction}" : whole;
        return negative && !isZero ? "-" + text : text;
    }
}
