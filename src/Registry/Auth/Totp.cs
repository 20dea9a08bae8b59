using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Mrv.Registry.Auth;

/// <summary>
/// Time-based one-time passwords (RFC 6238 over RFC 4226's HOTP): HMAC-SHA1, 30-second steps,
/// 6 digits — what every authenticator app reads from an <c>otpauth://</c> QR code.
/// </summary>
public static class Totp
{
    public const int Digits = 6;
    public const int StepSeconds = 30;

    /// <summary>160 bits, the HMAC-SHA1 key length RFC 4226 §4 recommends.</summary>
    public const int SecretBytes = 20;

    /// <summary>
    /// A code of the step before the current one is still accepted: RFC 6238 §5.2 allows one step of
    /// delay for clocks that drift and for codes typed in the last seconds of their step.
    /// </summary>
    public const int AcceptedPastSteps = 1;

    const string Base32Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    public static byte[] NewSecret() => RandomNumberGenerator.GetBytes(SecretBytes);

    public static long StepAt(DateTimeOffset time) => time.ToUnixTimeSeconds() / StepSeconds;

    public static string CodeAt(byte[] secret, DateTimeOffset time) => Code(secret, StepAt(time));

    /// <summary>HOTP of the step: dynamic truncation of HMAC-SHA1 over the 8-byte big-endian counter (RFC 4226 §5.3).</summary>
    public static string Code(byte[] secret, long step)
    {
        Span<byte> counter = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(counter, step);
        Span<byte> hash = stackalloc byte[HMACSHA1.HashSizeInBytes];
        HMACSHA1.HashData(secret, counter, hash);
        var offset = hash[^1] & 0x0f;
        var binary = BinaryPrimitives.ReadInt32BigEndian(hash[offset..]) & 0x7fffffff;
        return (binary % 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The step whose code this is (the current one or one before), or null; compared in constant time.</summary>
    public static long? MatchingStep(byte[] secret, string code, DateTimeOffset now)
    {
        var current = StepAt(now);
        var given = Encoding.ASCII.GetBytes(code);
        for (var step = current; step >= current - AcceptedPastSteps; step--)
        {
            if (CryptographicOperations.FixedTimeEquals(given, Encoding.ASCII.GetBytes(Code(secret, step)))) return step;
        }
        return null;
    }

    /// <summary>The key URI authenticator apps read (Google Authenticator's Key Uri Format).</summary>
    public static string KeyUri(string issuer, string account, byte[] secret) =>
        $"otpauth://totp/{Uri.EscapeDataString(issuer)}:{Uri.EscapeDataString(account)}" +
        $"?secret={ToBase32(secret)}&issuer={Uri.EscapeDataString(issuer)}&algorithm=SHA1&digits={Digits}&period={StepSeconds}";

    /// <summary>RFC 4648 base32 without padding, as authenticator apps take secrets typed by hand.</summary>
    public static string ToBase32(byte[] bytes)
    {
        var text = new StringBuilder((bytes.Length * 8 + 4) / 5);
        int buffer = 0, bits = 0;
        foreach (var b in bytes)
        {
            buffer = (buffer << 8) | b;
            bits += 8;
            while (bits >= 5)
            {
                text.Append(Base32Alphabet[(buffer >> (bits - 5)) & 31]);
                bits -= 5;
            }
        }
        if (bits > 0) text.Append(Base32Alphabet[(buffer << (5 - bits)) & 31]);
        return text.ToString();
    }

    public static byte[] FromBase32(string text)
    {
        var clean = text.Trim().TrimEnd('=').Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
        var bytes = new List<byte>(clean.Length * 5 / 8);
        int buffer = 0, bits = 0;
        foreach (var c in clean)
        {
            var value = Base32Alphabet.IndexOf(c);
            if (value < 0) throw new FormatException($"'{c}' is not a base32 character.");
            buffer = (buffer << 5) | value;
            bits += 5;
            if (bits >= 8)
            {
                bytes.Add((byte)((buffer >> (bits - 8)) & 0xff));
                bits -= 8;
            }
        }
        return [.. bytes];
    }
}
