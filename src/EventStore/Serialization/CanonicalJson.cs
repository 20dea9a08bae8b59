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
/// </remarks>
public static class CanonicalJson
{
    public static string Canonicalize(ReadOnlySpan<byte> utf8Json)
    {
        var reader = new Utf8JsonReader(utf8Json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow });
        using var document = JsonDocument.ParseValue(ref reader);
        var builder = new StringBuilder(utf8Json.Length + 16);
        Write(document.RootElement, builder);
        return builder.ToString();
    }

    public static string Canonicalize(string json) => Canonicalize(Encoding.UTF8.GetBytes(json));

    public static string Canonicalize(JsonElement element)
    {
        var builder = new StringBuilder();
        Write(element, builder);
        return builder.ToString();
    }

    static void Write(JsonElement element, StringBuilder output)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                WriteObject(element, output);
                break;
            case JsonValueKind.Array:
                output.Append('[');
                var first = true;
                foreach (var item in element.EnumerateArray())
                {
                    if (!first) output.Append(", ");
                    first = false;
                    Write(item, output);
                }
                output.Append(']');
                break;
            case JsonValueKind.String:
                WriteString(element.GetString()!, output);
                break;
            case JsonValueKind.Number:
                output.Append(NormalizeNumber(element.GetRawText()));
                break;
            case JsonValueKind.True:
                output.Append("true");
                break;
            case JsonValueKind.False:
                output.Append("false");
                break;
            case JsonValueKind.Null:
                output.Append("null");
                break;
            default:
                throw new JsonException($"Unexpected JSON value kind {element.ValueKind}.");
        }
    }

    static void WriteObject(JsonElement element, StringBuilder output)
    {
        // Last occurrence of a duplicated key wins, as in jsonb.
        var properties = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            properties[property.Name] = property.Value;
        }

        var keys = properties.Keys
            .Select(key => (Key: key, Bytes: Encoding.UTF8.GetBytes(key)))
            .OrderBy(k => k.Bytes, JsonbKeyOrder.Instance)
            .ToList();

        output.Append('{');
        for (var i = 0; i < keys.Count; i++)
        {
            if (i > 0) output.Append(", ");
            WriteString(keys[i].Key, output);
            output.Append(": ");
            Write(properties[keys[i].Key], output);
        }
        output.Append('}');
    }

    static void WriteString(string value, StringBuilder output)
    {
        output.Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '\0':
                    throw new JsonException("JSON strings may not contain \\u0000 (PostgreSQL jsonb refuses it).");
                case '"': output.Append("\\\""); break;
                case '\\': output.Append("\\\\"); break;
                case '\b': output.Append("\\b"); break;
                case '\f': output.Append("\\f"); break;
                case '\n': output.Append("\\n"); break;
                case '\r': output.Append("\\r"); break;
                case '\t': output.Append("\\t"); break;
                default:
                    if (c < ' ')
                    {
                        output.Append("\\u").Append(((int)c).ToString("x4"));
                    }
                    else
                    {
                        output.Append(c);
                    }
                    break;
            }
        }
        output.Append('"');
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
            exponent = int.Parse(span[(e + 1)..], System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture);
            span = span[..e];
        }

        var point = span.IndexOf('.');
        var integerPart = point >= 0 ? span[..point] : span;
        var fractionPart = point >= 0 ? span[(point + 1)..] : ReadOnlySpan<char>.Empty;

        var scale = Math.Max(0, fractionPart.Length - exponent);
        var digits = string.Concat(integerPart, fractionPart);
        // Position of the decimal point counted from the left of `digits`.
        var pointPosition = integerPart.Length + exponent;

        string whole;
        string fraction;
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

    sealed class JsonbKeyOrder : IComparer<byte[]>
    {
        public static readonly JsonbKeyOrder Instance = new();

        public int Compare(byte[]? x, byte[]? y)
        {
            if (x!.Length != y!.Length) return x.Length.CompareTo(y.Length);
            return x.AsSpan().SequenceCompareTo(y);
        }
    }
}
