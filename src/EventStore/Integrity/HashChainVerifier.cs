using Npgsql;

namespace Mrv.EventStore;

/// <summary>The outcome of walking every stream's hash chain.</summary>
public sealed record ChainVerification(long Streams, long Events, ChainBreak? FirstBreak)
{
    public bool Intact => FirstBreak is null;
}

/// <summary>Where a chain is broken and why.</summary>
public sealed record ChainBreak(string StreamId, long Version, string Reason);

/// <summary>
/// Walks every stream in version order and recomputes each event's hash from the stored row.
/// An edited row no longer matches its hash; a deleted row leaves a version gap or a stream head
/// that points past the last event; rows moved between versions or reordered break the prev-hash
/// links or the rule that a stream's sequence numbers rise with its versions.
/// </summary>
public static class HashChainVerifier
{
    /// <param name="streamIds">Only these streams (an enterprise's audit trail); every stream when null.</param>
    public static async Task<ChainVerification> VerifyAsync(NpgsqlDataSource dataSource, CancellationToken ct = default, IReadOnlyCollection<string>? streamIds = null)
    {
        // Both sides ordered by stream id so the walk is one merge, however large the log.
        var sql = $"""
            select coalesce(s.id, e.stream_id), s.version, s.head_hash,
                   e.seq_id, e.version, e.type, e.data::text, e.occurred_at, e.recorded_at, e.tenant,
                   e.user_name, e.correlation_id, e.causation_id, e.prev_hash, e.hash
            from {(streamIds is null ? "eventstore.streams" : "(select * from eventstore.streams where id = any($1))")} s
            full join {(streamIds is null ? "eventstore.events" : "(select * from eventstore.events where stream_id = any($1))")} e on e.stream_id = s.id
            order by coalesce(s.id, e.stream_id), e.version
            """;

        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, ct);
        await using var command = new NpgsqlCommand(sql, connection, transaction) { CommandTimeout = 0 };
        if (streamIds is not null) command.Parameters.Add(new() { Value = streamIds.ToArray() });
        await using var reader = await command.ExecuteReaderAsync(System.Data.CommandBehavior.SequentialAccess, ct);

        long streams = 0, events = 0;
        string? current = null;
        long? headVersion = null;
        byte[]? headHash = null;
        long lastVersion = 0, lastSeq = 0;
        byte[] lastHash = EventHash.Genesis;

        ChainBreak? CloseStream()
        {
            if (current is null) return null;
            if (headVersion is null) return new ChainBreak(current, lastVersion, "events exist for a stream that has no stream row");
            if (headVersion != lastVersion)
                return new ChainBreak(current, Math.Min(headVersion.Value, lastVersion) + 1,
                    $"stream head is at version {headVersion} but its events end at version {lastVersion}");
            if (!headHash!.AsSpan().SequenceEqual(lastHash))
                return new ChainBreak(current, lastVersion, "stream head hash does not match its last event");
            return null;
        }

        while (await reader.ReadAsync(ct))
        {
            var streamId = reader.GetString(0);
            if (streamId != current)
            {
                var broken = CloseStream();
                if (broken is not null) return new ChainVerification(streams, events, broken);
                current = streamId;
                streams++;
                headVersion = reader.IsDBNull(1) ? null : reader.GetInt64(1);
                headHash = reader.IsDBNull(2) ? null : reader.GetFieldValue<byte[]>(2);
                lastVersion = 0;
                lastSeq = 0;
                lastHash = EventHash.Genesis;
            }
            if (reader.IsDBNull(3)) continue; // a stream row without events: checked when the stream closes

            var seq = reader.GetInt64(3);
            var version = reader.GetInt64(4);
            var type = reader.GetString(5);
            var data = reader.GetString(6);
            var occurredAt = reader.GetFieldValue<DateTimeOffset>(7);
            var recordedAt = reader.GetFieldValue<DateTimeOffset>(8);
            var tenant = reader.GetString(9);
            var metadata = new EventMetadata(
                reader.IsDBNull(10) ? null : reader.GetString(10),
                reader.IsDBNull(11) ? null : reader.GetString(11),
                reader.IsDBNull(12) ? null : reader.GetString(12));
            var prevHash = reader.GetFieldValue<byte[]>(13);
            var hash = reader.GetFieldValue<byte[]>(14);

            ChainBreak? Break(string reason) => new(streamId, version, reason);
            ChainBreak? failure =
                version != lastVersion + 1 ? Break($"expected version {lastVersion + 1} here; the event before it is missing or moved")
                : lastSeq != 0 && seq <= lastSeq ? Break("sequence numbers run backwards: events were reordered")
                : !prevHash.AsSpan().SequenceEqual(lastHash) ? Break("previous-hash link does not match the event before it")
                : !EventHash.Compute(prevHash, streamId, version, type, data, occurredAt, recordedAt, tenant, metadata).AsSpan().SequenceEqual(hash)
                    ? Break("stored hash does not match the event's content: the row was edited")
                : null;
            if (failure is not null) return new ChainVerification(streams, events, failure);

            events++;
            lastVersion = version;
            lastSeq = seq;
            lastHash = hash;
        }

        return new ChainVerification(streams, events, CloseStream());
    }
}
