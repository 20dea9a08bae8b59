using Npgsql;

namespace Mrv.EventStore;

/// <summary>
/// The highest sequence number below which the log can no longer change: every event with a
/// sequence number at or below it that will ever be committed is already committed and visible.
/// Projections read up to it and never past it.
/// </summary>
/// <remarks>
/// <para>
/// Why not just "the highest seq_id committed so far": sequence numbers are handed out when an
/// append runs, not when it commits. Transaction A may take 41 and transaction B 42; B commits
/// first, A is still open (slow, or about to roll back). A reader that saw 42 and moved past 41
/// would skip A's event forever once A commits. Waiting a fixed time for a gap to fill (what
/// several event stores do) is a guess: a transaction can stay open longer than any timeout.
/// </para>
/// <para>
/// The rule used here needs no guess. We read S, the sequence's last handed-out value, and THEN
/// list the transactions in progress. Every number ≤ S was handed out before that list was taken,
/// by a transaction that had either finished (committed: visible; rolled back: gone for good) or
/// is on the list. Once every transaction on the list has finished, nothing at or below S can
/// still appear, so S becomes the high-water mark. A rolled-back append, a transaction held open
/// for a minute or a client that crashed mid-append only delay the mark until that transaction
/// ends; none can make it pass an event that later commits.
/// </para>
/// <para>
/// "In progress" is read from pg_locks: every transaction holds an exclusive lock on its own
/// transaction id from the moment the id is assigned until after its end is visible to new
/// snapshots, so "its lock is gone" means "a snapshot taken now sees its outcome". (A snapshot's
/// xip list will not do: it omits transactions whose ids are at or above the snapshot's xmax,
/// which can be running and holding sequence numbers.)
/// </para>
/// <para>
/// Two conditions make it hold, both kept by the store: (1) a transaction must already own a
/// transaction id when it takes a sequence number, or it could be missing from the list while
/// holding a number ≤ S — the append statement writes the stream row (which assigns the id and
/// its lock) before its events' SELECT produces a single row, so before the first nextval();
/// (2) the sequence has CACHE 1 (migration 0002), so no session can hand out a number ≤ S from a
/// private cache afterwards. Read-only transactions never get an id and never hold the mark back.
/// </para>
/// </remarks>
public sealed class HighWaterMark
{
    /// <summary>The ids of transactions that have not ended: each holds the exclusive lock on its own id.</summary>
    const string RunningTransactions =
        "select transactionid::text from pg_locks where locktype = 'transactionid' and mode = 'ExclusiveLock' and granted";

    readonly List<(long Seq, string[] Running)> pending = [];
    readonly object gate = new();
    long current;

    public long Current
    {
        get { lock (gate) return current; }
    }

    /// <summary>True while some candidate waits for transactions to finish (worth re-checking soon).</summary>
    public bool HasPending
    {
        get { lock (gate) return pending.Count > 0; }
    }

    /// <summary>Advances the mark as far as it is safe now; returns the mark.</summary>
    /// <remarks>The three statements run in this order, each after the one before has finished.</remarks>
    public async Task<long> RefreshAsync(NpgsqlDataSource dataSource, CancellationToken ct)
    {
        string[] watched;
        lock (gate) watched = pending.SelectMany(p => p.Running).Distinct().ToArray();

        await using var batch = dataSource.CreateBatch();
        var stillRunning = new NpgsqlBatchCommand($"{RunningTransactions} and transactionid::text = any($1)");
        stillRunning.Parameters.Add(new() { Value = watched, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Text });
        batch.BatchCommands.Add(stillRunning);
        batch.BatchCommands.Add(new NpgsqlBatchCommand("select last_value, is_called from eventstore.event_seq"));
        batch.BatchCommands.Add(new NpgsqlBatchCommand(RunningTransactions));

        var running = new HashSet<string>(StringComparer.Ordinal);
        long lastHandedOut;
        var inProgress = new List<string>();
        await using (var reader = await batch.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct)) running.Add(reader.GetString(0));
            await reader.NextResultAsync(ct);
            await reader.ReadAsync(ct);
            lastHandedOut = reader.GetBoolean(1) ? reader.GetInt64(0) : reader.GetInt64(0) - 1;
            await reader.NextResultAsync(ct);
            while (await reader.ReadAsync(ct)) inProgress.Add(reader.GetString(0));
        }

        lock (gate)
        {
            // Candidates are in the order they were taken. If an earlier one still waits on a
            // transaction, that transaction is also on every later candidate's list, so stop there.
            while (pending.Count > 0 && !pending[0].Running.Any(running.Contains))
            {
                current = Math.Max(current, pending[0].Seq);
                pending.RemoveAt(0);
            }

            if (inProgress.Count == 0)
            {
                // Nothing was running after S was read: all numbers up to S are settled, and so are
                // those of every earlier candidate.
                current = Math.Max(current, lastHandedOut);
                pending.Clear();
            }
            else if (lastHandedOut > current && (pending.Count == 0 || lastHandedOut > pending[^1].Seq))
            {
                pending.Add((lastHandedOut, inProgress.ToArray()));
            }
            return current;
        }
    }
}
