using FluentValidation;
using Mrv.EventStore;
using Mrv.EventStore.Http;

namespace Mrv.Registry.Allowances.Accounts;

public sealed record TrustAccountRequest(Guid AccountId);

public sealed class TrustAccountRequestValidator : AbstractValidator<TrustAccountRequest>
{
    public TrustAccountRequestValidator() => RuleFor(r => r.AccountId).NotEmpty();
}

/// <summary>
/// POST /api/v1/allowances/accounts/{id}/trusted and DELETE …/trusted/{other} (the account holder or
/// the DRC) — the trusted list: transfers to its accounts settle at once instead of after 26 hours,
/// from 26 hours after they are listed. Since the list switches that protection off, changing it is
/// guarded like a movement.
/// </summary>
public static class TrustedAccounts
{
    public static async Task<IResult> Add(Guid id, TrustAccountRequest request, HttpContext http, EventLog log, TimeProvider time)
    {
        if (await log.Documents.LoadAsync<AllowanceAccount>(AllowanceAccount.StreamId(request.AccountId), http.RequestAborted) is null)
        {
            return Problems.Validation("accountId", "account_unknown", new LocalizedText(
                $"没有编号为 {request.AccountId} 的配额账户。", $"There is no allowance account {request.AccountId}."), http);
        }
        return await RunAsync(id, request.AccountId, true, request, http, log, time);
    }

    public static Task<IResult> Remove(Guid id, Guid other, HttpContext http, EventLog log, TimeProvider time) =>
        RunAsync(id, other, false, new { other }, http, log, time);

    static async Task<IResult> RunAsync(Guid id, Guid other, bool trust, object request, HttpContext http, EventLog log, TimeProvider time)
    {
        var account = await http.LoadVisibleAccountAsync(log, id);
        if (account is null) return Problems.NotFound(http);
        var caller = Caller.From(http.User)!;
        if (!caller.MayMoveFrom(account.Data)) return Problems.Forbidden(http);
        var command = new AllowanceAccount.ChangeTrust(other, trust, caller.Username);
        var now = time.GetUtcNow();
        return await http.ExecuteAsync(AllowanceAccount.Decider, AllowanceAccount.StreamId(id), request,
            state => AllowanceAccount.Decide(command, state, now),
            outcome => CommandResponse.Ok(outcome.Head.Version, new { id, trusted = outcome.State.Trusted }));
    }
}
