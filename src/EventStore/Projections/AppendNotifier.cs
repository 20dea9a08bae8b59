using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Mrv.EventStore;

/// <summary>
/// Tells projection daemons that the log grew: at once in this process, and to other nodes with
/// a PostgreSQL NOTIFY on channel <c>mrv_events</c>.
/// </summary>
/// <remarks>
/// The NOTIFY is deliberately not part of the append's own transaction (a trigger would be the
/// obvious place): PostgreSQL serialises the commits of all transactions that notify behind one
/// global lock held through the commit's WAL flush, which would stop concurrent appends from
/// sharing flushes and cut their throughput to a third. Instead, after a commit we raise a flag;
/// one loop per process sends a single NOTIFY for however many appends happened meanwhile, in a
/// transaction that writes nothing and so never waits on a flush. A lost notification costs
/// nothing but latency: the daemons poll as well.
/// </remarks>
public sealed class AppendNotifier(NpgsqlDataSource dataSource, ILogger<AppendNotifier> logger) : BackgroundService
{
    public const string Channel = "mrv_events";
    static readonly TimeSpan Coalesce = TimeSpan.FromMilliseconds(5);

    readonly SemaphoreSlim pending = new(0, 1);

    /// <summary>Raised in this process after every committed append.</summary>
    public event Action? Appended;

    /// <summary>Called after a commit that appended events.</summary>
    public void Notify()
    {
        Appended?.Invoke();
        try
        {
            pending.Release();
        }
        catch (SemaphoreFullException)
        {
            // A notification is already due; it will cover this append too.
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await pending.WaitAsync(stoppingToken);
                await using (var command = dataSource.CreateCommand($"select pg_notify('{Channel}', '')"))
                {
                    await command.ExecuteNonQueryAsync(stoppingToken);
                }
                await Task.Delay(Coalesce, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                logger.LogDebug(e, "Could not notify other nodes of an append; they will notice by polling");
            }
        }
    }
}
