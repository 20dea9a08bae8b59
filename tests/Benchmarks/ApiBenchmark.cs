using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using Mrv.Registry.Demo;
using Npgsql;

namespace Mrv.Benchmarks;

/// <summary>
/// The registry over HTTP in the week before the reporting deadline: a synthetic province
/// (<c>seed --scale</c>), the registry host in a process of its own (Release, production settings,
/// its projection daemon running), and an open-loop load generator sending requests on a fixed
/// schedule whatever the answers' pace — latency counts from when a request was due, so a slow
/// server cannot hide its queue. Each load is stepped up until p99 passes 200 ms (or errors pass
/// 1%); the highest rate within that is the maximum, and a last step at 70% of it gives the p99 a
/// registry would run at. The baseline is a bare minimal API in another process doing one
/// PostgreSQL statement per request, stepped up the same way in the same run.
/// </summary>
public static class ApiBenchmark
{
    const string Database = "mrv_bench_api";
    const string AppRole = "mrv_app";
    const double P99Limit = 200, ErrorLimit = 0.01, StepFactor = 1.5, MaxRate = 6_000;
    const int DataYear = 2025, ReportYear = 2024;

    sealed record Settings(int Enterprises, int Users, TimeSpan Step, double StartRate);

    sealed record Route(string Name, Func<HttpRequestMessage> Make, HttpStatusCode[] Expected);

    sealed record Sample(string Route, double Ms, bool Ok);

    public sealed record RouteFigures(string Route, int Requests, int Errors, double P50Ms, double P99Ms);

    /// <param name="ServerCpuMs">Processor time the serving process spent per request (all its threads, the daemon's included).</param>
    public sealed record StepFigures(double Rate, double Throughput, int Requests, int Errors, double P50Ms, double P99Ms, double ServerCpuMs,
        IReadOnlyList<RouteFigures> Routes, double? ProjectionLagSeconds, long? ProjectionLagEvents);

    public sealed record RampFigures(string Name, IReadOnlyList<StepFigures> Steps, StepFigures? Maximum, StepFigures? AtSeventyPercent);

