using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Mrv.EventStore.Http;
using Mrv.Faults.Tests.Drills;
using Mrv.Registry.Hosting;
using Mrv.Registry.Demo;
using Mrv.Testing;
using Npgsql;
using NpgsqlTypes;
using Xunit.Abstractions;

namespace Mrv.Faults.Tests;

/// <summary>
/// ./mrv cluster up on loopback ports of the drill's own — a PostgreSQL primary, a streaming replica
/// made with pg_basebackup, two registry nodes — and ./mrv cluster down --purge afterwards.
/// </summary>
public sealed class RegistryCluster : IAsyncLifetime
{
    static readonly TimeSpan ScriptTimeout = TimeSpan.FromMinutes(5);

    public string Folder { get; } = Programs.NewDrillFolder("cluster");
    public int PrimaryPort { get; } = FreePorts.Next(2);
    public int FirstNodePort { get; } = FreePorts.Next(2);
    public TimeSpan StartedIn { get; private set; }

    public Dictionary<string, string> Settings => new()
    {
        ["MRV_DATA_DIR"] = Folder,
        ["MRV_CLUSTER_PG_PORT"] = PrimaryPort.ToString(),
        ["MRV_CLUSTER_PORT"] = FirstNodePort.ToString(),
    };

    string Home => Path.Combine(Folder, $"cluster-{PrimaryPort}");
    public string NodeUrl(int node) => $"http://127.0.0.1:{FirstNodePort + node - 1}";
    public string NodeLog(int node) => File.ReadAllText(Path.Combine(Home, $"node{node}.log"));
    public int NodePid(int node) => int.Parse(File.ReadAllText(Path.Combine(Home, $"node{node}.pid")).Trim());

    /// <summary>The superuser's connection to the primary (0) or the replica (1).</summary>
    public string Server(int offset) =>
        $"Host=127.0.0.1;Port={PrimaryPort + offset};Database=mrv;Username=postgres;Password={MrvScript.Secret(Home, PrimaryPort + offset, "MRV_PG_SUPERPASS")}";

    public async Task<ProgramResult> UpAsync()
    {
        var clock = Stopwatch.StartNew();
        var up = (await MrvScript.RunAsync(["cluster", "up"], Settings, ScriptTimeout)).Checked("./mrv cluster up");
        StartedIn = clock.Elapsed;
        return up;
    }

    public Task InitializeAsync() => UpAsync();

    public async Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await MrvScript.RunAsync(["cluster", "down", "--purge"], Settings, ScriptTimeout);
        Programs.DeleteFolder(Folder);
    }
}

/// <summary>
/// More than one machine, on one: API journeys alternating between the two nodes give consistent
/// answers and read their own writes from the replica; exactly one node runs each projection; when
/// a node stops, the other serves everything and takes its projections over (last: it changes who leads).
/// </summary>
[TestCaseOrderer(ByTestOrder.Name, ByTestOrder.Assembly)]
public sealed class ClusterTests(RegistryCluster cluster, ITestOutputHelper output) : IClassFixture<RegistryCluster>
{
    static readonly string[] Projections = [.. RegistryApp.StoreOptions().AsyncProjections.Select(p => p.Name)];

    /// <summary>Both nodes with the same DRC session: the nodes share their data-protection keys through PostgreSQL.</summary>
    async Task<HttpClient[]> ClientsAsync()
    {
        var first = await Drill.SignInAsync(cluster.NodeUrl(1), "drc", DemoData.Password);
        var second = Drill.Client(cluster.NodeUrl(2));
        second.DefaultRequestHeaders.Authorization = first.DefaultRequestHeaders.Authorization;
        return [first, second];
    }

    static string Position(HttpResponseMessage write) =>
        write.Headers.TryGetValues(ReplicaReads.PositionHeader, out var values) ? values.Single() : throw new ShouldAssertException($"{write.RequestMessage?.RequestUri}: no {ReplicaReads.PositionHeader}");

