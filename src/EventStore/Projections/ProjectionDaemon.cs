using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Mrv.EventStore;

/// <summary>Tuning of the projection daemon.</summary>
public sealed record DaemonOptions
{
    /// <summary>Events applied per transaction.</summary>
    public int BatchSize { get; init; } = 1000;

    /// <summary>How often the high-water mark is checked when no append notification arrives.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How often a node that does not lead a projection tries to take it over.</summary>
    public TimeSpan LeadershipRetryInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Shown in logs and the admin view.</summary>
    public string NodeName { get; init; } = $"{Environment.MachineName}:{Environment.ProcessId}";
}

/// <summary>
/// Runs the async projections: keeps the high-water mark, wakes on LISTEN/NOTIFY after appends
/// (polling as a fallback), and runs each projection on the one node that holds its leadership
/// lock. Every node runs a daemon; for each projection exactly one of them applies events.
/// </summary>
public sealed class ProjectionDaemon(
    NpgsqlDataSource dataSource, EventStoreOptions options, DaemonOptions daemonOptions, TimeProvider time, ILogger<ProjectionDaemon> logger,
    AppendNotifier? notifier = null)
    : BackgroundService
{
    readonly HighWaterMark highWaterMark = new();
    readonly Signal markAdvanced = new();
    readonly Signal wakeUp = new();
    readonly ProjectionApplier applier = new(options, logger);
    readonly Dictionary<string, bool> leading = new();

    public long HighWaterMark => highWaterMark.Current;

    /// <summary>The projections this node leads right now.</summary>
    public IReadOnlyCollection<string> Leading
    {
        get { lock (leading) return leading.Where(l => l.Value).Select(l => l.Key).ToList(); }
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (notifier is not null)
        {
            notifier.Appended += wakeUp.Set;
            stoppingToken.Register(() => notifier.Appended -= wakeUp.Set);
        }
        var loops = new List<Task> { ListenAsync(stoppingToken), KeepHighWaterMarkAsync(stoppingToken) };
        loops.AddRange(options.AsyncProjections.Select(p => RunProjectionAsync(p, stoppingToken)));
        return Task.WhenAll(loops);
    }

    /// <summary>
    /// Waits until every async projection has applied everything appended before the call
    /// (for tests and for read-your-writes). Throws <see cref="TimeoutException"/> after <paramref name="timeout"/>.
    /// </summary>
    public async Task WaitForNonStaleAsync(TimeSpan timeout, CancellationToken ct = default)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(timeout);
        try
        {
            long target;
            await using (var command = dataSource.CreateCommand("select case when is_called then last_value else 0 end from eventstore.event_seq"))
            {
                target = (long)(await command.ExecuteScalarAsync(deadline.Token))!;
            }
            var names = options.AsyncProjections.Select(p => p.Name).ToArray();
            while (true)
            {
                wakeUp.Set();
                await using var command = dataSource.CreateCommand(
                    "select count(*) from unnest($1::text[]) n left join eventstore.projection_progress p on p.name = n where coalesce(p.last_seq_id, 0) < $2");
                command.Parameters.Add(new() { Value = names });
                command.Parameters.Add(new() { Value = target });
                if ((long)(await command.ExecuteScalarAsync(deadline.Token))! == 0) return;
                await Task.Delay(10, deadline.Token);
            }
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new TimeoutException($"Projections did not catch up within {timeout}.");
        }
    }

    async Task ListenAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await using var connection = await dataSource.OpenConnectionAsync(ct);
                connection.Notification += (_, _) => wakeUp.Set();
                await using (var listen = new NpgsqlCommand($"listen {AppendNotifier.Channel}", connection)) await listen.ExecuteNonQueryAsync(ct);
                while (!ct.IsCancellationRequested) await connection.WaitAsync(ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // Notifications are only a shortcut; polling carries on while the listener reconnects.
                logger.LogWarning(e, "Listening for appends failed; retrying");
                await Delay(daemonOptions.PollInterval, ct);
            }
        }
    }

    async Task KeepHighWaterMarkAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            try
            {
                var before = highWaterMark.Current;
                var after = await highWaterMark.RefreshAsync(dataSource, ct);
                if (after > before) markAdvanced.Set();
                // While a candidate waits on open transactions, look again soon.
                await wakeUp.WaitAsync(highWaterMark.HasPending ? TimeSpan.FromMilliseconds(20) : daemonOptions.PollInterval, ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                logger.LogWarning(e, "Refreshing the high-water mark failed; retrying");
                await Delay(daemonOptions.PollInterval, ct);
            }
        }
    }

    async Task RunProjectionAsync(AsyncProjection projection, CancellationToken ct)
    {
        var leaderKey = ProjectionApplier.LeaderLockKey(projection.Name);
        while (!ct.IsCancellationRequested)
        {
            try
            {
                // The leadership lock lives on this connection, and every batch is applied on it:
                // if the connection dies, the lock and any half-done batch go with it.
                await using var connection = await dataSource.OpenConnectionAsync(ct);
                await using (var keepalive = new NpgsqlCommand(
                    "set tcp_keepalives_idle = 3; set tcp_keepalives_interval = 1; set tcp_keepalives_count = 3", connection))
                {
                    // A node that vanishes without closing its socket loses the lock within ~6 s.
                    await keepalive.ExecuteNonQueryAsync(ct);
                }
                while (!await TryLockAsync(connection, leaderKey, ct)) await Delay(daemonOptions.LeadershipRetryInterval, ct);

                SetLeading(projection.Name, true);
                logger.LogInformation("Node {Node} now runs projection {Projection}", daemonOptions.NodeName, projection.Name);
                try
                {
                    await LeadAsync(connection, projection, ct);
                }
                finally
                {
                    SetLeading(projection.Name, false);
                    await ReleaseAsync(connection, leaderKey);
                }
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                logger.LogWarning(e, "Projection {Projection} stopped on this node; retrying", projection.Name);
                await Delay(daemonOptions.LeadershipRetryInterval, ct);
            }
        }
    }

    async Task LeadAsync(NpgsqlConnection connection, AsyncProjection projection, CancellationToken ct)
    {
        var caughtUpTo = -1L;
        // While one batch is applied and committed, the next one is read on another connection.
        (Task<List<RawEvent>> Events, long After, long Mark)? next = null;
        try
        {
            while (!ct.IsCancellationRequested)
            {
                var mark = highWaterMark.Current;
                if (caughtUpTo >= mark)
                {
                    await markAdvanced.WaitAsync(daemonOptions.PollInterval, ct);
                    // Polling fallback: a rebuild elsewhere may have moved progress; re-read it now and then.
                    if (highWaterMark.Current == mark) caughtUpTo = -1;
                    continue;
                }

                await using var transaction = await connection.BeginTransactionAsync(ct);
                var progress = await applier.LockAsync(connection, transaction, projection, ct);
                if (progress >= mark)
                {
                    await transaction.RollbackAsync(ct);
                    caughtUpTo = mark;
                    continue;
                }

                List<RawEvent> events;
                var upTo = mark;
                if (next is { } prefetched && prefetched.After == progress)
                {
                    events = await prefetched.Events;
                    upTo = prefetched.Mark;
                }
                else
                {
                    if (next is { } stale) await Settle(stale.Events);
                    events = await applier.FetchAsync(connection, transaction, projection, progress, mark, daemonOptions.BatchSize, ct);
                }
                next = null;

                // A short batch means everything of interest up to the mark was read.
                var newProgress = events.Count == daemonOptions.BatchSize ? events[^1].SeqId : upTo;
                if (newProgress < upTo) next = (PrefetchAsync(projection, newProgress, upTo, ct), newProgress, upTo);
                await applier.ApplyAsync(connection, transaction, projection, events, newProgress, time.GetUtcNow(), ct);
                await transaction.CommitAsync(ct);
                if (newProgress >= mark) caughtUpTo = mark;
            }
        }
        finally
        {
            if (next is { } pending) await Settle(pending.Events);
        }
    }

    async Task<List<RawEvent>> PrefetchAsync(AsyncProjection projection, long after, long mark, CancellationToken ct)
    {
        await using var reading = await dataSource.OpenConnectionAsync(ct);
        return await applier.FetchAsync(reading, null, projection, after, mark, daemonOptions.BatchSize, ct);
    }

    /// <summary>Waits out a prefetch that will not be used, so its connection goes back to the pool.</summary>
    static async Task Settle(Task<List<RawEvent>> prefetch)
    {
        try
        {
            await prefetch;
        }
        catch (Exception e) when (e is OperationCanceledException or NpgsqlException)
        {
            // Its events are read again by the next batch.
        }
    }

    static async Task<bool> TryLockAsync(NpgsqlConnection connection, long key, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("select pg_try_advisory_lock($1)", connection);
        command.Parameters.Add(new() { Value = key });
        return (bool)(await command.ExecuteScalarAsync(ct))!;
    }

    /// <summary>
    /// Gives up leadership on a clean stop, leaving the pooled connection as it was found: a pooled
    /// connection keeps session locks and settings for its next user, so both are undone here; on a
    /// broken connection they are already gone.
    /// </summary>
    async Task ReleaseAsync(NpgsqlConnection connection, long key)
    {
        try
        {
            await using var batch = new NpgsqlBatch(connection);
            var unlock = new NpgsqlBatchCommand("select pg_advisory_unlock($1)");
            unlock.Parameters.Add(new() { Value = key });
            batch.BatchCommands.Add(unlock);
            batch.BatchCommands.Add(new NpgsqlBatchCommand("reset tcp_keepalives_idle"));
            batch.BatchCommands.Add(new NpgsqlBatchCommand("reset tcp_keepalives_interval"));
            batch.BatchCommands.Add(new NpgsqlBatchCommand("reset tcp_keepalives_count"));
            await batch.ExecuteNonQueryAsync(CancellationToken.None);
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException)
        {
            logger.LogDebug(e, "Leadership lock already gone with its connection");
        }
    }

    void SetLeading(string projection, bool value)
    {
        lock (leading) leading[projection] = value;
    }

    static async Task Delay(TimeSpan delay, CancellationToken ct)
    {
        try
        {
            await Task.Delay(delay, ct);
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>A wake-up: a Set wakes every current waiter, and the next waiter if nobody was waiting.</summary>
    sealed class Signal
    {
        TaskCompletionSource next = new(TaskCreationOptions.RunContinuationsAsynchronously);
        bool pending;
        readonly object gate = new();

        public void Set()
        {
            TaskCompletionSource fired;
            lock (gate)
            {
                pending = true;
                fired = next;
                next = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
            fired.TrySetResult();
        }

        public async Task WaitAsync(TimeSpan timeout, CancellationToken ct)
        {
            Task waiting;
            lock (gate)
            {
                if (pending)
                {
                    pending = false;
                    return;
                }
                waiting = next.Task;
            }
            try
            {
                await waiting.WaitAsync(timeout, ct);
            }
            catch (TimeoutException)
            {
            }
            lock (gate) pending = false;
        }
    }
}
