using System.Collections.Immutable;
using Mrv.EventStore;
using Mrv.Registry.Allowances.Accounts;

namespace Mrv.Registry.Allowances.Allocation;

public static class AllocationMethods
{
    /// <summary>The power benchmarks of the factor table × the report's outputs × corrections.</summary>
    public const string PowerBenchmark = "power_benchmark";
    /// <summary>The DRC's intensity benchmarks (tCO2 per tonne of product) × the report's product output.</summary>
    public const string Intensity = "intensity";
    /// <summary>Quantities computed elsewhere, uploaded as CSV.</summary>
    public const string Upload = "upload";

    public static readonly IReadOnlyList<string> Computed = [PowerBenchmark, Intensity];
}

public static class AllocationTableStatuses
{
    public const string Computed = "computed";
    public const string PendingApproval = "pending_approval";
    public const string Issued = "issued";
    public const string Rejected = "rejected";
}

/// <summary>
/// One enterprise's line of an allocation table: what its formula gives, the phase's share of it,
/// the deduction of a penalty case of the year before, the target of the phase, what earlier phases
/// already issued, and what this table issues (negative: the surplus a true-up recovers).
/// </summary>
public sealed record AllocationEntry(
    Guid EnterpriseId, string CreditCode, string EnterpriseName, string LeagueCode, decimal ComputedTco2, decimal Share, long Gross,
    long PenaltyDeduction, long Target, long PreviouslyIssued, long ToIssue, string? CapRule, string Formula, IReadOnlyList<AllocationLine> Lines, string? Note);

/// <summary>An enterprise the table could not compute, and why.</summary>
public sealed record AllocationProblem(Guid? EnterpriseId, string? EnterpriseName, string Code, LocalizedText Message);

public sealed record AllocationTableComputed(
    Guid TableId, int Year, string Phase, string Method, IReadOnlyList<AllocationEntry> Entries, IReadOnlyList<AllocationProblem> Problems,
    int? FactorTableVersion, string? Note, string? ComputedBy, DateTimeOffset ComputedAt);

/// <summary>The table was put forward for approval (the request a second DRC user approves).</summary>
public sealed record AllocationTableSubmitted(Guid TableId, string? SubmittedBy, DateTimeOffset SubmittedAt);

/// <summary>A second DRC user approved the table; its allocations were issued in the same transaction.</summary>
public sealed record AllocationTableApproved(Guid TableId, string? ApprovedBy, DateTimeOffset ApprovedAt);

public sealed record AllocationTableRejected(Guid TableId, string Reason, string? RejectedBy, DateTimeOffset RejectedAt);

