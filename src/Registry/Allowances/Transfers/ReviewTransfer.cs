using FluentValidation;
using Mrv.EventStore;
using Mrv.EventStore.Http;
using Mrv.Registry.Allowances.Accounts;

namespace Mrv.Registry.Allowances.Transfers;

public sealed record CancelTransferRequest(string? Reason);

public sealed class CancelTransferRequestValidator : AbstractValidator<CancelTransferRequest>
{
    public CancelTransferRequestValidator() => RuleFor(r => r.Reason).MaximumLength(1000);
}

/// <summary>
/// POST /api/v1/allowances/transfers/{id}/approve (drc, not the requester) and …/cancel (the sender's
/// holder or the DRC, within the 26 hours; an administrative request before its approval).
/// </summary>
public static class ReviewTransfer
{
    public static async Task<IResult> Approve(Guid id, HttpContext http, EventLog log, TimeProvider time)
    {
        if (await VisibleAsync(http, log, id) is null) return Problems.NotFound(http);
        var by = Caller.From(http.User)!.Username;
        var now = time.GetUtcNow();
        return await http.MoveAsync(new { id, approve = true }, "transfer-approval", async session =>
            CommandResponse.Ok(0, await Transfer.ApproveAsync(session, id, by, now)));
    }

    public static async Task<IResult> Cancel(Guid id, CancelTransferRequest request, HttpContext http, EventLog log, TimeProvider time)
    {
        var transfer = await VisibleAsync(http, log, id);
        if (transfer is null) return Problems.NotFound(http);
        var caller = Caller.From(http.User)!;
        var sender = await log.Documents.LoadAsync<AllowanceAccount>(AllowanceAccount.StreamId(transfer.FromAccountId), http.RequestAborted);
        if (sender is null || !caller.MayMoveFrom(sender.Data)) return Problems.Forbidden(http);
        var now = time.GetUtcNow();
        var reason = string.IsNullOrWhiteSpace(request.Reason) ? "cancelled_by_sender" : request.Reason;
        return await http.MoveAsync(request, "transfer-cancel", async session =>
            CommandResponse.Ok(0, await Transfer.CancelAsync(session, id, reason, caller.Username, now)));
    }

    /// <summary>A transfer is visible to whoever sees its sending or its receiving account.</summary>
    public static async Task<Transfer?> VisibleAsync(HttpContext http, EventLog log, Guid id)
    {
        var document = await log.Documents.LoadAsync<Transfer>(Transfer.StreamId(id), http.RequestAborted);
        if (document is null) return null;
        var transfer = document.Data;
        return await http.LoadVisibleAccountAsync(log, transfer.FromAccountId) is not null || await http.LoadVisibleAccountAsync(log, transfer.ToAccountId) is not null
            ? transfer
            : null;
    }
}