    static async Task<HttpResponseMessage> ReadAfterAsync(HttpClient client, string path, string position)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add(ReplicaReads.ReadAfterHeader, position);
        return await client.SendAsync(request);
    }

    static string ReadFrom(HttpResponseMessage read) => read.Headers.GetValues(ReplicaReads.ReadFromHeader).Single();

    /// <summary>How long the replica took to replay up to a write's position (polled on the replica itself).</summary>
    async Task<TimeSpan> ReplicaLagAsync(NpgsqlDataSource replica, string position, Stopwatch sinceWrite)
    {
        var target = NpgsqlLogSequenceNumber.Parse(position);
        await using var command = replica.CreateCommand("select pg_last_wal_replay_lsn()");
        while ((NpgsqlLogSequenceNumber)(await command.ExecuteScalarAsync())! < target)
        {
            if (sinceWrite.Elapsed > TimeSpan.FromSeconds(30)) throw new TimeoutException($"The replica did not reach {position} within 30 s.");
            await Task.Delay(1);
        }
        return sinceWrite.Elapsed;
    }

    [Fact, TestOrder(1)]
    public async Task journeys_alternating_between_the_nodes_read_their_own_writes_and_one_node_runs_each_projection()
    {
        output.WriteLine($"./mrv cluster up took {cluster.StartedIn.TotalSeconds:F1} s (primary, migrations, demo data, base backup, replica, two nodes).");
        var nodes = await ClientsAsync();
        await using var replica = NpgsqlDataSource.Create(cluster.Server(1));
        // Opened before the first write, so that the lags measured are the replica's, not a first connection's.
        await using (var warm = replica.CreateCommand("select pg_is_in_recovery()")) (await warm.ExecuteScalarAsync()).ShouldBe(true);
        var lags = new List<TimeSpan>();
        var fromReplica = 0;
        const int Journeys = 8;

        for (var i = 0; i < Journeys; i++)
        {
            var (writer, reader) = (nodes[i % 2], nodes[(i + 1) % 2]);
            var code = Drill.NewCreditCode();
            using var registered = await writer.PostAsJsonAsync("/api/v1/enterprises", Drill.Registration(code, $"集群演练第{i}号有限公司"));
            registered.StatusCode.ShouldBe(HttpStatusCode.Created);
            var clock = Stopwatch.StartNew();
            var id = (await registered.JsonAsync()).GetProperty("id").GetGuid();
            var position = Position(registered);
            lags.Add(await ReplicaLagAsync(replica, position, clock));

            using var read = await ReadAfterAsync(reader, $"/api/v1/enterprises/{id}", position);
            read.StatusCode.ShouldBe(HttpStatusCode.OK, "the other node reads the write it was told about");
            (await read.JsonAsync()).GetProperty("creditCode").GetString().ShouldBe(code);
            if (ReadFrom(read) == "replica") fromReplica++;

            // And back: the reader's node writes on top of what it read, the writer's node reads that.
            var facility = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/enterprises/{id}/facilities") { Content = JsonContent.Create(new { code = "F1", nameZh = "1号机组" }) };
            facility.Headers.IfMatch.Add(read.Headers.ETag!);
            using var added = await reader.SendAsync(facility);
            added.StatusCode.ShouldBe(HttpStatusCode.Created, await added.Content.ReadAsStringAsync());
            using var seen = await ReadAfterAsync(writer, $"/api/v1/enterprises/{id}/facilities/F1", Position(added));
            seen.StatusCode.ShouldBe(HttpStatusCode.OK);
            if (ReadFrom(seen) == "replica") fromReplica++;
        }

        fromReplica.ShouldBeGreaterThan(Journeys, "most reads that carry a position are served by the replica once it has replayed it");
        var lists = new List<string>();
        foreach (var node in nodes)
        {
            using var list = await node.GetAsync("/api/v1/enterprises?q=集群演练&pageSize=100");
            ReadFrom(list).ShouldBe("replica", "a read without a position uses the replica");
            lists.Add(await list.Content.ReadAsStringAsync());
        }
        lists[0].ShouldBe(lists[1], "both nodes give the same answer");
        JsonDocument.Parse(lists[0]).RootElement.GetProperty("total").GetInt32().ShouldBe(Journeys);

        // Exactly one node runs each projection: both nodes name the same leader, and only that node's daemon ever took it.
        var statuses = new List<JsonElement>();
        foreach (var node in nodes) statuses.Add(await node.GetFromJsonAsync<JsonElement>("/api/v1/admin/projections"));
        foreach (var projection in Projections)
        {
            var leaders = statuses.Select(s => s.EnumerateArray().Single(p => p.GetProperty("name").GetString() == projection).GetProperty("leader").GetString()).ToList();
            leaders.Distinct().Count().ShouldBe(1);
            leaders[0].ShouldBeOneOf("mrv-registry@node1", "mrv-registry@node2");
            var took = Enumerable.Range(1, 2).Where(n => cluster.NodeLog(n).Contains($"now runs projection {projection}")).ToList();
            took.ShouldBe([leaders[0] == "mrv-registry@node1" ? 1 : 2], $"only the leader's daemon ran {projection}");
        }
        lags.Sort();
        output.WriteLine($"{Journeys} journeys, {4 * Journeys} requests alternating nodes; {fromReplica} of {2 * Journeys} position reads served by the replica; " +
                         $"replica replayed a write {lags[lags.Count / 2].TotalMilliseconds:F1} ms after its answer (median), {lags[^1].TotalMilliseconds:F1} ms at most.");
    }

    [Fact, TestOrder(2)]
    public async Task the_portal_carries_its_position_from_node_to_node_in_a_cookie()
    {
        // One browser: cookies are per host, not per port, so both nodes on 127.0.0.1 see them all.
        using var handler = new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false };
        using var first = new HttpClient(handler, disposeHandler: false) { BaseAddress = new Uri(cluster.NodeUrl(1)) };
        using var second = new HttpClient(handler, disposeHandler: false) { BaseAddress = new Uri(cluster.NodeUrl(2)) };
        var form = await first.GetStringAsync("/login");
        var antiforgery = Regex.Match(form, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        antiforgery.ShouldNotBeNullOrEmpty();

        using var signedIn = await first.PostAsync("/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["username"] = "drc", ["password"] = DemoData.Password, ["__RequestVerificationToken"] = antiforgery,
        }));
        signedIn.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var position = handler.CookieContainer.GetCookies(new Uri(cluster.NodeUrl(1)))[ReplicaReads.PositionCookie];
        position.ShouldNotBeNull("a form that succeeded leaves its position with the browser");
        position.HttpOnly.ShouldBeTrue();
        signedIn.Headers.GetValues(ReplicaReads.PositionHeader).Single().ShouldBe(Uri.UnescapeDataString(position.Value));

        using var page = await second.GetAsync(signedIn.Headers.Location!.OriginalString);
        page.StatusCode.ShouldBe(HttpStatusCode.OK);
        ReadFrom(page).ShouldBe("replica", "the replica has reached the browser's position");

        // A position the replica cannot have reached yet: the page comes from the primary, so the cookie is what decides.
        handler.CookieContainer.Add(new Uri(cluster.NodeUrl(2)), new Cookie(ReplicaReads.PositionCookie, "FFFFFFFF/0"));
        using var ahead = await second.GetAsync(signedIn.Headers.Location!.OriginalString);
        ReadFrom(ahead).ShouldBe("primary");
    }

    [Fact, TestOrder(3)]
    public async Task when_a_node_stops_the_other_serves_everything_and_takes_over_its_projections()
    {
        var nodes = await ClientsAsync();
        var status = await nodes[0].GetFromJsonAsync<JsonElement>("/api/v1/admin/projections");
        var leader = status.EnumerateArray().First().GetProperty("leader").GetString() == "mrv-registry@node1" ? 1 : 2;
        var survivor = 3 - leader;
        var client = nodes[survivor - 1];

        var clock = Stopwatch.StartNew();
        using (var stopping = Process.GetProcessById(cluster.NodePid(leader)))
        {
            (await Programs.RunAsync("kill", ["-TERM", stopping.Id.ToString()], TimeSpan.FromSeconds(10))).Checked("kill -TERM");
            await stopping.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        }
        var stoppedIn = clock.Elapsed;

        using var registered = await client.PostAsJsonAsync("/api/v1/enterprises", Drill.Registration(Drill.NewCreditCode(), "停机演练有限公司"));
        registered.StatusCode.ShouldBe(HttpStatusCode.Created);
        var id = (await registered.JsonAsync()).GetProperty("id").GetGuid();
        using (var read = await ReadAfterAsync(client, $"/api/v1/enterprises/{id}", Position(registered))) read.StatusCode.ShouldBe(HttpStatusCode.OK);

        var caughtUp = await Eventually.WaitAsync(
            async () => await client.GetFromJsonAsync<JsonElement>("/api/v1/admin/projections"),
            list => list.EnumerateArray().All(p => p.GetProperty("leader").GetString() == $"mrv-registry@node{survivor}" && p.GetProperty("lagEvents").GetInt64() == 0),
            TimeSpan.FromSeconds(60));
        var takenOverIn = clock.Elapsed;
        caughtUp.EnumerateArray().Select(p => p.GetProperty("name").GetString()).ShouldBe(Projections, ignoreOrder: true);

        // ./mrv cluster up again starts only what is missing.
        var again = await cluster.UpAsync();
        again.Output.ShouldContain($"node{survivor} already runs");
        using (var health = await Drill.Client(cluster.NodeUrl(leader)).GetAsync("/health")) health.StatusCode.ShouldBe(HttpStatusCode.OK);
        output.WriteLine($"node{leader} (leading) stopped in {stoppedIn.TotalSeconds:F1} s; node{survivor} served writes and reads at once and ran every projection, " +
                         $"caught up, {(takenOverIn - stoppedIn).TotalSeconds:F1} s later; ./mrv cluster up brought node{leader} back in {cluster.StartedIn.TotalSeconds:F1} s.");
    }
}
