using Mrv.EventStore;
using Mrv.EventStore.Http;

namespace Mrv.Registry.Allowances.Accounts;

/// <summary>
/// Who sees and who moves which account: the DRC every account; a league/city the accounts of its
/// enterprises (read only); an enterprise user its own. What a caller may not see is 404.
/// </summary>
public static class AccountAccess
{
    public const string ReaderRoles = Roles.Drc + "," + Roles.League + "," + Roles.Enterprise;
    public const string MoverRoles = Roles.Drc + "," + Roles.Enterprise;

    public static bool CanSee(this Caller caller, AllowanceAccount account) => caller.Role switch
    {
        Roles.Drc => true,
        Roles.League => account.Kind == AccountKinds.Enterprise && account.LeagueCode == caller.LeagueCode,
        Roles.Enterprise => account.EnterpriseId is not null && account.EnterpriseId == caller.EnterpriseId,
        _ => false,
    };

    /// <summary>The DRC moves for any account (recording exchange settlements); an enterprise user for its own account only.</summary>
    public static bool MayMoveFrom(this Caller caller, AllowanceAccount account) =>
        caller.IsDrc || (caller.Role == Roles.Enterprise && account.EnterpriseId is not null && account.EnterpriseId == caller.EnterpriseId);

    public static async Task<Document<AllowanceAccount>?> LoadVisibleAccountAsync(this HttpContext http, EventLog log, Guid accountId)
    {
        var caller = Caller.From(http.User);
        var document = await log.Documents.LoadAsync<AllowanceAccount>(AllowanceAccount.StreamId(accountId), http.RequestAborted);
        return document is not null && caller is not null && caller.CanSee(document.Data) ? document : null;
    }

    /// <summary>Who may read a year's figures of an enterprise: the same as who may see its account.</summary>
    public static bool CanSee(this Caller caller, Guid enterpriseId, string leagueCode) => caller.Role switch
    {
        Roles.Drc => true,
        Roles.League => leagueCode == caller.LeagueCode,
        Roles.Enterprise => enterpriseId == caller.EnterpriseId,
        _ => false,
    };
}

/// <summary>What opening an account records: the holder as the registry knows it then.</summary>
public static class AccountOpening
{
    public static AllowanceAccount.Open ForEnterprise(Guid enterpriseId, string nameZh, string leagueCode, string? by) =>
        new(enterpriseId, AccountKinds.Enterprise, enterpriseId, nameZh, leagueCode, by);

    public static AllowanceAccount.Open Province(string? by) =>
        new(AllowanceAccount.ProvinceId, AccountKinds.Province, null, "内蒙古自治区省级配额账户", null, by);

    /// <summary>Opens the account in the same decision when it is not open yet; returns its state.</summary>
    public static Task<AllowanceAccount> EnsureOpenAsync(this LedgerSession session, AllowanceAccount.Open open, DateTimeOffset now) =>
        session.DecideAsync(AllowanceAccount.Decider, AllowanceAccount.StreamId(open.AccountId), state => AllowanceAccount.Decide(open, state, now));
}
