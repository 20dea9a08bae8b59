using System.Text.Json;
using Mrv.EventStore.Serialization;
using Npgsql;
using NpgsqlTypes;

namespace Mrv.EventStore;

/// <summary>
/// A unit of work over read-model documents: loads go through an identity map, writes are kept
/// until <see cref="FlushAsync"/>, which sends one upsert and one delete per document table. This
/// is what lets a projection apply a thousand events with a handful of round trips.
/// </summary>
public sealed class DocumentSession(NpgsqlConnection connection, NpgsqlTransaction? transaction, DocumentTypes types)
{
    readonly Dictionary<(Type Type, string Id), Entry> entries = new();

    sealed class Entry
    {
        public object? Data;
        public long Version;
        public DateTimeOffset UpdatedAt;
        public bool Dirty;
        public bool Deleted;
    }

    string Table(Type type) => types.For(type).QualifiedTable;

    public async Task<Document<T>?> LoadAsync<T>(string id, CancellationToken ct = default) where T : class =>
        (await LoadManyAsync<T>([id], ct)).GetValueOrDefault(id);

    /// <summary>The documents that exist among <paramref name="ids"/>, fetched in one query.</summary>
    public async Task<IReadOnlyDictionary<string, Document<T>>> LoadManyAsync<T>(IEnumerable<string> ids, CancellationToken ct = default) where T : class
    {
        var wanted = ids.Distinct(StringComparer.Ordinal).ToList();
        var missing = wanted.Where(id => !entries.ContainsKey((typeof(T), id))).ToArray();
        if (missing.Length > 0)
        {
            foreach (var id in missing) entries[(typeof(T), id)] = new Entry { Deleted = true };
            await using var command = new NpgsqlCommand($"select id, data, version, updated_at from {Table(typeof(T))} where id = any($1)", connection, transaction);
            command.Parameters.Add(new() { Value = missing });
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                var entry = entries[(typeof(T), reader.GetString(0))];
                entry.Data = JsonSerializer.Deserialize<T>(reader.GetString(1), EventTypes.SerializerOptions);
                entry.Version = reader.GetInt64(2);
                entry.UpdatedAt = reader.GetFieldValue<DateTimeOffset>(3);
                entry.Deleted = false;
            }
        }

        var found = new Dictionary<string, Document<T>>(StringComparer.Ordinal);
        foreach (var id in wanted)
        {
            var entry = entries[(typeof(T), id)];
            if (!entry.Deleted) found[id] = new Document<T>(id, (T)entry.Data!, entry.Version, entry.UpdatedAt);
        }
        return found;
    }

    public void Store<T>(string id, T document, long version, DateTimeOffset updatedAt) where T : class =>
        entries[(typeof(T), id)] = new Entry { Data = document, Version = version, UpdatedAt = updatedAt, Dirty = true };

    public void Delete<T>(string id) where T : class =>
        entries[(typeof(T), id)] = new Entry { Deleted = true, Dirty = true };

    public async Task FlushAsync(CancellationToken ct = default)
    {
        foreach (var group in entries.Where(e => e.Value.Dirty).GroupBy(e => e.Key.Type))
        {
            var table = Table(group.Key);
            var upserts = group.Where(e => !e.Value.Deleted).ToList();
            var deletes = group.Where(e => e.Value.Deleted).Select(e => e.Key.Id).ToArray();
            if (upserts.Count > 0)
            {
                await using var command = new NpgsqlCommand(
                    $"insert into {table} (id, data, version, updated_at) " +
                    "select * from unnest($1::text[], $2::jsonb[], $3::bigint[], $4::timestamptz[]) " +
                    "on conflict (id) do update set data = excluded.data, version = excluded.version, updated_at = excluded.updated_at",
                    connection, transaction);
                command.Parameters.Add(new() { Value = upserts.Select(e => e.Key.Id).ToArray() });
                command.Parameters.Add(new()
                {
                    Value = upserts.Select(e => JsonSerializer.Serialize(e.Value.Data, group.Key, EventTypes.SerializerOptions)).ToArray(),
                    NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Jsonb,
                });
                command.Parameters.Add(new() { Value = upserts.Select(e => e.Value.Version).ToArray() });
                command.Parameters.Add(new() { Value = upserts.Select(e => e.Value.UpdatedAt).ToArray() });
                await command.ExecuteNonQueryAsync(ct);
            }
            if (deletes.Length > 0)
            {
                await using var command = new NpgsqlCommand($"delete from {table} where id = any($1)", connection, transaction);
                command.Parameters.Add(new() { Value = deletes });
                await command.ExecuteNonQueryAsync(ct);
            }
            foreach (var (_, entry) in group) entry.Dirty = false;
        }
    }
}
