using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Mrv.EventStore;
using Mrv.Faults.Tests.Drills;
using Mrv.Registry.Enterprises;
using Npgsql;
using Xunit.Abstractions;

namespace Mrv.Faults.Tests;

/// <summary>
/// kill -9 of PostgreSQL while eight clients write: the host keeps answering (503 with Retry-After,
/// never 500), recovers by itself once the server is back, and nothing it acknowledged is lost.
/// </summary>
public sealed class PostgresKillTests(ITestOutputHelper output)
{
    const int Writers = 8;

    /// <summary>One answer a writer got, at a time since the drill began.</summary>
    sealed record Answer(TimeSpan At, HttpStatusCode? Status, bool RetryAfter, string? ContentType, Guid? Id, string? Failure);

    [Fact]
    public async Task kill_9_of_postgres_under_eight_writers_loses_no_acknowledged_write_and_the_same_host_recovers()
    {
        await using var cluster = await DrillCluster.CreateAsync("pgkill");
        await cluster.CreateDatabaseAsync("mrv");
        var admin = cluster.ConnectionString("mrv");
        await using var host = await DrillHost.StartAsync(admin, "pgkill-host");
        await Drill.SeedDrcAsync(host.Services);
        var clients = new List<HttpClient>();
        for (var i = 0; i < Writers; i++) clients.Add(await Drill.SignInAsync(host.BaseUrl));

        var clock = Stopwatch.StartNew();
        var answers = new ConcurrentQueue<Answer>();
        using var stop = new CancellationTokenSource();
        var writers = clients.Select(client => Task.Run(() => WriteUntilStoppedAsync(client, clock, answers, stop.Token))).ToList();
        try
        {
            await WaitForAsync(() => answers.Count(a => a.Status == HttpStatusCode.Created) >= 40, TimeSpan.FromSeconds(60), "40 writes before the kill");

            var killedAt = clock.Elapsed;
            cluster.KillPostmaster();
            await WaitForAsync(() => answers.Count(a => a.At > killedAt && a.Status == HttpStatusCode.ServiceUnavailable) >= 2 * Writers
                                     && clock.Elapsed - killedAt > TimeSpan.FromSeconds(2),
                TimeSpan.FromSeconds(30), "503 answers while PostgreSQL is down");

            var restartAt = clock.Elapsed;
            await cluster.StartAsync();
            var upAt = clock.Elapsed;
            await WaitForAsync(() => answers.Count(a => a.At > upAt && a.Status == HttpStatusCode.Created) >= 40, TimeSpan.FromSeconds(60),
                "40 writes after the restart (the host must recover without a restart of its own)");
            stop.Cancel();
            await Task.WhenAll(writers);

            var all = answers.ToList();
            var firstAfterUp = all.Where(a => a.At > upAt && a.Status == HttpStatusCode.Created).Min(a => a.At);
            var downtime = all.Where(a => a.At > killedAt && a.Status == HttpStatusCode.ServiceUnavailable).ToList();
            output.WriteLine($"{all.Count} answers: {all.Count(a => a.Status == HttpStatusCode.Created)} × 201, {downtime.Count} × 503; " +
                             $"killed at {killedAt.TotalSeconds:F2} s, restart began {restartAt.TotalSeconds:F2} s, PostgreSQL accepted connections " +
                             $"{(upAt - restartAt).TotalSeconds:F2} s later (crash recovery included); first 201 after that {(firstAfterUp - upAt).TotalSeconds:F2} s " +
                             $"after; drill {clock.Elapsed.TotalSeconds:F1} s.");

            all.Where(a => a.Status is not (HttpStatusCode.Created or HttpStatusCode.ServiceUnavailable))
                .Select(a => $"{a.At.TotalSeconds:F2} s: {(a.Status is null ? "no answer" : ((int)a.Status).ToString())} {a.Failure}")
                .ShouldBeEmpty("every answer is 201 or 503 — never a 500, never a dropped connection");
            downtime.ShouldAllBe(a => a.RetryAfter && a.ContentType == "application/problem+json");

            using (var health = await clients[0].GetAsync("/health")) health.StatusCode.ShouldBe(HttpStatusCode.OK);

            var acknowledged = all.Where(a => a.Status == HttpStatusCode.Created).Select(a => Enterprise.StreamId(a.Id!.Value)).ToArray();
            await using var dataSource = NpgsqlDataSource.Create(admin);
            await using (var present = dataSource.CreateCommand(
                "select (select count(*) from eventstore.streams where id = any($1)), (select count(*) from readmodels.enterprises where id = any($1))"))
            {
                present.Parameters.Add(new() { Value = acknowledged });
                await using var reader = await present.ExecuteReaderAsync();
                await reader.ReadAsync();
                reader.GetInt64(0).ShouldBe(acknowledged.Length, "every write answered 201 has its stream");
                reader.GetInt64(1).ShouldBe(acknowledged.Length, "and its read model");
            }
            var chains = await HashChainVerifier.VerifyAsync(dataSource);
            chains.Intact.ShouldBeTrue(chains.FirstBreak?.ToString());
            await host.WaitForProjectionsAsync(TimeSpan.FromSeconds(60));
        }
        finally
        {
            await stop.CancelAsync();
            await Task.WhenAll(writers.Select(w => w.ContinueWith(_ => { }, TaskScheduler.Default)));
            foreach (var client in clients) client.Dispose();
        }
    }

    static async Task WriteUntilStoppedAsync(HttpClient client, Stopwatch clock, ConcurrentQueue<Answer> answers, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            var code = Drill.NewCreditCode();
            try
            {
                using var response = await client.PostAsJsonAsync("/api/v1/enterprises", Drill.Registration(code), CancellationToken.None);
                Guid? id = response.StatusCode == HttpStatusCode.Created ? (await response.JsonAsync()).GetProperty("id").GetGuid() : null;
                var failure = response.StatusCode is HttpStatusCode.Created or HttpStatusCode.ServiceUnavailable ? null : await response.Content.ReadAsStringAsync();
                answers.Enqueue(new Answer(clock.Elapsed, response.StatusCode, response.Headers.RetryAfter is not null,
                    response.Content.Headers.ContentType?.MediaType, id, failure));
                // A real client waits as long as Retry-After says; the drill keeps asking to see when service returns.
                if (response.StatusCode == HttpStatusCode.ServiceUnavailable) await Task.Delay(100, CancellationToken.None);
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                answers.Enqueue(new Answer(clock.Elapsed, null, false, null, null, e.Message));
            }
        }
    }

    static async Task WaitForAsync(Func<bool> condition, TimeSpan timeout, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > timeout) throw new TimeoutException($"Not within {timeout}: {what}.");
            await Task.Delay(50);
        }
    }
}
