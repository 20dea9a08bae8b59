namespace Mrv.Testing;

/// <summary>The checkout the tests run from.</summary>
public static class Repository
{
    /// <summary>The folder holding Mrv.sln, above the test binaries.</summary>
    public static string Root
    {
        get
        {
            for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, "Mrv.sln"))) return directory.FullName;
            }
            throw new DirectoryNotFoundException("The repository root (Mrv.sln) is not above the test binaries.");
        }
    }
}
