using System.Security.Cryptography;
using System.Text;

namespace Mrv.Registry.Enterprises;

/// <summary>
/// 统一社会信用代码 — the unified social credit code of GB 32100-2015: 18 characters from a
/// 31-character set (no I, O, Z, S, V), the last a check character over the first 17.
/// </summary>
public static class CreditCode
{
    public const int Length = 18;
    public const string Charset = "0123456789ABCDEFGHJKLMNPQRTUWXY";

    /// <summary>GB 32100-2015: the weight of each of positions 1–17 (3^(i−1) mod 31).</summary>
    static readonly int[] Weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

    public static bool HasCharset(string code) => code.All(c => Charset.Contains(c));

    /// <summary>The check character for the first 17 characters: value 31 − (Σ value × weight mod 31), where 31 is 0.</summary>
    public static char CheckCharacter(ReadOnlySpan<char> first17)
    {
        if (first17.Length != Length - 1) throw new ArgumentException("The check character covers exactly 17 characters.", nameof(first17));
        var sum = 0;
        for (var i = 0; i < first17.Length; i++)
        {
            var value = Charset.IndexOf(first17[i]);
            if (value < 0) throw new ArgumentException($"'{first17[i]}' is not in the GB 32100 character set.", nameof(first17));
            sum += value * Weights[i];
        }
        return Charset[(31 - sum % 31) % 31];
    }

    /// <summary>Length, character set and check character are all right.</summary>
    public static bool IsValid(string? code) =>
        code is { Length: Length } && HasCharset(code) && CheckCharacter(code.AsSpan(0, Length - 1)) == code[^1];

    /// <summary>The first 17 characters completed with their check character.</summary>
    public static string Complete(string first17) => first17 + CheckCharacter(first17);

    /// <summary>
    /// The enterprise id of a credit code: a name-based UUID (version 8) from SHA-256. Deriving it
    /// makes a second registration of the same code land on the same stream, where Decide refuses
    /// it — without a uniqueness table that could disagree with the log — and makes a re-import of
    /// the same file find the enterprises it created.
    /// </summary>
    public static Guid EnterpriseIdFor(string creditCode)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes("mrv-enterprise:" + creditCode), hash);
        var bytes = hash[..16];
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x80);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true);
    }
}
