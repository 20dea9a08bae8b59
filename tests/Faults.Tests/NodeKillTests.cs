using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Mrv.EventStore;
using Mrv.Faults.Tests.Drills;
using Mrv.Registry.Enterprises;
using Mrv.Testing;
using Npgsql;
using Xunit.Abstractions;

namespace Mrv.Faults.Tests;

/// <summary>
/// SIGKILL of a registry node in the middle of appends: whatever the node was doing, PostgreSQL has
/// either all of a write or none of it — no event without its inline read model, no user without
/// its password, no import half applied — and another node carries on on the same database.
/// </summary>
public sealed class NodeKillTests(ITestOutputHelper output)
{
    const int ImportRows = 40;

    [Fact]
    public async Task a_node_killed_mid_append_leaves_every_write_whole_or_absent_and_another_node_carries_on()
    {
        await using var database = await TestDatabase.CreateAsync(Drill.MigrateAsync);
        await using (var offline = DrillHost.Offline(database.AdminConnectionString))
        {
            await Drill.SeedDrcAsync(offline.Services);
        }

        var clock = Stopwatch.StartNew();
        var victim = await RegistryNode.StartAsync(database.AdminConnectionString, "victim");
        var started = clock.Elapsed;
        var users = new ConcurrentBag<string>();
        var imports = new ConcurrentBag<(string[] Codes, HttpStatusCode? Status)>();
        var inFlight = 0;
        var failures = new ConcurrentQueue<string>();
        var writers = new List<Task>();
        using var stopping = new CancellationTokenSource();
        int killedWithInFlight;
        try
        {
            var drc = await Drill.SignInAsync(victim.BaseUrl);
            for (var i = 0; i < 3; i++)
            {
                writers.Add(Task.Run(async () =>
                {
                    while (!stopping.IsCancellationRequested)
                    {
                        var username = "drill-" + Guid.NewGuid().ToString("N")[..12];
                        await SendAsync(() => drc.PostAsJsonAsync("/api/v1/users", new { username, password = "drill-password-2", role = "drc" }),
                            status => { if (status == HttpStatusCode.Created) users.Add(username); });
                    }
                }));
                writers.Add(Task.Run(async () =>
                {
                    while (!stopping.IsCancellationRequested)
                    {
                        var codes = Enumerable.Range(0, ImportRows).Select(_ => Drill.NewCreditCode()).ToArray();
                        await SendAsync(() => drc.PostAsync("/api/v1/enterprises/import", Drill.ImportFile(codes)), status => imports.Add((codes, status)));
                    }
                }));
            }

            async Task SendAsync(Func<Task<HttpResponseMessage>> send, Action<HttpStatusCode?> answered)
            {
                Interlocked.Increment(ref inFlight);
                try
                {
                    using var response = await send();
                    if (!response.IsSuccessStatusCode) failures.Enqueue($"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
                    answered(response.StatusCode);
                }
                catch (HttpRequestException)
                {
                    answered(null);
                }
                finally
                {
                    Interlocked.Decrement(ref inFlight);
                }
            }

            var deadline = Stopwatch.StartNew();
            while (users.Count < 20 || imports.Count(i => i.Status == HttpStatusCode.OK) < 3 || Volatile.Read(ref inFlight) < 4)
            {
                if (deadline.Elapsed > TimeSpan.FromSeconds(60)) throw new TimeoutException($"Not enough load on the node: {users.Count} users, {imports.Count} imports.\n{victim.Log}");
                await Task.Delay(20);
            }
            // No new request from here on: the ones in flight meet the kill.
            await stopping.CancelAsync();
            killedWithInFlight = Volatile.Read(ref inFlight);
            victim.Kill();
            await Task.WhenAll(writers).WaitAsync(TimeSpan.FromSeconds(60));
        }
        finally
        {
            await victim.DisposeAsync();
        }
        var killedAt = clock.Elapsed;
        failures.ShouldBeEmpty("before the kill every write succeeded");

        await using var admin = NpgsqlDataSource.Create(database.AdminConnectionString);
        // Every stream the node wrote, with its read model and its side table in the same state.
        (await CountAsync(admin, """
            select count(*) from eventstore.streams s
            where s.type = 'user'
              and (not exists (select 1 from readmodels.users d where d.id = s.id
                               and d.version = (select max(e.version) from eventstore.events e where e.stream_id = s.id and e.type = 'user_created.v1'))
                   or not exists (select 1 from registry.credentials c where 'user-' || c.username = s.id))
            """)).ShouldBe(0, "a user stream without its document or its password");
        (await CountAsync(admin, """
            select count(*) from eventstore.streams s
            where s.type = 'enterprise' and not exists (select 1 from readmodels.enterprises d where d.id = s.id and d.version = s.version)
            """)).ShouldBe(0, "an enterprise stream whose read model is not at its version");
        (await CountAsync(admin, """
            select count(*) from eventstore.streams s
            where s.version <> (select coalesce(max(e.version), 0) from eventstore.events e where e.stream_id = s.id)
            """)).ShouldBe(0, "a stream whose head is not its last event");
        (await CountAsync(admin, "select count(*) from readmodels.users d where not exists (select 1 from eventstore.streams s where s.id = d.id)"))
            .ShouldBe(0, "a document without its events");

        var importsByPresence = new List<long>();
        foreach (var (codes, status) in imports)
        {
            var ids = codes.Select(c => Enterprise.StreamId(CreditCode.EnterpriseIdFor(c))).ToArray();
            var present = await CountAsync(admin, "select count(*) from eventstore.streams where id = any($1)", ids);
            present.ShouldBeOneOf([0L, ImportRows], "an import is applied whole or not at all");
            if (status == HttpStatusCode.OK) present.ShouldBe(ImportRows, "an acknowledged import is all there");
            importsByPresence.Add(present);
        }
        var usersPresent = await CountAsync(admin, "select count(*) from eventstore.streams where id = any($1)", users.Select(u => "user-" + u).ToArray());
        usersPresent.ShouldBe(users.Count, "every acknowledged user exists");
        var chains = await HashChainVerifier.VerifyAsync(admin);
        chains.Intact.ShouldBeTrue(chains.FirstBreak?.ToString());

        // The next node on the same database: the victim's sessions (and its projection leadership) are gone.
        await using var survivor = await RegistryNode.StartAsync(database.AdminConnectionString, "survivor");
        var client = await Drill.SignInAsync(survivor.BaseUrl);
        using (var write = await client.PostAsJsonAsync("/api/v1/enterprises", Drill.Registration(Drill.NewCreditCode())))
        {
            write.StatusCode.ShouldBe(HttpStatusCode.Created);
            write.Headers.Contains(Mrv.EventStore.Http.ReplicaReads.PositionHeader).ShouldBeFalse("without a replica configured, nothing changes");
        }
        var projections = await Eventually.WaitAsync(
            async () => await client.GetFromJsonAsync<JsonElement>("/api/v1/admin/projections"),
            list => list.EnumerateArray().All(p => p.GetProperty("lagEvents").GetInt64() == 0 && p.GetProperty("leader").GetString() == "mrv-registry@survivor"),
            TimeSpan.FromSeconds(60));
        output.WriteLine($"Node up in {started.TotalSeconds:F1} s; killed with {killedWithInFlight} requests in flight after {users.Count} users and " +
                         $"{imports.Count(i => i.Status == HttpStatusCode.OK)} imports acknowledged; imports cut off by the kill: " +
                         $"{importsByPresence.Count(p => p == ImportRows) - imports.Count(i => i.Status == HttpStatusCode.OK)} committed whole, {importsByPresence.Count(p => p == 0)} absent; " +
                         $"{chains.Events} events verified; the next node caught up {projections.GetArrayLength()} projections; drill {clock.Elapsed.TotalSeconds:F1} s " +
                         $"(kill at {killedAt.TotalSeconds:F1} s).");
    }

    static async Task<long> CountAsync(NpgsqlDataSource dataSource, string sql, string[]? ids = null)
    {
        await using var command = dataSource.CreateCommand(sql);
        if (ids is not null) command.Parameters.Add(new() { Value = ids });
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
