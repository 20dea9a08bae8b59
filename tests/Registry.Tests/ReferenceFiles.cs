using System.Security.Cryptography;

namespace Mrv.Registry.Tests;

/// <summary>
/// The project's copies of the shared reference files: equal to the shared file byte for byte where
/// the shared folder sits beside the repository, and to the SHA-256 the shared file had when it was
/// copied everywhere (a clean clone on CI has no shared folder).
/// </summary>
public static class ReferenceFiles
{
    public static byte[] Embedded(string resource)
    {
        using var stream = typeof(Registry.Hosting.RegistryApp).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"No embedded resource {resource}.");
        using var bytes = new MemoryStream();
        stream.CopyTo(bytes);
        return bytes.ToArray();
    }

    /// <summary>The shared reference file, when the folder <c>../shared/reference</c> of the repository is here.</summary>
    public static byte[]? Shared(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (!File.Exists(Path.Combine(dir.FullName, "Mrv.sln"))) continue;
            var path = Path.Combine(dir.FullName, "..", "shared", "reference", name);
            return File.Exists(path) ? File.ReadAllBytes(path) : null;
        }
        return null;
    }

    public static void ShouldEqualShared(string resource, string sharedName, string sha256)
    {
        var embedded = Embedded(resource);
        Convert.ToHexStringLower(SHA256.HashData(embedded)).ShouldBe(sha256);
        if (Shared(sharedName) is { } shared) embedded.ShouldBe(shared);
    }
}
