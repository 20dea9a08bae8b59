using Mrv.EventStore;
using Mrv.Registry.Allowances.Accounts;

namespace Mrv.Registry.Allowances.Transfers;

public static class TransferKinds
{
    /// <summary>A trade settled on the exchange (交易结算), with the exchange's settlement reference.</summary>
    public const string Trade = "trade";
    /// <summary>An administrative transfer by the DRC (行政划转), with its document number; needs a second DRC user's approval.</summary>
    public const string Administrative = "administrative";

    public static readonly IReadOnlyList<string> All = [Trade, Administrative];
}

public static class TransferStatuses
{
    public const string PendingApproval = "pending_approval";
    /// <summary>Debited from the sender, waiting out the delay; the sender may still cancel.</summary>
    public const string Delayed = "delayed";
    public const string Completed = "completed";
    public const string Cancelled = "cancelled";
}

public static class TransferRules
{
    /// <summary>
    /// A transfer to an account outside the sender's trusted list settles 26 hours after it is made
    /// and can be cancelled until then (issue 8; the delay the EU Union Registry introduced after the
    /// 2010–11 thefts, so that a holder sees a fraudulent transfer before it completes).
    /// </summary>
    public static readonly TimeSpan Delay = TimeSpan.FromHours(26);
}

/// <summary>An administrative transfer was requested; it waits for a second DRC user's approval.</summary>
public sealed record TransferRequested(
    Guid TransferId, string Kind, Guid FromAccountId, Guid ToAccountId, int Vintage, long Quantity, string Reference, string? RequestedBy, DateTimeOffset RequestedAt);

public sealed record TransferApproved(Guid TransferId, string? ApprovedBy, DateTimeOffset ApprovedAt);

/// <summary>The sender was debited; without <paramref name="CompletesAt"/> the recipient was credited at once.</summary>
public sealed record TransferInitiated(
    Guid TransferId, string Kind, Guid FromAccountId, Guid ToAccountId, int Vintage, long Quantity, string Reference, string? InitiatedBy,
    DateTimeOffset InitiatedAt, DateTimeOffset? CompletesAt);

public sealed record TransferCompleted(Guid TransferId, DateTimeOffset CompletedAt);

public sealed record TransferCancelled(Guid TransferId, string Reason, string? CancelledBy, DateTimeOffset CancelledAt);

