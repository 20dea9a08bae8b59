using FluentValidation;
using Mrv.EventStore;
using Mrv.EventStore.Http;
using Mrv.Registry.Calendar;
using Mrv.Registry.Enterprises;

namespace Mrv.Registry.Allowances.Accounts;

public sealed record OpenAccountsRequest(int Year);

public sealed class OpenAccountsRequestValidator : AbstractValidator<OpenAccountsRequest>
{
    public OpenAccountsRequestValidator() =>
        RuleFor(r => r.Year).Must(DataYear.IsValid).WithErrorCode("year").WithMessage(_ => DataYear.Rule("year"));
}

/// <summary>
/// POST /api/v1/allowances/accounts/open (drc) — opens an account for every enterprise on a year's
/// covered list that has none yet, and the province's account. Accounts are opened on inclusion in
/// the covered list: by this command once a list is settled, or at the latest by the first
/// allocation that reaches the enterprise (opened in the same transaction). Opening twice opens nothing.
/// </summary>
public static class OpenAccounts
{
    public static async Task<IResult> Handle(OpenAccountsRequest request, HttpContext http, EventLog log, Ledger ledger, TimeProvider time)
    {
        var by = Caller.From(http.User)!.Username;
        var covered = await PublicCoveredList.RowsAsync(log, request.Year, http.RequestAborted);
        var now = time.GetUtcNow();
        var opened = 0;
        foreach (var chunk in covered.Chunk(200))
        {
            var written = await ledger.WriteAsync(async session =>
            {
                var count = 0;
                foreach (var row in chunk)
                {
                    var open = AccountOpening.ForEnterprise(CreditCode.EnterpriseIdFor(row.CreditCode), row.NameZh, row.LeagueCode, by);
                    var before = await session.LoadAsync(AllowanceAccount.Decider, AllowanceAccount.StreamId(open.AccountId));
                    if (!before.State.Exists) count++;
                    await session.EnsureOpenAsync(open, now);
                }
                return count;
            }, HttpCommands.MetadataOf(http), ct: http.RequestAborted);
            opened += written.Result;
        }
        var province = await ledger.WriteAsync(async session =>
        {
            var before = await session.LoadAsync(AllowanceAccount.Decider, AllowanceAccount.StreamId(AllowanceAccount.ProvinceId));
            await session.EnsureOpenAsync(AccountOpening.Province(by), now);
            return before.State.Exists ? 0 : 1;
        }, HttpCommands.MetadataOf(http), ct: http.RequestAborted);
        return TypedResults.Ok(new { year = request.Year, covered = covered.Count, opened = opened + province.Result });
    }
}
