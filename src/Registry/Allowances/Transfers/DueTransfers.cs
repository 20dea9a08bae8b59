using Mrv.EventStore;

namespace Mrv.Registry.Allowances.Transfers;

/// <summary>
/// Completes transfers whose 26 hours are over. Completion is lazy — whoever reads or moves from an
/// account (or reads a transfer) completes its due transfers first, so what they see and spend is
/// exact to the second — and a background job (<see cref="AllowanceJobs"/>) completes the rest each
/// minute, so a recipient nobody looks at still gets its allowances. Both may race; the expected
/// versions let one of them win and the other find the transfer completed.
/// </summary>
public static class DueTransfers
{
    static readonly EventMetadata Settlement = new("system", "transfer-settlement", null);

    /// <param name="accountId">Only the transfers from or to this account; null for all.</param>
    public static async Task<int> CompleteAsync(Ledger ledger, DateTimeOffset now, Guid? accountId, CancellationToken ct)
    {
        var due = new List<Guid>();
        var filters = accountId is { } id
            ? new object[] { new { status = TransferStatuses.Delayed, fromAccountId = id }, new { status = TransferStatuses.Delayed, toAccountId = id } }
            : [new { status = TransferStatuses.Delayed }];
        foreach (var filter in filters)
        {
            var page = await ledger.Log.Documents.QueryAsync<Transfer>(new DocumentQuery { Contains = filter, Limit = 10_000 }, ct);
            due.AddRange(page.Items.Select(d => d.Data).Where(t => t.CompletesAt <= now).Select(t => t.Id));
        }
        foreach (var transferId in due.Distinct())
        {
            await ledger.WriteAsync(session => Transfer.CompleteAsync(session, transferId, now), Settlement, ct: ct);
        }
        return due.Count;
    }

    public static async Task CompleteOneAsync(Ledger ledger, DateTimeOffset now, Guid transferId, CancellationToken ct)
    {
        var document = await ledger.Log.Documents.LoadAsync<Transfer>(Transfer.StreamId(transferId), ct);
        if (document?.Data is { Status: TransferStatuses.Delayed } transfer && transfer.CompletesAt <= now)
        {
            await ledger.WriteAsync(session => Transfer.CompleteAsync(session, transferId, now), Settlement, ct: ct);
        }
    }
}