    public static async Task<int> RunAsync(bool quick)
    {
        var admin = Environment.GetEnvironmentVariable("ConnectionStrings__Admin")
            ?? throw new InvalidOperationException("ConnectionStrings__Admin is not set: run through ./mrv bench api.");
        var appPassword = Environment.GetEnvironmentVariable("Mrv__AppRolePassword") ?? "mrv_app_local_only";
        var registryDll = Path.GetFullPath(Path.Combine("src", "Registry", "bin", "Release", "net10.0", "Mrv.Registry.dll"));
        if (!File.Exists(registryDll)) throw new InvalidOperationException($"{registryDll} is missing: run through ./mrv bench api, which builds it.");
        var settings = quick
            ? new Settings(Enterprises: 1_000, Users: 150, Step: TimeSpan.FromSeconds(4), StartRate: 10)
            : new Settings(Enterprises: 5_000, Users: 600, Step: TimeSpan.FromSeconds(10), StartRate: 10);

        var (adminDb, appDb, postgres) = await BenchDatabase.CreateAsync(admin, Database, AppRole, appPassword);
        var environment = new Dictionary<string, string>
        {
            ["ConnectionStrings__Admin"] = adminDb,
            ["Mrv__AppRolePassword"] = appPassword,
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Logging__LogLevel__Default"] = "Warning",
            ["Logging__LogLevel__Microsoft.AspNetCore"] = "Warning",
        };
        Directory.CreateDirectory(Path.Combine("artifacts", "bench"));
        var clock = Stopwatch.StartNew();
        await RunToEndAsync(registryDll, ["migrate"], environment);
        await RunToEndAsync(registryDll, ["seed-demo"], environment);
        await RunToEndAsync(registryDll, ["seed", "--scale", settings.Enterprises.ToString(CultureInfo.InvariantCulture)], environment, echo: true);
        await CreateRawTableAsync(adminDb);
        Console.WriteLine($"Database ready in {clock.Elapsed.TotalSeconds:0} s: {settings.Enterprises:N0} synthetic enterprises beside the demo.");

        var registryUrl = $"http://127.0.0.1:{FreePort()}";
        var rawUrl = $"http://127.0.0.1:{FreePort()}";
        using var registry = Start(registryDll, ["serve", "--urls", registryUrl], environment, Path.Combine("artifacts", "bench", "api-registry.log"));
        using var raw = Start(typeof(ApiBenchmark).Assembly.Location, ["raw-api", appDb, rawUrl], environment, Path.Combine("artifacts", "bench", "api-raw.log"));
        try
        {
            using var client = new HttpClient(new SocketsHttpHandler
            {
                MaxConnectionsPerServer = 256,
                PooledConnectionLifetime = TimeSpan.FromMinutes(10),
                UseCookies = false,
                AutomaticDecompression = DecompressionMethods.None,
            }) { Timeout = TimeSpan.FromSeconds(30) };
            await WaitUntilUpAsync(client, registryUrl + "/health", registry);
            await WaitUntilUpAsync(client, rawUrl + "/raw/health", raw);

            var drc = await TokenAsync(client, registryUrl, "drc", DemoData.Password);
            var users = await EnterpriseUsersAsync(client, registryUrl, drc, settings.Users);
            Console.WriteLine($"{users.Count} enterprise users signed in; load steps of {settings.Step.TotalSeconds:0} s from {settings.StartRate} requests/s, ×{StepFactor} each.");

            var routes = new Routes(registryUrl, rawUrl, drc, users);
            await WarmUpAsync(client, routes);
            async Task<(double?, long?)> Lag() => await ProjectionLagAsync(client, registryUrl, drc);

            var rawRead = await RampAsync("raw.api_single_query", client, raw, _ => routes.RawRead(), settings, null);
            var rawInsert = await RampAsync("raw.api_single_insert", client, raw, _ => routes.RawInsert(), settings, null);
            var dashboard = await RampAsync("api.read_dashboard", client, registry, _ => routes.Dashboard(), settings, Lag);
            var monthly = await RampAsync("api.write_monthly", client, registry, _ => routes.MonthlyData(), settings, Lag);
            var mix = await RampAsync("api.deadline_mix", client, registry, routes.Mix, settings, Lag);
            Console.WriteLine($"Reports submitted during the mix: {routes.Submitted} of {users.Count} open (then the mix sends report reads in their place).");

            var scenarios = new List<Scenario>
            {
                Throughput("api.read_dashboard", dashboard, rawRead, "≥ 0.5", 0.5),
                P99("api.read_dashboard.p99_at_70pct", dashboard, rawRead),
                Throughput("api.write_monthly", monthly, rawInsert, "≥ 0.5", 0.5),
                P99("api.write_monthly.p99_at_70pct", monthly, rawInsert),
                Throughput("api.deadline_mix", mix, rawRead, "measured", 0),
                P99("api.deadline_mix.p99_at_70pct", mix, rawRead),
            };
            BenchReport.Write(Path.Combine("artifacts", "bench", "api.json"), BenchReport.Machine(), postgres, quick, scenarios,
                new { enterprises = settings.Enterprises, users = users.Count, stepSeconds = settings.Step.TotalSeconds, ramps = new[] { rawRead, rawInsert, dashboard, monthly, mix } });
            return 0;
        }
        finally
        {
            Stop(registry);
            Stop(raw);
        }
    }

    static Scenario Throughput(string name, RampFigures ramp, RampFigures baseline, string goal, double atLeast)
    {
        var value = ramp.Maximum?.Throughput ?? 0;
        var baseValue = baseline.Maximum?.Throughput ?? 0;
        var ratio = baseValue > 0 ? value / baseValue : 0;
        return new Scenario(name, value, "requests/s", baseline.Name, baseValue, ratio, goal, ratio >= atLeast);
    }

    static Scenario P99(string name, RampFigures ramp, RampFigures baseline)
    {
        var value = ramp.AtSeventyPercent?.P99Ms ?? double.NaN;
        var baseValue = baseline.AtSeventyPercent?.P99Ms ?? double.NaN;
        return new Scenario(name, value, "ms", baseline.Name + ".p99_at_70pct", baseValue, baseValue > 0 ? value / baseValue : 0, "≤ 50 ms", value <= 50);
    }

    /// <summary>The requests of the run: who sends what, spread over the users so that no one user or stream is hammered.</summary>
    sealed class Routes(string registry, string raw, string drc, IReadOnlyList<(int Index, Guid Id, string Token)> users)
    {
        long writes, reads, submits, rawWrites;
        int submitted;
        readonly ConcurrentQueue<(int Index, Guid Id, string Token)> toSubmit = new(users);

        public int Submitted => submitted;

        (int Index, Guid Id, string Token) Someone() => users[Random.Shared.Next(users.Count)];

        static HttpRequestMessage With(HttpRequestMessage request, string token)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            return request;
        }

