using System.Diagnostics;
using System.Text;
using Mrv.Testing;

namespace Mrv.Faults.Tests.Drills;

/// <summary>
/// A registry node as its own process — <c>dotnet Mrv.Registry.dll serve</c>, as ./mrv up and
/// ./mrv cluster run it — so that a drill can kill it with SIGKILL, mid-request.
/// </summary>
public sealed class RegistryNode : IAsyncDisposable
{
    readonly Process process;
    readonly StringBuilder log = new();

    RegistryNode(Process process, string name, string baseUrl)
    {
        this.process = process;
        Name = name;
        BaseUrl = baseUrl;
    }

    public string Name { get; }
    public string BaseUrl { get; }
    public int Pid => process.Id;
    public bool HasExited => process.HasExited;

    public string Log
    {
        get { lock (log) return log.ToString(); }
    }

#if DEBUG
    const string Configuration = "Debug";
#else
    const string Configuration = "Release";
#endif

    /// <summary>The registry built in the same configuration as these tests (./mrv test builds Release).</summary>
    public static string Dll => Path.Combine(Repository.Root, "src", "Registry", "bin", Configuration, "net10.0", "Mrv.Registry.dll");

    public static async Task<RegistryNode> StartAsync(string adminConnectionString, string name)
    {
        if (!File.Exists(Dll)) throw new FileNotFoundException("Build the registry first (./mrv test builds it).", Dll);
        var port = FreePorts.Next();
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Repository.Root,
        };
        foreach (var argument in (string[])[Dll, "serve", "--urls", $"http://127.0.0.1:{port}"]) start.ArgumentList.Add(argument);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        foreach (var (key, value) in DrillHost.Configuration(adminConnectionString, name))
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }
        start.Environment["Logging__LogLevel__Default"] = "Warning";

        var node = new RegistryNode(new Process { StartInfo = start }, name, $"http://127.0.0.1:{port}");
        node.process.OutputDataReceived += (_, e) => node.Append(e.Data);
        node.process.ErrorDataReceived += (_, e) => node.Append(e.Data);
        node.process.Start();
        node.process.BeginOutputReadLine();
        node.process.BeginErrorReadLine();
        try
        {
            await node.WaitHealthyAsync(TimeSpan.FromSeconds(90));
            return node;
        }
        catch
        {
            await node.DisposeAsync();
            throw;
        }
    }

    void Append(string? line)
    {
        if (line is null) return;
        lock (log) log.AppendLine(line);
    }

    async Task WaitHealthyAsync(TimeSpan timeout)
    {
        using var client = Drill.Client(BaseUrl, TimeSpan.FromSeconds(5));
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            if (process.HasExited) throw new InvalidOperationException($"Node {Name} exited with {process.ExitCode} while starting:\n{Log}");
            try
            {
                using var health = await client.GetAsync("/health");
                if (health.IsSuccessStatusCode) return;
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }
            await Task.Delay(200);
        }
        throw new TimeoutException($"Node {Name} did not answer /health within {timeout}:\n{Log}");
    }

    /// <summary>SIGKILL: the process ends at once, whatever it was doing; its sockets close, its open transactions roll back.</summary>
    public void Kill()
    {
        process.Kill(entireProcessTree: true);
        process.WaitForExit(TimeSpan.FromSeconds(10));
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited) Kill();
        await Task.CompletedTask;
        process.Dispose();
    }
}
