using Npgsql;

namespace Mrv.EventStore;

/// <summary>Reads read-model documents outside any transaction.</summary>
public sealed class DocumentReader(NpgsqlDataSource dataSource, DocumentTypes types)
{
    public async Task<Document<T>?> LoadAsync<T>(string id, CancellationToken ct = default) where T : class
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return await new DocumentOperations(connection, types).LoadAsync<T>(id, ct);
    }

    public async Task<DocumentPage<T>> QueryAsync<T>(DocumentQuery query, CancellationToken ct = default) where T : class
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return await new DocumentOperations(connection, types).QueryAsync<T>(query, ct);
    }
}
