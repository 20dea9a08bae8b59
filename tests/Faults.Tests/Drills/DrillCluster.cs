using System.Diagnostics;
using Npgsql;

namespace Mrv.Faults.Tests.Drills;

/// <summary>
/// A throw-away PostgreSQL cluster of one drill: its own folder, its own loopback port, fsync on as
/// in production (a crash drill on a server that does not flush proves nothing). Disposing stops it,
/// however it is, and deletes it.
/// </summary>
public sealed class DrillCluster : IAsyncDisposable
{
    const string Superuser = "postgres";
    static readonly TimeSpan ProgramTimeout = TimeSpan.FromSeconds(90);

    DrillCluster(string folder, int port, string password)
    {
        Folder = folder;
        Port = port;
        Password = password;
    }

    public string Folder { get; }
    public int Port { get; }
    public string Password { get; }
    public string DataDirectory => Path.Combine(Folder, "data");
    public string LogFile => Path.Combine(Folder, "server.log");

    static string Program(string name) => Path.Combine(Programs.PostgresBin, name);

    public static async Task<DrillCluster> CreateAsync(string name)
    {
        var folder = Programs.NewDrillFolder(name);
        var cluster = new DrillCluster(folder, FreePorts.Next(), Guid.NewGuid().ToString("N"));
        try
        {
            await cluster.InitAsync();
            await cluster.StartAsync();
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    async Task InitAsync()
    {
        var passwordFile = Path.Combine(Folder, "password");
        await File.WriteAllTextAsync(passwordFile, Password + "\n");
        Directory.CreateDirectory(DataDirectory);
        await File.WriteAllTextAsync(LogFile, "");
        await Programs.GiveToPostgresAsync(Folder);
        // --no-sync only skips flushing initdb's own files: the drill's writes are flushed as usual.
        (await Programs.RunAsPostgresAsync(Program("initdb"),
            ["-D", DataDirectory, "-U", Superuser, "--auth-host=scram-sha-256", "--auth-local=peer", "--encoding=UTF8", "--locale=C.UTF-8",
             "--pwfile=" + passwordFile, "--no-sync"], ProgramTimeout)).Checked("initdb");
        File.Delete(passwordFile);
        await File.AppendAllTextAsync(Path.Combine(DataDirectory, "postgresql.conf"), $"""

            # Drill cluster: loopback TCP only, no Unix socket, production durability.
            listen_addresses = '127.0.0.1'
            port = {Port}
            unix_socket_directories = ''
            max_connections = 100
            shared_buffers = 64MB
            fsync = on
            synchronous_commit = on
            full_page_writes = on

            """);
    }

    public string ConnectionString(string database) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = Port,
        Database = database,
        Username = Superuser,
        Password = Password,
        Timeout = 5,
    }.ConnectionString;

    public async Task CreateDatabaseAsync(string database)
    {
        await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"create database {database}", connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>
    /// Starts the server and waits until it accepts connections. Just after a kill -9 of the
    /// postmaster its orphaned backends may still hold the old shared memory for a moment, and the
    /// new postmaster refuses to start until they are gone: so it tries again, within <paramref name="within"/>.
    /// </summary>
    public async Task StartAsync(TimeSpan? within = null)
    {
        var deadline = Stopwatch.StartNew();
        var limit = within ?? TimeSpan.FromSeconds(60);
        while (true)
        {
            var started = await Programs.RunAsPostgresAsync(Program("pg_ctl"),
                ["-D", DataDirectory, "-l", LogFile, "-w", "-t", "60", "start"], ProgramTimeout);
            if (started.ExitCode == 0) return;
            if (deadline.Elapsed > limit)
            {
                throw new InvalidOperationException($"PostgreSQL on {Port} did not start within {limit}:\n{started.Output}\n{Tail()}");
            }
            await Task.Delay(250);
        }
    }

    /// <summary>The pid of the postmaster, from the first line of postmaster.pid.</summary>
    public int PostmasterPid => int.Parse(File.ReadLines(Path.Combine(DataDirectory, "postmaster.pid")).First().Trim());

    /// <summary>kill -9 of the postmaster: no shutdown, no checkpoint; the next start runs crash recovery.</summary>
    public void KillPostmaster()
    {
        using var postmaster = Process.GetProcessById(PostmasterPid);
        postmaster.Kill();
        postmaster.WaitForExit(TimeSpan.FromSeconds(10));
    }

    public string Tail(int lines = 30) =>
        File.Exists(LogFile) ? string.Join('\n', File.ReadLines(LogFile).TakeLast(lines)) : "";

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (File.Exists(Path.Combine(DataDirectory, "postmaster.pid")))
        {
            var stopped = await Programs.RunAsPostgresAsync(Program("pg_ctl"), ["-D", DataDirectory, "-m", "immediate", "-w", "-t", "30", "stop"], ProgramTimeout);
            if (stopped.ExitCode != 0 && File.Exists(Path.Combine(DataDirectory, "postmaster.pid")))
            {
                try
                {
                    KillPostmaster();
                }
                catch (ArgumentException)
                {
                    // Not running: nothing left to stop.
                }
            }
        }
        Programs.DeleteFolder(Folder);
    }
}
