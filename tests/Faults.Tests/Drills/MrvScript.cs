using Mrv.Testing;

namespace Mrv.Faults.Tests.Drills;

/// <summary>The ./mrv script, run as an operator would, with the settings of a drill.</summary>
public static class MrvScript
{
    /// <summary>
    /// Runs ./mrv with <paramref name="settings"/> on top of this process's environment, minus the
    /// connection settings ./mrv test exported for the registry's own cluster: the script must find
    /// its servers from the drill's settings alone.
    /// </summary>
    public static Task<ProgramResult> RunAsync(IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string> settings, TimeSpan timeout)
    {
        var environment = new Dictionary<string, string?>
        {
            ["ConnectionStrings__Admin"] = null,
            ["Mrv__AppRolePassword"] = null,
            ["MRV_TEST_ADMIN_DB"] = null,
            ["MRV_DB"] = null,
            ["MRV_PG_PORT"] = null,
        };
        foreach (var (key, value) in settings) environment[key] = value;
        return Programs.RunAsync("bash", [Path.Combine(Repository.Root, "mrv"), .. arguments], timeout, environment, Repository.Root);
    }

    /// <summary>A value from the secrets file ./mrv keeps beside a private cluster.</summary>
    public static string Secret(string dataDirectory, int port, string name) =>
        File.ReadLines(Path.Combine(dataDirectory, $"pg-{port}.secrets"))
            .Select(line => line.Split('=', 2))
            .Last(parts => parts.Length == 2 && parts[0] == name)[1];
}