/// <summary>A transfer of allowances between two accounts, folded from <c>allowance-transfer-{id}</c>.</summary>
public sealed record Transfer(
    Guid Id, string Kind, Guid FromAccountId, Guid ToAccountId, int Vintage, long Quantity, string Reference, string Status,
    string? RequestedBy, DateTimeOffset? RequestedAt, string? ApprovedBy, DateTimeOffset? ApprovedAt, string? InitiatedBy, DateTimeOffset? InitiatedAt,
    DateTimeOffset? CompletesAt, DateTimeOffset? CompletedAt, string? CancelledBy, DateTimeOffset? CancelledAt, string? CancelReason)
{
    public const string StreamType = "allowance_transfer";

    public static readonly Transfer None = new(Guid.Empty, "", Guid.Empty, Guid.Empty, 0, 0, "", "", null, null, null, null, null, null, null, null, null, null, null);

    public static string StreamId(Guid transferId) => $"allowance-transfer-{transferId}";

    [System.Text.Json.Serialization.JsonIgnore] public bool Exists => Id != Guid.Empty;

    public static Transfer Evolve(Transfer state, object @event) => @event switch
    {
        TransferRequested r => state with
        {
            Id = r.TransferId, Kind = r.Kind, FromAccountId = r.FromAccountId, ToAccountId = r.ToAccountId, Vintage = r.Vintage, Quantity = r.Quantity,
            Reference = r.Reference, Status = TransferStatuses.PendingApproval, RequestedBy = r.RequestedBy, RequestedAt = r.RequestedAt,
        },
        TransferApproved a => state with { ApprovedBy = a.ApprovedBy, ApprovedAt = a.ApprovedAt },
        TransferInitiated i => state with
        {
            Id = i.TransferId, Kind = i.Kind, FromAccountId = i.FromAccountId, ToAccountId = i.ToAccountId, Vintage = i.Vintage, Quantity = i.Quantity,
            Reference = i.Reference, Status = TransferStatuses.Delayed, RequestedBy = state.RequestedBy ?? i.InitiatedBy, RequestedAt = state.RequestedAt ?? i.InitiatedAt,
            InitiatedBy = i.InitiatedBy, InitiatedAt = i.InitiatedAt, CompletesAt = i.CompletesAt,
        },
        TransferCompleted c => state with { Status = TransferStatuses.Completed, CompletedAt = c.CompletedAt },
        TransferCancelled c => state with { Status = TransferStatuses.Cancelled, CancelledBy = c.CancelledBy, CancelledAt = c.CancelledAt, CancelReason = c.Reason },
        _ => state,
    };

    public static readonly Decider<Transfer> Decider = new(StreamType, None, Evolve);

    public static readonly IReadOnlyList<Type> EventTypes =
        [typeof(TransferRequested), typeof(TransferApproved), typeof(TransferInitiated), typeof(TransferCompleted), typeof(TransferCancelled)];

    public sealed record Order(Guid TransferId, string Kind, Guid FromAccountId, Guid ToAccountId, int Vintage, long Quantity, string Reference, string? By);

    /// <summary>
    /// Makes a transfer: a trade at once; an administrative one only as a request until a second DRC
    /// user approves it. Both accounts must be open to the movement, and the sender must hold the vintage.
    /// </summary>
    public static async Task<Transfer> StartAsync(LedgerSession session, Order order, DateTimeOffset now)
    {
        var transfer = await session.LoadAsync(Decider, StreamId(order.TransferId));
        if (transfer.State.Exists) return transfer.State;
        var (from, to) = await AccountsOfAsync(session, order.FromAccountId, order.ToAccountId);
        if (order.Kind == TransferKinds.Administrative)
        {
            // Checked already at the request, so a request the sender could not honour is refused at once;
            // the approval decides again on the balance it finds then.
            AllowanceAccount.TransferOut(from, order.TransferId, to.Id, order.Vintage, order.Quantity, order.Kind, order.Reference, false, now);
            return session.Append(Decider, StreamId(order.TransferId),
                [new TransferRequested(order.TransferId, order.Kind, from.Id, to.Id, order.Vintage, order.Quantity, order.Reference, order.By, now)]);
        }
        return Initiate(session, transfer.State with { Id = order.TransferId, Kind = order.Kind, FromAccountId = from.Id, ToAccountId = to.Id,
            Vintage = order.Vintage, Quantity = order.Quantity, Reference = order.Reference }, from, to, order.By, now);
    }

    /// <summary>The second DRC user's approval of an administrative transfer: nobody approves their own request.</summary>
    public static async Task<Transfer> ApproveAsync(LedgerSession session, Guid transferId, string by, DateTimeOffset now)
    {
        var state = (await session.LoadAsync(Decider, StreamId(transferId))).State;
        if (state.Status != TransferStatuses.PendingApproval)
        {
            if (state.ApprovedBy == by) return state;
            throw new DomainRuleViolation("transfer.not_pending_approval",
                $"该划转当前状态为 {state.Status}，不在待审批状态。", $"The transfer is {state.Status}, not waiting for approval.");
        }
        if (state.RequestedBy == by)
        {
            throw new DomainRuleViolation("transfer.self_approval",
                "行政划转须由申请人以外的另一名自治区发展改革委用户审批（四眼原则）。",
                "An administrative transfer is approved by a DRC user other than the one who requested it (four eyes).");
        }
        session.Append(Decider, StreamId(transferId), [new TransferApproved(transferId, by, now)]);
        var (from, to) = await AccountsOfAsync(session, state.FromAccountId, state.ToAccountId);
        return Initiate(session, state, from, to, by, now);
    }

    /// <summary>Ends the delay: the recipient is credited, or, when its account was closed meanwhile, the sender gets the allowances back.</summary>
    public static async Task<Transfer> CompleteAsync(LedgerSession session, Guid transferId, DateTimeOffset now)
    {
        var state = (await session.LoadAsync(Decider, StreamId(transferId))).State;
        if (state.Status != TransferStatuses.Delayed || state.CompletesAt > now) return state;
        var (from, to) = await AccountsOfAsync(session, state.FromAccountId, state.ToAccountId, recipientMayBeClosed: true);
        if (to.Status == AccountStatuses.Closed)
        {
            session.Append(AllowanceAccount.Decider, AllowanceAccount.StreamId(from.Id), AllowanceAccount.Return(from, transferId, "recipient_closed", now));
            return session.Append(Decider, StreamId(transferId), [new TransferCancelled(transferId, "recipient_closed", null, now)]);
        }
        session.Append(AllowanceAccount.Decider, AllowanceAccount.StreamId(from.Id), AllowanceAccount.Settle(from, transferId, now));
        session.Append(AllowanceAccount.Decider, AllowanceAccount.StreamId(to.Id),
            AllowanceAccount.TransferIn(to, transferId, from.Id, state.Vintage, state.Quantity, state.Kind, state.Reference, now));
        return session.Append(Decider, StreamId(transferId), [new TransferCompleted(transferId, now)]);
    }

    /// <summary>The sender (or the DRC) calls a transfer off within its delay, or an administrative one before approval.</summary>
    public static async Task<Transfer> CancelAsync(LedgerSession session, Guid transferId, string reason, string by, DateTimeOffset now)
    {
        var state = (await session.LoadAsync(Decider, StreamId(transferId))).State;
        switch (state.Status)
        {
            case TransferStatuses.Cancelled:
                return state;
            case TransferStatuses.Completed:
                throw new DomainRuleViolation("transfer.already_completed", "该转移已完成，不能撤销。", "The transfer has completed; it can no longer be cancelled.");
            case TransferStatuses.Delayed when state.CompletesAt is null || state.CompletesAt <= now:
                throw new DomainRuleViolation("transfer.window_closed",
                    "26 小时撤销期已过，转移随即完成。", "The 26-hour window is over; the transfer completes.");
            case TransferStatuses.Delayed:
                var from = (await session.LoadAsync(AllowanceAccount.Decider, AllowanceAccount.StreamId(state.FromAccountId))).State;
                session.Append(AllowanceAccount.Decider, AllowanceAccount.StreamId(from.Id), AllowanceAccount.Return(from, transferId, reason, now));
                break;
        }
        return session.Append(Decider, StreamId(transferId), [new TransferCancelled(transferId, reason, by, now)]);
    }

    static Transfer Initiate(LedgerSession session, Transfer transfer, AllowanceAccount from, AllowanceAccount to, string? by, DateTimeOffset now)
    {
        var immediate = from.Trusts(to.Id, now);
        session.Append(AllowanceAccount.Decider, AllowanceAccount.StreamId(from.Id),
            AllowanceAccount.TransferOut(from, transfer.Id, to.Id, transfer.Vintage, transfer.Quantity, transfer.Kind, transfer.Reference, !immediate, now));
        var initiated = new TransferInitiated(transfer.Id, transfer.Kind, from.Id, to.Id, transfer.Vintage, transfer.Quantity, transfer.Reference, by, now,
            immediate ? null : now + TransferRules.Delay);
        if (!immediate) return session.Append(Decider, StreamId(transfer.Id), [initiated]);
        session.Append(AllowanceAccount.Decider, AllowanceAccount.StreamId(to.Id),
            AllowanceAccount.TransferIn(to, transfer.Id, from.Id, transfer.Vintage, transfer.Quantity, transfer.Kind, transfer.Reference, now));
        return session.Append(Decider, StreamId(transfer.Id), [initiated, new TransferCompleted(transfer.Id, now)]);
    }

    static async Task<(AllowanceAccount From, AllowanceAccount To)> AccountsOfAsync(LedgerSession session, Guid fromId, Guid toId, bool recipientMayBeClosed = false)
    {
        var from = (await session.LoadAsync(AllowanceAccount.Decider, AllowanceAccount.StreamId(fromId))).State;
        var to = (await session.LoadAsync(AllowanceAccount.Decider, AllowanceAccount.StreamId(toId))).State;
        if (!to.Exists || (to.Status == AccountStatuses.Closed && !recipientMayBeClosed))
        {
            throw new DomainRuleViolation("transfer.recipient_unknown",
                $"收款账户 {toId} 不存在或已注销。", $"The recipient account {toId} does not exist or is closed.");
        }
        return (from, to);
    }
}
