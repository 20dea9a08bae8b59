using FluentValidation;
using Mrv.EventStore;
using Mrv.EventStore.Http;

namespace Mrv.Registry.Allowances.Allocation;

public sealed record RejectAllocationRequest(string Reason);

public sealed class RejectAllocationRequestValidator : AbstractValidator<RejectAllocationRequest>
{
    public RejectAllocationRequestValidator() => RuleFor(r => r.Reason).NotEmpty().MaximumLength(2000);
}

/// <summary>
/// POST /api/v1/allowances/allocation-tables/{id}/submit, …/approve and …/reject (drc). Four eyes:
/// a table is issued only when a DRC user other than the one who computed and submitted it approves
/// it; approving one's own request is refused with <c>allocation.self_approval</c> (409). The
/// approval and the issue to every account are one transaction.
/// </summary>
public static class ReviewAllocation
{
    public static async Task<IResult> Submit(Guid id, HttpContext http, EventLog log, TimeProvider time)
    {
        if (await log.Documents.LoadAsync<AllocationTable>(AllocationTable.StreamId(id), http.RequestAborted) is null) return Problems.NotFound(http);
        var by = Caller.From(http.User)!.Username;
        var now = time.GetUtcNow();
        return await http.ExecuteAsync(AllocationTable.Decider, AllocationTable.StreamId(id), new { id, submit = true },
            state => AllocationTable.Submit(state, by, now), outcome => CommandResponse.Ok(outcome.Head.Version, outcome.State));
    }

    public static async Task<IResult> Approve(Guid id, HttpContext http, EventLog log, TimeProvider time)
    {
        if (await log.Documents.LoadAsync<AllocationTable>(AllocationTable.StreamId(id), http.RequestAborted) is null) return Problems.NotFound(http);
        var by = Caller.From(http.User)!.Username;
        var now = time.GetUtcNow();
        return await http.MoveAsync(new { id, approve = true }, $"allocation-approval-{id}", async session =>
            CommandResponse.Ok(0, await ApproveAsync(session, id, by, now)));
    }

    /// <summary>The approval and, when it is new, the issue to every account, in one decision.</summary>
    public static async Task<AllocationTable> ApproveAsync(LedgerSession session, Guid id, string by, DateTimeOffset now)
    {
        var before = (await session.LoadAsync(AllocationTable.Decider, AllocationTable.StreamId(id))).State;
        var decided = AllocationTable.Approve(before, by, now);
        var table = session.Append(AllocationTable.Decider, AllocationTable.StreamId(id), decided);
        if (decided.Count > 0) await AllocationTable.IssueAsync(session, table, by, now);
        return table;
    }

    public static async Task<IResult> Reject(Guid id, RejectAllocationRequest request, HttpContext http, EventLog log, TimeProvider time)
    {
        if (await log.Documents.LoadAsync<AllocationTable>(AllocationTable.StreamId(id), http.RequestAborted) is null) return Problems.NotFound(http);
        var by = Caller.From(http.User)!.Username;
        var now = time.GetUtcNow();
        return await http.ExecuteAsync(AllocationTable.Decider, AllocationTable.StreamId(id), request,
            state => AllocationTable.Reject(state, request.Reason, by, now), outcome => CommandResponse.Ok(outcome.Head.Version, outcome.State));
    }
}
