using System.Text.Json;
using Mrv.EventStore;
using Mrv.EventStore.Serialization;
using Mrv.Registry.Allowances.Accounts;

namespace Mrv.Registry.Portal;

/// <summary>
/// Reads through the API's own GET handlers, in-process: the same visibility (404 for what the caller
/// may not see), the same completion of due transfers, the same answer a client would get.
/// </summary>
public static class PortalReads
{
    /// <summary>The endpoint's answer as <typeparamref name="T"/>, or null when it refused (not found, not allowed).</summary>
    public static async Task<T?> GetAsync<T>(HttpContext http, Func<Task<IResult>> handler) where T : class =>
        await AnswerAsync(http, handler) is { } body ? body.Deserialize<T>(EventTypes.SerializerOptions) : null;

    /// <summary>A list answer's <c>items</c> as <typeparamref name="T"/>; empty when it refused.</summary>
    public static async Task<IReadOnlyList<T>> ItemsAsync<T>(HttpContext http, Func<Task<IResult>> handler) =>
        await AnswerAsync(http, handler) is { } body && body.TryGetProperty("items", out var items)
            ? items.Deserialize<List<T>>(EventTypes.SerializerOptions) ?? []
            : [];

    static async Task<JsonElement?> AnswerAsync(HttpContext http, Func<Task<IResult>> handler)
    {
        var outcome = PortalCommands.Inspect(await handler());
        // The handler labels the API's answer with the stream's version; the page is not that answer.
        http.Response.Headers.Remove("ETag");
        return outcome.Succeeded ? outcome.Body : null;
    }

    /// <summary>The holders of allowance accounts by account number, to name the other side of a transfer (the covered list is public).</summary>
    public static async Task<Dictionary<Guid, string>> AccountHoldersAsync(EventLog log, IEnumerable<Guid> accountIds, CancellationToken ct)
    {
        var ids = accountIds.Distinct().Select(AllowanceAccount.StreamId).ToArray();
        if (ids.Length == 0) return [];
        var found = await log.Documents.QueryAsync<AllowanceAccount>(new DocumentQuery { Ids = ids, Limit = ids.Length }, ct);
        return found.Items.ToDictionary(d => d.Data.Id, d => d.Data.HolderName);
    }
}