        /// <summary>The enterprise's home page in the portal: plan, calendar, this year's and last year's report.</summary>
        public Route Dashboard()
        {
            var user = Someone();
            return new Route("dashboard", () => With(new HttpRequestMessage(HttpMethod.Get, $"{registry}/enterprises/{user.Id}?year={ReportYear}"), user.Token), [HttpStatusCode.OK]);
        }

        public Route ReportRead()
        {
            var user = Someone();
            return new Route("report_read", () => With(new HttpRequestMessage(HttpMethod.Get, $"{registry}/api/v1/enterprises/{user.Id}/reports/{ReportYear}"), user.Token),
                [HttpStatusCode.OK]);
        }

        /// <summary>A month of the data year, user after user, so that a user's next write comes a whole round later.</summary>
        public Route MonthlyData()
        {
            var n = Interlocked.Increment(ref writes) - 1;
            var user = users[(int)(n % users.Count)];
            var month = (int)(n / users.Count % 12) + 1;
            var body = ScaleSeed.MonthlyData(user.Index, DataYear, month);
            return new Route("write_monthly", () => With(new HttpRequestMessage(HttpMethod.Put, $"{registry}/api/v1/enterprises/{user.Id}/activity/{DataYear}/{month}")
            {
                Content = JsonContent.Create(body, options: Json),
            }, user.Token), [HttpStatusCode.OK]);
        }

        /// <summary>The DRC's board: a league/city's submitted reports, page by page.</summary>
        public Route DrcBoard()
        {
            var n = Interlocked.Increment(ref reads);
            var league = Mrv.Registry.Regions.Leagues.All[(int)(n % 12)].Code;
            return new Route("drc_board", () => With(new HttpRequestMessage(HttpMethod.Get,
                $"{registry}/api/v1/reports?year={ReportYear}&league={league}&status=submitted&page={n / 12 % 3 + 1}&pageSize=50"), drc), [HttpStatusCode.OK]);
        }

        /// <summary>A report submitted, each once; when every user's report is in, a report read takes its place.</summary>
        public Route Submit()
        {
            Interlocked.Increment(ref submits);
            if (!toSubmit.TryDequeue(out var user)) return ReportRead();
            Interlocked.Increment(ref submitted);
            return new Route("submit_report", () => With(new HttpRequestMessage(HttpMethod.Post, $"{registry}/api/v1/enterprises/{user.Id}/reports/{ReportYear}/submit"), user.Token),
                [HttpStatusCode.OK]);
        }

        /// <summary>
        /// The deadline week: of 100 requests, 35 monthly-data writes, 3 report submissions, 27
        /// dashboards, 20 report reads and 15 DRC board pages; the order scrambled so that every
        /// second of the step has the same mix.
        /// </summary>
        public Route Mix(long i) => (i * 37 % 100) switch
        {
            < 35 => MonthlyData(),
            < 38 => Submit(),
            < 65 => Dashboard(),
            < 85 => ReportRead(),
            _ => DrcBoard(),
        };

        public Route RawRead()
        {
            var user = Someone();
            return new Route("raw_single_query", () => new HttpRequestMessage(HttpMethod.Get, $"{raw}/raw/single-query/report-{user.Id}-{ReportYear}"), [HttpStatusCode.OK]);
        }