/// <summary>
/// An allocation table (配额分配表) of a year and phase, folded from <c>allocation-table-{id}</c>:
/// computed by the registry (or uploaded), reviewed, submitted, and issued only when a second DRC
/// user — neither who computed nor who submitted it — approves it.
/// </summary>
public sealed record AllocationTable(
    Guid Id, int Year, string Phase, string Method, string Status, ImmutableList<AllocationEntry> Entries, ImmutableList<AllocationProblem> Problems,
    int? FactorTableVersion, string? Note, string? ComputedBy, DateTimeOffset? ComputedAt, string? SubmittedBy, DateTimeOffset? SubmittedAt,
    string? ApprovedBy, DateTimeOffset? ApprovedAt, string? RejectedBy, DateTimeOffset? RejectedAt, string? RejectionReason)
{
    public const string StreamType = "allocation_table";

    public static readonly AllocationTable None = new(Guid.Empty, 0, "", "", "", [], [], null, null, null, null, null, null, null, null, null, null, null);

    public static string StreamId(Guid tableId) => $"allocation-table-{tableId}";

    [System.Text.Json.Serialization.JsonIgnore] public bool Exists => Id != Guid.Empty;

    public long TotalToIssue => Entries.Sum(e => e.ToIssue);

    public static AllocationTable Evolve(AllocationTable state, object @event) => @event switch
    {
        AllocationTableComputed c => state with
        {
            Id = c.TableId, Year = c.Year, Phase = c.Phase, Method = c.Method, Status = AllocationTableStatuses.Computed, Entries = [.. c.Entries],
            Problems = [.. c.Problems], FactorTableVersion = c.FactorTableVersion, Note = c.Note, ComputedBy = c.ComputedBy, ComputedAt = c.ComputedAt,
        },
        AllocationTableSubmitted s => state with { Status = AllocationTableStatuses.PendingApproval, SubmittedBy = s.SubmittedBy, SubmittedAt = s.SubmittedAt },
        AllocationTableApproved a => state with { Status = AllocationTableStatuses.Issued, ApprovedBy = a.ApprovedBy, ApprovedAt = a.ApprovedAt },
        AllocationTableRejected r => state with
        {
            Status = AllocationTableStatuses.Rejected, RejectedBy = r.RejectedBy, RejectedAt = r.RejectedAt, RejectionReason = r.Reason,
        },
        _ => state,
    };

    public static readonly Decider<AllocationTable> Decider = new(StreamType, None, Evolve);

    public static readonly IReadOnlyList<Type> EventTypes =
        [typeof(AllocationTableComputed), typeof(AllocationTableSubmitted), typeof(AllocationTableApproved), typeof(AllocationTableRejected)];

    public static IReadOnlyList<object> Decide(AllocationTableComputed computed, AllocationTable state) =>
        state.Exists ? [] : [computed];

    public static IReadOnlyList<object> Submit(AllocationTable state, string by, DateTimeOffset now)
    {
        RequireExists(state);
        if (state.Status == AllocationTableStatuses.PendingApproval && state.SubmittedBy == by) return [];
        if (state.Status != AllocationTableStatuses.Computed)
        {
            throw new DomainRuleViolation("allocation.not_computed",
                $"分配表当前状态为 {state.Status}，只有已计算的分配表可以提交审批。", $"The table is {state.Status}; only a computed table can be submitted for approval.");
        }
        if (state.Entries.Count == 0)
        {
            throw new DomainRuleViolation("allocation.empty_table", "分配表没有可发放的条目。", "The table has no entry to issue.");
        }
        return [new AllocationTableSubmitted(state.Id, by, now)];
    }

    /// <summary>Four eyes: the approver is a DRC user other than whoever computed or submitted the table.</summary>
    public static IReadOnlyList<object> Approve(AllocationTable state, string by, DateTimeOffset now)
    {
        RequireExists(state);
        if (state.Status == AllocationTableStatuses.Issued && state.ApprovedBy == by) return [];
        if (state.Status != AllocationTableStatuses.PendingApproval)
        {
            throw new DomainRuleViolation("allocation.not_pending_approval",
                $"分配表当前状态为 {state.Status}，不在待审批状态。", $"The table is {state.Status}, not waiting for approval.");
        }
        if (by == state.SubmittedBy || by == state.ComputedBy)
        {
            throw new DomainRuleViolation("allocation.self_approval",
                "分配表须由计算和提交人以外的另一名自治区发展改革委用户审批（四眼原则）。",
                "An allocation table is approved by a DRC user other than the one who computed or submitted it (four eyes).");
        }
        return [new AllocationTableApproved(state.Id, by, now)];
    }

    public static IReadOnlyList<object> Reject(AllocationTable state, string reason, string by, DateTimeOffset now)
    {
        RequireExists(state);
        if (state.Status == AllocationTableStatuses.Rejected && state.RejectionReason == reason) return [];
        if (state.Status is not (AllocationTableStatuses.PendingApproval or AllocationTableStatuses.Computed))
        {
            throw new DomainRuleViolation("allocation.not_pending_approval",
                $"分配表当前状态为 {state.Status}，不能退回。", $"The table is {state.Status}; it can no longer be rejected.");
        }
        return [new AllocationTableRejected(state.Id, reason, by, now)];
    }

    /// <summary>
    /// Issues an approved table: each account is opened if it is not yet, and credited (or, for a
    /// negative true-up, debited, the recovered allowances going to the province's account) — all in
    /// the one transaction of the approval, so a table is issued whole or not at all.
    /// </summary>
    public static async Task IssueAsync(LedgerSession session, AllocationTable table, string by, DateTimeOffset now)
    {
        foreach (var entry in table.Entries)
        {
            var account = await session.EnsureOpenAsync(AccountOpening.ForEnterprise(entry.EnterpriseId, entry.EnterpriseName, entry.LeagueCode, by), now);
            var issued = session.Append(AllowanceAccount.Decider, AllowanceAccount.StreamId(entry.EnterpriseId),
                AllowanceAccount.Decide(IssueOf(table, entry, by), account, now));
            var recovered = issued.AllocationOf(table.Year, table.Phase)!.Recovered;
            if (recovered.Count == 0) continue;
            var province = await session.EnsureOpenAsync(AccountOpening.Province(by), now);
            session.Append(AllowanceAccount.Decider, AllowanceAccount.StreamId(AllowanceAccount.ProvinceId),
                AllowanceAccount.ReceiveRecovery(province, entry.EnterpriseId, table.Id, recovered, now));
        }
    }

    /// <summary>What an entry of an approved table asks of its account.</summary>
    public static AllowanceAccount.Issue IssueOf(AllocationTable table, AllocationEntry entry, string by) =>
        new(table.Year, table.Phase, table.Id, entry.Target, entry.PreviouslyIssued, entry.ToIssue, entry.CapRule, by);

    static void RequireExists(AllocationTable state)
    {
        if (!state.Exists) throw new DomainRuleViolation("allocation.unknown_table", "分配表不存在。", "The allocation table does not exist.");
    }
}
