using FluentValidation;
using Mrv.EventStore;
using Mrv.EventStore.Http;

namespace Mrv.Registry.Allowances.Accounts;

/// <param name="Reason">Why: a judicial freeze names its order (e.g. "（2025）蒙01执保123号"), a closure its cause.</param>
public sealed record AccountStatusRequest(string Reason);

public sealed class AccountStatusRequestValidator : AbstractValidator<AccountStatusRequest>
{
    public AccountStatusRequestValidator() => RuleFor(r => r.Reason).NotEmpty().MaximumLength(1000);
}

/// <summary>
/// POST /api/v1/allowances/accounts/{id}/freeze, /unfreeze and /close (drc) — a frozen account
/// still receives allowances but nothing leaves it; a closed account (only when empty) takes no
/// movement at all.
/// </summary>
public static class ChangeAccountStatus
{
    public static Task<IResult> Freeze(Guid id, AccountStatusRequest request, HttpContext http, EventLog log, TimeProvider time) =>
        RunAsync(id, AccountStatuses.Frozen, request, http, log, time);

    public static Task<IResult> Unfreeze(Guid id, AccountStatusRequest request, HttpContext http, EventLog log, TimeProvider time) =>
        RunAsync(id, AccountStatuses.Open, request, http, log, time);

    public static Task<IResult> Close(Guid id, AccountStatusRequest request, HttpContext http, EventLog log, TimeProvider time) =>
        RunAsync(id, AccountStatuses.Closed, request, http, log, time);

    static async Task<IResult> RunAsync(Guid id, string to, AccountStatusRequest request, HttpContext http, EventLog log, TimeProvider time)
    {
        if (await http.LoadVisibleAccountAsync(log, id) is null) return Problems.NotFound(http);
        var command = new AllowanceAccount.ChangeStatus(to, request.Reason, Caller.From(http.User)!.Username);
        var now = time.GetUtcNow();
        return await http.ExecuteAsync(AllowanceAccount.Decider, AllowanceAccount.StreamId(id), new { to, request.Reason },
            state => AllowanceAccount.Decide(command, state, now),
            outcome => CommandResponse.Ok(outcome.Head.Version, new { id, status = outcome.State.Status, freezeReason = outcome.State.FreezeReason }));
    }
}
