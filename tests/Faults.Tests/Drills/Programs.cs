using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Mrv.Faults.Tests.Drills;

/// <summary>The output and exit code of a program a drill ran.</summary>
public sealed record ProgramResult(int ExitCode, string Output)
{
    public ProgramResult Checked(string what) =>
        ExitCode == 0 ? this : throw new InvalidOperationException($"{what} failed (exit code {ExitCode}):\n{Output}");
}

/// <summary>Runs the programs the drills need — PostgreSQL's, the mrv script — always with a time limit.</summary>
public static class Programs
{
    /// <summary>PostgreSQL refuses to run as root, so as root its programs run as the postgres user.</summary>
    public static bool IsRoot => Environment.IsPrivilegedProcess;

    public static async Task<ProgramResult> RunAsync(
        string file, IEnumerable<string> arguments, TimeSpan timeout, IReadOnlyDictionary<string, string?>? environment = null, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? "/",
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null) start.Environment.Remove(name);
            else start.Environment[name] = value;
        }

        var output = new StringBuilder();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            lock (output) throw new TimeoutException($"{file} {string.Join(' ', arguments)} did not finish within {timeout}:\n{output}");
        }
        lock (output) return new ProgramResult(process.ExitCode, output.ToString());
    }

    /// <summary>A PostgreSQL server program, as the owner of the clusters.</summary>
    public static Task<ProgramResult> RunAsPostgresAsync(string file, IEnumerable<string> arguments, TimeSpan timeout) =>
        IsRoot ? RunAsync("runuser", ["-u", "postgres", "--", file, .. arguments], timeout) : RunAsync(file, arguments, timeout);

    /// <summary>Hands a file or folder (recursively) to the postgres user when we are root.</summary>
    public static async Task GiveToPostgresAsync(string path)
    {
        if (IsRoot) (await RunAsync("chown", ["-R", "postgres:postgres", path], TimeSpan.FromSeconds(30))).Checked("chown " + path);
    }

    /// <summary>The bin folder of PostgreSQL: the one ./mrv uses, else the newest of Debian's.</summary>
    public static string PostgresBin =>
        Environment.GetEnvironmentVariable("MRV_PG_BIN") is { Length: > 0 } bin
            ? bin
            : Directory.GetDirectories("/usr/lib/postgresql")
                .Select(d => Path.Combine(d, "bin"))
                .Where(d => File.Exists(Path.Combine(d, "pg_ctl")))
                .OrderBy(d => int.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), out var major) ? major : 0)
                .LastOrDefault()
              ?? throw new InvalidOperationException("PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/pg_ctl); ./mrv test --faults installs it.");

    /// <summary>
    /// A folder of its own for one drill, under the one ./mrv test gives the drills (never inside
    /// the registry's own cluster), traversable by the postgres user.
    /// </summary>
    public static string NewDrillFolder(string name)
    {
        var root = Environment.GetEnvironmentVariable("MRV_DRILL_DIR") is { Length: > 0 } configured ? configured : Path.Combine(Path.GetTempPath(), "mrv-drills");
        var folder = Path.Combine(root, $"{name}-{Guid.NewGuid():N}"[..(name.Length + 9)]);
        Directory.CreateDirectory(folder);
        // 711: the postgres user may pass through to the folders it owns inside, nobody may list it.
        if (IsRoot && !OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute |
                                         UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
        }
        return folder;
    }

    public static void DeleteFolder(string folder)
    {
        try
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // A server that is still shutting down may write its last log line; ./mrv's drill folder is disposable.
        }
    }
}

/// <summary>Loopback ports for the drills' servers: 55600–55799, never the registry's own.</summary>
public static class FreePorts
{
    const int First = 55600;
    const int Last = 55799;
    static readonly HashSet<int> Given = [];

    /// <summary>The first of <paramref name="count"/> consecutive ports that nothing listens on and no other drill of this run was given.</summary>
    public static int Next(int count = 1)
    {
        lock (Given)
        {
            for (var port = First + Random.Shared.Next(0, 100); port + count - 1 <= Last; port++)
            {
                var range = Enumerable.Range(port, count).ToList();
                if (range.Any(Given.Contains) || !range.All(IsFree)) continue;
                Given.UnionWith(range);
                return port;
            }
        }
        throw new InvalidOperationException($"No {count} free consecutive loopback ports between {First} and {Last}.");
    }

    static bool IsFree(int port)
    {
        try
        {
            var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            listener.Stop();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