        public Route RawInsert()
        {
            var n = Interlocked.Increment(ref rawWrites);
            var user = users[(int)(n % users.Count)];
            var body = ScaleSeed.MonthlyData(user.Index, DataYear, (int)(n % 12) + 1);
            return new Route("raw_single_insert", () => new HttpRequestMessage(HttpMethod.Post, $"{raw}/raw/single-insert")
            {
                Content = JsonContent.Create(body, options: Json),
            }, [HttpStatusCode.Created]);
        }
    }

    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    static async Task WarmUpAsync(HttpClient client, Routes routes)
    {
        var warm = new List<Route>();
        for (var i = 0; i < 60; i++) warm.AddRange([routes.Dashboard(), routes.ReportRead(), routes.DrcBoard(), routes.RawRead(), routes.RawInsert()]);
        await Parallel.ForEachAsync(warm, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (route, ct) =>
        {
            using var response = await client.SendAsync(route.Make(), ct);
            await response.Content.ReadAsByteArrayAsync(ct);
        });
    }

    static async Task<RampFigures> RampAsync(
        string name, HttpClient client, Process server, Func<long, Route> pick, Settings settings, Func<Task<(double?, long?)>>? lag)
    {
        Console.WriteLine();
        Console.WriteLine($"{name}:");
        var steps = new List<StepFigures>();
        StepFigures? maximum = null;
        for (var rate = settings.StartRate; rate <= MaxRate; rate *= StepFactor)
        {
            var step = await StepAsync(client, server, rate, settings.Step, pick, lag);
            steps.Add(step);
            Print(step);
            if (step.P99Ms > P99Limit || step.Errors > step.Requests * ErrorLimit) break;
            maximum = step;
            await Task.Delay(TimeSpan.FromSeconds(1));
        }
        StepFigures? atSeventy = null;
        if (maximum is not null)
        {
            await Task.Delay(TimeSpan.FromSeconds(2));
            atSeventy = await StepAsync(client, server, maximum.Rate * 0.7, settings.Step, pick, lag);
            Console.Write("  at 70%: ");
            Print(atSeventy);
        }
        else
        {
            Console.WriteLine($"  no step kept p99 within {P99Limit} ms and errors within {ErrorLimit:P0}: the machine is saturated by other work; the figures above are what it measured.");
        }
        return new RampFigures(name, steps, maximum, atSeventy);
    }

    static void Print(StepFigures step)
    {
        var lag = step.ProjectionLagSeconds is { } seconds
            ? string.Create(CultureInfo.InvariantCulture, $", projection lag {seconds:0.0} s / {step.ProjectionLagEvents} events")
            : "";
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {step.Rate,7:0} req/s offered: {step.Throughput,7:0} answered/s, p50 {step.P50Ms,7:0.0} ms, p99 {step.P99Ms,7:0.0} ms, " +
            $"{step.ServerCpuMs:0.00} ms processor/request, {step.Errors} errors of {step.Requests}") + lag);
        if (step.Routes.Count > 1)
        {
            foreach (var route in step.Routes)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"      {route.Route,-16} {route.Requests,6} requests, p50 {route.P50Ms,7:0.0} ms, p99 {route.P99Ms,7:0.0} ms, {route.Errors} errors"));
            }
        }
    }

    /// <summary>Sends <paramref name="rate"/> requests a second for the step's length on a fixed schedule, each timed from when it was due.</summary>
    static async Task<StepFigures> StepAsync(
        HttpClient client, Process server, double rate, TimeSpan length, Func<long, Route> pick, Func<Task<(double?, long?)>>? lag)
    {
        server.Refresh();
        var cpuBefore = server.TotalProcessorTime;
        var count = (int)Math.Max(1, rate * length.TotalSeconds);
        var samples = new ConcurrentBag<Sample>();
        var inFlight = new List<Task>(count);
        var start = Stopwatch.GetTimestamp();
        var ticksApart = Stopwatch.Frequency / rate;
        for (long i = 0; i < count; i++)
        {
            var due = start + (long)(i * ticksApart);
            var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
            if (wait > TimeSpan.FromMilliseconds(1)) await Task.Delay(wait);
            inFlight.Add(SendAsync(client, pick(i), due, samples));
        }
        await Task.WhenAll(inFlight);
        var elapsed = Stopwatch.GetElapsedTime(start);
        server.Refresh();
        var cpuMs = (server.TotalProcessorTime - cpuBefore).TotalMilliseconds / count;
        var (lagSeconds, lagEvents) = lag is null ? (null, null) : await lag();

        var all = samples.ToList();
        var routes = all.GroupBy(s => s.Route).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new RouteFigures(g.Key, g.Count(), g.Count(s => !s.Ok), Percentile(g, 0.50), Percentile(g, 0.99))).ToList();
        return new StepFigures(rate, all.Count(s => s.Ok) / elapsed.TotalSeconds, all.Count, all.Count(s => !s.Ok),
            Percentile(all, 0.50), Percentile(all, 0.99), cpuMs, routes, lagSeconds, lagEvents);
    }

    static async Task SendAsync(HttpClient client, Route route, long due, ConcurrentBag<Sample> samples)
    {
        await Task.Yield();
        var ok = false;
        try
        {
            using var request = route.Make();
            using var response = await client.SendAsync(request);
            await response.Content.ReadAsByteArrayAsync();
            ok = route.Expected.Contains(response.StatusCode);
            if (!ok && Random.Shared.Next(20) == 0)
            {
                Console.Error.WriteLine($"    {route.Name}: {(int)response.StatusCode} {request.RequestUri?.AbsolutePath}");
            }
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
        }
        samples.Add(new Sample(route.Name, Stopwatch.GetElapsedTime(due).TotalMilliseconds, ok));
    }

    static double Percentile(IEnumerable<Sample> samples, double p)
    {
        var sorted = samples.Select(s => s.Ms).Order().ToArray();
        return sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
    }

    static async Task<(double?, long?)> ProjectionLagAsync(HttpClient client, string registry, string drc)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{registry}/api/v1/admin/projections");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", drc);
        using var response = await client.SendAsync(request);
        if (!response.IsSuccessStatusCode) return (null, null);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var items = body.RootElement.ValueKind == JsonValueKind.Array ? body.RootElement : body.RootElement.GetProperty("items");
        double seconds = 0;
        long events = 0;
        foreach (var item in items.EnumerateArray())
        {
            seconds = Math.Max(seconds, item.GetProperty("lagSeconds").GetDouble());
            events = Math.Max(events, item.GetProperty("lagEvents").GetInt64());
        }
        return (seconds, events);
    }

    static async Task<string> TokenAsync(HttpClient client, string registry, string username, string password)
    {
        using var response = await client.PostAsJsonAsync($"{registry}/api/v1/auth/token", new { username, password });
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"Sign-in of {username}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("access_token").GetString()!;
    }

    /// <summary>
    /// A user for each of the first synthetic enterprises whose 2024 report is still open (odd
    /// positions), created by the DRC through the API and signed in.
    /// </summary>
    static async Task<IReadOnlyList<(int Index, Guid Id, string Token)>> EnterpriseUsersAsync(HttpClient client, string registry, string drc, int count)
    {
        const string password = "bench-password-1";
        var users = new ConcurrentBag<(int Index, Guid Id, string Token)>();
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (k, ct) =>
        {
            var index = 2 * k + 1;
            var id = ScaleSeed.Synthetic(index).Id;
            var username = $"bench-{index:D5}";
            using var create = new HttpRequestMessage(HttpMethod.Post, $"{registry}/api/v1/users")
            {
                Content = JsonContent.Create(new { username, password, role = "enterprise", enterpriseId = id }),
            };
            create.Headers.Authorization = new AuthenticationHeaderValue("Bearer", drc);
            using var created = await client.SendAsync(create, ct);
            if (created.StatusCode is not (HttpStatusCode.Created or HttpStatusCode.Conflict))
            {
                throw new InvalidOperationException($"Creating {username}: {(int)created.StatusCode} {await created.Content.ReadAsStringAsync(ct)}");
            }
            users.Add((index, id, await TokenAsync(client, registry, username, password)));
        });
        return [.. users.OrderBy(u => u.Index)];
    }

    static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    static Process Start(string dll, string[] args, IReadOnlyDictionary<string, string> environment, string logFile)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(dll);
        foreach (var a in args) info.ArgumentList.Add(a);
        foreach (var (key, value) in environment) info.Environment[key] = value;
        var process = Process.Start(info)!;
        var log = new StreamWriter(logFile) { AutoFlush = true };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    static void Stop(Process process)
    {
        if (process.HasExited) return;
        process.Kill(entireProcessTree: true);
        process.WaitForExit(10_000);
    }

    static async Task RunToEndAsync(string dll, string[] args, IReadOnlyDictionary<string, string> environment, bool echo = false)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(dll);
        foreach (var a in args) info.ArgumentList.Add(a);
        foreach (var (key, value) in environment) info.Environment[key] = value;
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"'{string.Join(' ', args)}' failed ({process.ExitCode}):\n{await output}\n{await errors}");
        }
        if (echo)
        {
            foreach (var line in (await output).Split('\n').Where(l => !l.StartsWith("  ", StringComparison.Ordinal) && l.Length > 0)) Console.WriteLine("  " + line);
        }
    }

    static async Task WaitUntilUpAsync(HttpClient client, string url, Process process)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(60))
        {
            if (process.HasExited) throw new InvalidOperationException($"The process serving {url} exited ({process.ExitCode}); see artifacts/bench.");
            try
            {
                using var response = await client.GetAsync(url);
                if (response.IsSuccessStatusCode) return;
            }
            catch (HttpRequestException)
            {
            }
            await Task.Delay(250);
        }
        throw new TimeoutException($"{url} did not answer within 60 s.");
    }

    /// <summary>The baseline's table: a key and a JSON document, as the registry's own rows have.</summary>
    static async Task CreateRawTableAsync(string adminDb)
    {
        await using var connection = new NpgsqlConnection(adminDb);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"""
            create schema bench_raw_api;
            create table {RawApi.Table} (id bigserial primary key, data jsonb not null, created_at timestamptz not null default now());
            grant usage on schema bench_raw_api to {AppRole};
            grant select, insert on {RawApi.Table} to {AppRole};
            grant usage on all sequences in schema bench_raw_api to {AppRole};
            """, connection);
        await command.ExecuteNonQueryAsync();
    }
}
