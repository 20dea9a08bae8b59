using System.Security.Cryptography;
using System.Text;

namespace Mrv.Verification.Assignment;

/// <summary>
/// The "double random" (双随机) draw, made checkable: every candidate gets the rank
/// SHA-256(UTF-8(seed) ‖ 0x00 ‖ UTF-8(candidate id)), and the draw takes the candidates with the
/// lowest ranks. The seed and the candidate list are recorded with the draw, so anyone can re-run
/// it with any SHA-256 tool and get the same result; the order the candidates were listed in does
/// not matter, and nobody can steer the outcome without changing the recorded seed.
/// </summary>
public static class SeededDraw
{
    /// <summary>A fresh, unpredictable seed (128 bits, hex).</summary>
    public static string NewSeed() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    public static string Rank(string seed, string candidate)
    {
        var bytes = Encoding.UTF8.GetBytes(seed).Concat(new byte[] { 0 }).Concat(Encoding.UTF8.GetBytes(candidate)).ToArray();
        return Convert.ToHexStringLower(SHA256.HashData(bytes));
    }

    /// <summary>The one candidate drawn, or null when there is none.</summary>
    public static string? PickOne(string seed, IEnumerable<string> candidates) => Pick(seed, candidates, 1).FirstOrDefault();

    /// <summary>The <paramref name="count"/> candidates drawn, best rank first (a spot-check sample).</summary>
    public static IReadOnlyList<string> Pick(string seed, IEnumerable<string> candidates, int count)
    {
        ArgumentException.ThrowIfNullOrEmpty(seed);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        return candidates
            .Distinct(StringComparer.Ordinal)
            .Select(candidate => (Candidate: candidate, Rank: Rank(seed, candidate)))
            .OrderBy(c => c.Rank, StringComparer.Ordinal)
            .ThenBy(c => c.Candidate, StringComparer.Ordinal)
            .Take(count)
            .Select(c => c.Candidate)
            .ToList();
    }
}
