using System.Text.Json;
using Mrv.EventStore.Serialization;
using Npgsql;
using NpgsqlTypes;

namespace Mrv.EventStore;

/// <summary>A read-model document with the version it was written at.</summary>
public sealed record Document<T>(string Id, T Data, long Version, DateTimeOffset UpdatedAt);

/// <summary>A simple document query: JSON containment, ids, text search, ordering by a top-level field, paging.</summary>
public sealed record DocumentQuery
{
    /// <summary>Documents whose data contains this JSON (jsonb <c>@&gt;</c>).</summary>
    public object? Contains { get; init; }
    /// <summary>Only documents with one of these ids.</summary>
    public IReadOnlyCollection<string>? Ids { get; init; }
    /// <summary>Documents where any of <see cref="SearchFields"/> contains this text, ignoring case (ILIKE, wildcards escaped).</summary>
    public string? Search { get; init; }
    /// <summary>The top-level text fields <see cref="Search"/> looks in.</summary>
    public IReadOnlyList<string> SearchFields { get; init; } = [];
    /// <summary>A top-level field to order by (text order), then by id.</summary>
    public string? OrderBy { get; init; }
    public bool Descending { get; init; }
    public int Offset { get; init; }
    public int Limit { get; init; } = 100;
}

public sealed record DocumentPage<T>(IReadOnlyList<Document<T>> Items, long Total);

/// <summary>Reads and writes documents on one connection (and its transaction, when there is one).</summary>
public sealed class DocumentOperations(NpgsqlConnection connection, DocumentTypes types)
{
    public async Task<Document<T>?> LoadAsync<T>(string id, CancellationToken ct = default) where T : class
    {
        var table = types.For<T>().QualifiedTable;
        await using var command = new NpgsqlCommand($"select data, version, updated_at from {table} where id = $1", connection);
        command.Parameters.Add(new() { Value = id });
        await using var reader = await command.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct)) return null;
        return new Document<T>(id, Deserialize<T>(reader.GetString(0)), reader.GetInt64(1), reader.GetFieldValue<DateTimeOffset>(2));
    }

    public async Task StoreAsync<T>(string id, T document, long version, DateTimeOffset updatedAt, CancellationToken ct = default) where T : class
    {
        var table = types.For<T>().QualifiedTable;
        await using var command = new NpgsqlCommand(
            $"insert into {table} (id, data, version, updated_at) values ($1, $2, $3, $4) " +
            "on conflict (id) do update set data = excluded.data, version = excluded.version, updated_at = excluded.updated_at",
            connection);
        command.Parameters.Add(new() { Value = id });
        command.Parameters.Add(new() { Value = Serialize(document), NpgsqlDbType = NpgsqlDbType.Jsonb });
        command.Parameters.Add(new() { Value = version });
        command.Parameters.Add(new() { Value = updatedAt });
        await command.ExecuteNonQueryAsync(ct);
    }

    public async Task DeleteAsync<T>(string id, CancellationToken ct = default) where T : class
    {
        var table = types.For<T>().QualifiedTable;
        await using var command = new NpgsqlCommand($"delete from {table} where id = $1", connection);
        command.Parameters.Add(new() { Value = id });
        await command.ExecuteNonQueryAsync(ct);
    }

    public async Task<DocumentPage<T>> QueryAsync<T>(DocumentQuery query, CancellationToken ct = default) where T : class
    {
        var table = types.For<T>().QualifiedTable;
        var (where, parameters) = Filter(query);
        string order;
        if (query.OrderBy is null)
        {
            order = "id";
        }
        else
        {
            order = $"data->>'{FieldName(query.OrderBy)}' {(query.Descending ? "desc" : "asc")}, id";
        }

        await using var command = new NpgsqlCommand(
            $"select id, data, version, updated_at, count(*) over () from {table} {where} order by {order} offset {Math.Max(0, query.Offset)} limit {Math.Clamp(query.Limit, 0, 10_000)}",
            connection);
        command.Parameters.AddRange(parameters());

        var items = new List<Document<T>>();
        long total = 0;
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                items.Add(new Document<T>(reader.GetString(0), Deserialize<T>(reader.GetString(1)), reader.GetInt64(2), reader.GetFieldValue<DateTimeOffset>(3)));
                total = reader.GetInt64(4);
            }
        }
        if (items.Count == 0 && query.Offset > 0)
        {
            await using var count = new NpgsqlCommand($"select count(*) from {table} {where}", connection);
            count.Parameters.AddRange(parameters());
            total = (long)(await count.ExecuteScalarAsync(ct))!;
        }
        return new DocumentPage<T>(items, total);
    }

    /// <summary>
    /// The query's where clause, and a factory for its parameters (a parameter belongs to one
    /// command, and the count query needs its own). Values are always parameters; field names,
    /// which cannot be, are checked against a strict pattern instead.
    /// </summary>
    static (string Where, Func<NpgsqlParameter[]> Parameters) Filter(DocumentQuery query)
    {
        var conditions = new List<string>();
        var values = new List<Func<NpgsqlParameter>>();
        if (query.Contains is not null)
        {
            values.Add(() => new NpgsqlParameter { Value = Serialize(query.Contains), NpgsqlDbType = NpgsqlDbType.Jsonb });
            conditions.Add($"data @> ${values.Count}");
        }
        if (query.Ids is not null)
        {
            var ids = query.Ids.ToArray();
            values.Add(() => new NpgsqlParameter { Value = ids, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
            conditions.Add($"id = any(${values.Count})");
        }
        if (!string.IsNullOrWhiteSpace(query.Search) && query.SearchFields.Count > 0)
        {
            var pattern = "%" + EscapeLike(query.Search.Trim()) + "%";
            values.Add(() => new NpgsqlParameter { Value = pattern });
            var placeholder = $"${values.Count}";
            conditions.Add("(" + string.Join(" or ", query.SearchFields.Select(f => $"data->>'{FieldName(f)}' ilike {placeholder}")) + ")");
        }
        var where = conditions.Count == 0 ? "" : "where " + string.Join(" and ", conditions);
        return (where, () => values.Select(v => v()).ToArray());
    }

    static string FieldName(string field) =>
        System.Text.RegularExpressions.Regex.IsMatch(field, "^[A-Za-z][A-Za-z0-9_]*$")
            ? field
            : throw new ArgumentException($"'{field}' is not a field name.", nameof(field));

    /// <summary>ILIKE's wildcards and its escape character, taken literally.</summary>
    static string EscapeLike(string text) => text.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_");

    static string Serialize(object value) => JsonSerializer.Serialize(value, value.GetType(), EventTypes.SerializerOptions);

    static T Deserialize<T>(string json) =>
        JsonSerializer.Deserialize<T>(json, EventTypes.SerializerOptions) ?? throw new JsonException("Null document.");
}
