using System.Collections.Immutable;
using System.Text.Json.Serialization;
using Mrv.EventStore;
using Mrv.Registry.Allowances.Compliance;
using Mrv.Registry.Calendar;

namespace Mrv.Registry.Allowances.Accounts;

public static class AccountKinds
{
    /// <summary>A covered enterprise's account (重点排放单位配额账户).</summary>
    public const string Enterprise = "enterprise";
    /// <summary>The province's own account (省级配额账户): recovered allowances, administrative transfers.</summary>
    public const string Province = "province";
}

public static class AccountStatuses
{
    public const string Open = "open";
    /// <summary>Frozen (冻结), e.g. by a judicial order: credits arrive, nothing leaves.</summary>
    public const string Frozen = "frozen";
    public const string Closed = "closed";
}

/// <summary>Allowances of one vintage (配额年度); one allowance is one tonne of CO2e, whole units only.</summary>
public sealed record VintageQuantity(int Vintage, long Quantity);

/// <summary>CCER offsets (国家核证自愿减排量) of one project, and the covered enterprise whose boundary the project lies in, if any.</summary>
public sealed record OffsetQuantity(string ProjectReference, Guid? ProjectEnterpriseId, long Quantity);

public sealed record AllowanceAccountOpened(
    Guid AccountId, string Kind, Guid? EnterpriseId, string HolderName, string? LeagueCode, string? OpenedBy, DateTimeOffset OpenedAt);

public sealed record AllowanceAccountFrozen(Guid AccountId, string Reason, string? FrozenBy, DateTimeOffset FrozenAt);

public sealed record AllowanceAccountUnfrozen(Guid AccountId, string Reason, string? UnfrozenBy, DateTimeOffset UnfrozenAt);

public sealed record AllowanceAccountClosed(Guid AccountId, string Reason, string? ClosedBy, DateTimeOffset ClosedAt);

/// <summary>
/// A recipient was put on the account's trusted list: from <paramref name="EffectiveFrom"/> on, transfers
/// to it settle at once, without the 26-hour delay.
/// </summary>
public sealed record TrustedAccountAdded(Guid AccountId, Guid TrustedAccountId, DateTimeOffset EffectiveFrom, string? AddedBy, DateTimeOffset AddedAt);

public sealed record TrustedAccountRemoved(Guid AccountId, Guid TrustedAccountId, string? RemovedBy, DateTimeOffset RemovedAt);

/// <summary>
/// An approved allocation table reached the account: <paramref name="Issued"/> allowances of vintage
/// <paramref name="Year"/> credited, or, when a true-up recovers a surplus, <paramref name="Recovered"/>
/// debited and <paramref name="Outstanding"/> the part the account no longer held (owed on top of the year's obligation).
/// </summary>
public sealed record AllocationIssued(
    Guid AccountId, Guid EnterpriseId, int Year, string Phase, Guid TableId, long Target, long Issued, IReadOnlyList<VintageQuantity> Recovered,
    long Outstanding, string? CapRule, string? IssuedBy, DateTimeOffset IssuedAt);

/// <summary>Allowances recovered from an enterprise by a true-up arrived in the province's account.</summary>
public sealed record RecoveryReceived(Guid AccountId, Guid FromAccountId, Guid TableId, IReadOnlyList<VintageQuantity> Allowances, DateTimeOffset ReceivedAt);

/// <summary>Allowances left the account for a transfer; while <paramref name="Pending"/> the transfer can still be cancelled.</summary>
public sealed record AllowancesTransferredOut(
    Guid AccountId, Guid TransferId, Guid ToAccountId, int Vintage, long Quantity, string Kind, string Reference, bool Pending, DateTimeOffset TransferredAt);

public sealed record AllowancesTransferredIn(
    Guid AccountId, Guid TransferId, Guid FromAccountId, int Vintage, long Quantity, string Kind, string Reference, DateTimeOffset ReceivedAt);

/// <summary>A pending outgoing transfer reached its recipient.</summary>
public sealed record OutgoingTransferSettled(Guid AccountId, Guid TransferId, DateTimeOffset SettledAt);

/// <summary>A pending outgoing transfer was cancelled: its allowances are back.</summary>
public sealed record OutgoingTransferReturned(Guid AccountId, Guid TransferId, int Vintage, long Quantity, string Reason, DateTimeOffset ReturnedAt);

/// <summary>CCER offsets were deposited with the project they come from.</summary>
public sealed record OffsetsDeposited(
    Guid AccountId, Guid DepositId, string ProjectReference, Guid? ProjectEnterpriseId, long Quantity, string? DepositedBy, DateTimeOffset DepositedAt);

/// <summary>Allowances and offsets were surrendered (清缴) for a compliance year; the obligation is the one the decision checked against.</summary>
public sealed record AllowancesSurrendered(
    Guid AccountId, Guid EnterpriseId, Guid SurrenderId, int ComplianceYear, IReadOnlyList<VintageQuantity> Allowances, IReadOnlyList<OffsetQuantity> Offsets,
    long ObligationTonnes, string? SurrenderedBy, DateTimeOffset SurrenderedAt);

/// <summary>The DRC reversed a surrender with a reason: its allowances and offsets are back in the account.</summary>
public sealed record SurrenderReversed(
    Guid AccountId, Guid EnterpriseId, Guid SurrenderId, int ComplianceYear, IReadOnlyList<VintageQuantity> Allowances, IReadOnlyList<OffsetQuantity> Offsets,
    string Reason, string? ReversedBy, DateTimeOffset ReversedAt);

public sealed record TrustedAccount(Guid AccountId, DateTimeOffset EffectiveFrom);

public sealed record PendingTransfer(Guid TransferId, Guid ToAccountId, int Vintage, long Quantity, DateTimeOffset InitiatedAt);

public sealed record IssuedAllocation(
    int Year, string Phase, Guid TableId, long Target, long Issued, IReadOnlyList<VintageQuantity> Recovered, long Outstanding, string? CapRule,
    DateTimeOffset IssuedAt);

public sealed record SurrenderRecord(
    Guid SurrenderId, int ComplianceYear, IReadOnlyList<VintageQuantity> Allowances, IReadOnlyList<OffsetQuantity> Offsets, long ObligationTonnes,
    string? SurrenderedBy, DateTimeOffset SurrenderedAt, string? ReversalReason = null, string? ReversedBy = null, DateTimeOffset? ReversedAt = null)
{
    [JsonIgnore] public bool Reversed => ReversedAt is not null;
    [JsonIgnore] public long AllowanceTonnes => Allowances.Sum(a => a.Quantity);
    [JsonIgnore] public long OffsetTonnes => Offsets.Sum(o => o.Quantity);
}

/// <summary>
/// An allowance account (配额账户), folded from <c>allowance-account-{id}</c>: holdings by vintage,
/// CCER offsets by project, its trusted list, pending outgoing transfers, the allocations it received
/// and its surrenders. An enterprise's account has the enterprise's id; the province's has
/// <see cref="ProvinceId"/>. Every debit is decided on this state and appended at its version, so
/// no two debits can spend the same allowance and no holding goes below zero.
/// </summary>
public sealed record AllowanceAccount(
    Guid Id, string Kind, Guid? EnterpriseId, string HolderName, string? LeagueCode, string Status, string? FreezeReason, DateTimeOffset? OpenedAt,
    ImmutableList<VintageQuantity> Holdings, ImmutableList<OffsetQuantity> Offsets, ImmutableList<TrustedAccount> Trusted, ImmutableList<PendingTransfer> PendingOut,
    ImmutableList<IssuedAllocation> Allocations, ImmutableList<SurrenderRecord> Surrenders)
{
    public const string StreamType = "allowance_account";

    /// <summary>The province's account: the region's GB/T 2260 code 150000 in the last digits, so it reads as what it is.</summary>
    public static readonly Guid ProvinceId = new("00000000-0000-0000-0000-000000150000");

    public static readonly AllowanceAccount None = new(Guid.Empty, "", null, "", null, "", null, null, [], [], [], [], [], []);

    public static string StreamId(Guid accountId) => $"allowance-account-{accountId}";

    [JsonIgnore] public bool Exists => Id != Guid.Empty;

    public long HeldOf(int vintage) => Holdings.Find(h => h.Vintage == vintage)?.Quantity ?? 0;

    public long OffsetsOf(string projectReference) => Offsets.Find(o => o.ProjectReference == projectReference)?.Quantity ?? 0;

    [JsonIgnore] public long TotalHeld => Holdings.Sum(h => h.Quantity);

    /// <summary>Whether transfers to the account settle at once now: it is on the trusted list, and has been long enough.</summary>
    public bool Trusts(Guid accountId, DateTimeOffset now) => Trusted.Any(t => t.AccountId == accountId && t.EffectiveFrom <= now);

    public bool Lists(Guid accountId) => Trusted.Any(t => t.AccountId == accountId);

    public IssuedAllocation? AllocationOf(int year, string phase) => Allocations.Find(a => a.Year == year && a.Phase == phase);

    /// <summary>What the account holds of a year's allocation so far: every phase's credits less what true-ups recovered.</summary>
    public long NetIssuedFor(int year) => Allocations.Where(a => a.Year == year).Sum(a => a.Issued - a.Recovered.Sum(r => r.Quantity));

    /// <summary>The obligation of a compliance year for a determined figure, with this account's allocation of that year.</summary>
    public long ObligationFor(int year, decimal determinedTco2)
    {
        var final = AllocationOf(year, AllocationPhases.Final);
        return Obligations.Of(determinedTco2, final?.Target, final?.CapRule, Allocations.Where(a => a.Year == year).Sum(a => a.Outstanding));
    }

    public IEnumerable<SurrenderRecord> SurrendersFor(int year) => Surrenders.Where(s => s.ComplianceYear == year && !s.Reversed);

    public static AllowanceAccount Evolve(AllowanceAccount state, object @event) => @event switch
    {
        AllowanceAccountOpened o => state with
        {
            Id = o.AccountId, Kind = o.Kind, EnterpriseId = o.EnterpriseId, HolderName = o.HolderName, LeagueCode = o.LeagueCode,
            Status = AccountStatuses.Open, OpenedAt = o.OpenedAt,
        },
        AllowanceAccountFrozen f => state with { Status = AccountStatuses.Frozen, FreezeReason = f.Reason },
        AllowanceAccountUnfrozen => state with { Status = AccountStatuses.Open, FreezeReason = null },
        AllowanceAccountClosed => state with { Status = AccountStatuses.Closed },
        TrustedAccountAdded t => state with { Trusted = state.Trusted.Add(new TrustedAccount(t.TrustedAccountId, t.EffectiveFrom)) },
        TrustedAccountRemoved t => state with { Trusted = state.Trusted.RemoveAll(a => a.AccountId == t.TrustedAccountId) },
        AllocationIssued a => state.Credit([new VintageQuantity(a.Year, a.Issued)]).Debit(a.Recovered) with
        {
            Allocations = state.Allocations.Add(new IssuedAllocation(a.Year, a.Phase, a.TableId, a.Target, a.Issued, a.Recovered, a.Outstanding, a.CapRule, a.IssuedAt)),
        },
        RecoveryReceived r => state.Credit(r.Allowances),
        AllowancesTransferredOut o => state.Debit([new VintageQuantity(o.Vintage, o.Quantity)]) with
        {
            PendingOut = o.Pending ? state.PendingOut.Add(new PendingTransfer(o.TransferId, o.ToAccountId, o.Vintage, o.Quantity, o.TransferredAt)) : state.PendingOut,
        },
        AllowancesTransferredIn i => state.Credit([new VintageQuantity(i.Vintage, i.Quantity)]),
        OutgoingTransferSettled s => state with { PendingOut = state.PendingOut.RemoveAll(p => p.TransferId == s.TransferId) },
        OutgoingTransferReturned r => state.Credit([new VintageQuantity(r.Vintage, r.Quantity)]) with
        {
            PendingOut = state.PendingOut.RemoveAll(p => p.TransferId == r.TransferId),
        },
        OffsetsDeposited d => state.CreditOffsets([new OffsetQuantity(d.ProjectReference, d.ProjectEnterpriseId, d.Quantity)]),
        AllowancesSurrendered s => state.Debit(s.Allowances).DebitOffsets(s.Offsets) with
        {
            Surrenders = state.Surrenders.Add(new SurrenderRecord(s.SurrenderId, s.ComplianceYear, s.Allowances, s.Offsets, s.ObligationTonnes, s.SurrenderedBy, s.SurrenderedAt)),
        },
        SurrenderReversed r => state.Credit(r.Allowances).CreditOffsets(r.Offsets) with
        {
            Surrenders = state.Surrenders.Replace(state.SurrenderOf(r.SurrenderId)!,
                state.SurrenderOf(r.SurrenderId)! with { ReversalReason = r.Reason, ReversedBy = r.ReversedBy, ReversedAt = r.ReversedAt }),
        },
        _ => state,
    };

    public SurrenderRecord? SurrenderOf(Guid surrenderId) => Surrenders.Find(s => s.SurrenderId == surrenderId);

    AllowanceAccount Credit(IEnumerable<VintageQuantity> credits) => this with { Holdings = Changed(Holdings, credits, +1) };

    AllowanceAccount Debit(IEnumerable<VintageQuantity> debits) => this with { Holdings = Changed(Holdings, debits, -1) };

    static ImmutableList<VintageQuantity> Changed(ImmutableList<VintageQuantity> holdings, IEnumerable<VintageQuantity> changes, int sign)
    {
        var byVintage = holdings.ToDictionary(h => h.Vintage, h => h.Quantity);
        foreach (var change in changes) byVintage[change.Vintage] = byVintage.GetValueOrDefault(change.Vintage) + sign * change.Quantity;
        return [.. byVintage.Where(h => h.Value != 0).OrderBy(h => h.Key).Select(h => new VintageQuantity(h.Key, h.Value))];
    }

    AllowanceAccount CreditOffsets(IEnumerable<OffsetQuantity> credits) => this with { Offsets = ChangedOffsets(Offsets, credits, +1) };

    AllowanceAccount DebitOffsets(IEnumerable<OffsetQuantity> debits) => this with { Offsets = ChangedOffsets(Offsets, debits, -1) };

    static ImmutableList<OffsetQuantity> ChangedOffsets(ImmutableList<OffsetQuantity> offsets, IEnumerable<OffsetQuantity> changes, int sign)
    {
        var byProject = offsets.ToDictionary(o => o.ProjectReference);
        foreach (var change in changes)
        {
            var held = byProject.GetValueOrDefault(change.ProjectReference) ?? change with { Quantity = 0 };
            byProject[change.ProjectReference] = held with { Quantity = held.Quantity + sign * change.Quantity };
        }
        return [.. byProject.Values.Where(o => o.Quantity != 0).OrderBy(o => o.ProjectReference, StringComparer.Ordinal)];
    }

    public static readonly Decider<AllowanceAccount> Decider = new(StreamType, None, Evolve);

    /// <summary>
    /// A new trusted recipient counts only after the transfer delay (26 hours): otherwise whoever took
    /// over a session could list their own account and move at once, and the delay would protect nothing.
    /// The EU Union Registry delays trusted-list additions for the same reason.
    /// </summary>
    public static readonly TimeSpan TrustDelay = Transfers.TransferRules.Delay;

    public static readonly IReadOnlyList<Type> EventTypes =
    [
        typeof(AllowanceAccountOpened), typeof(AllowanceAccountFrozen), typeof(AllowanceAccountUnfrozen), typeof(AllowanceAccountClosed),
        typeof(TrustedAccountAdded), typeof(TrustedAccountRemoved), typeof(AllocationIssued), typeof(RecoveryReceived),
        typeof(AllowancesTransferredOut), typeof(AllowancesTransferredIn), typeof(OutgoingTransferSettled), typeof(OutgoingTransferReturned),
        typeof(OffsetsDeposited), typeof(AllowancesSurrendered), typeof(SurrenderReversed),
    ];

    public sealed record Open(Guid AccountId, string Kind, Guid? EnterpriseId, string HolderName, string? LeagueCode, string? By);

    public sealed record ChangeStatus(string To, string Reason, string? By);

    public sealed record ChangeTrust(Guid OtherAccountId, bool Trust, string? By);

    /// <param name="PreviouslyIssued">What the table saw of the year's earlier phases; a different figure now means it was computed on stale data.</param>
    public sealed record Issue(int Year, string Phase, Guid TableId, long Target, long PreviouslyIssued, long ToIssue, string? CapRule, string? By);

    public sealed record Surrender(
        Guid SurrenderId, int ComplianceYear, IReadOnlyList<VintageQuantity> Allowances, IReadOnlyList<(string ProjectReference, long Quantity)> Offsets,
        decimal? DeterminedEmissionsTco2, DateOnly SurrenderDue, string? By);

    public sealed record ReverseSurrender(Guid SurrenderId, string Reason, string? By);

    public static IReadOnlyList<object> Decide(Open c, AllowanceAccount state, DateTimeOffset now) =>
        state.Exists ? [] : [new AllowanceAccountOpened(c.AccountId, c.Kind, c.EnterpriseId, c.HolderName, c.LeagueCode, c.By, now)];

    public static IReadOnlyList<object> Decide(ChangeStatus c, AllowanceAccount state, DateTimeOffset now)
    {
        RequireExists(state);
        if (state.Status == AccountStatuses.Closed)
        {
            if (c.To == AccountStatuses.Closed) return [];
            throw Closed();
        }
        return c.To switch
        {
            AccountStatuses.Frozen when state.Status == AccountStatuses.Frozen && state.FreezeReason == c.Reason => [],
            AccountStatuses.Frozen => [new AllowanceAccountFrozen(state.Id, c.Reason, c.By, now)],
            AccountStatuses.Open when state.Status == AccountStatuses.Open => [],
            AccountStatuses.Open => [new AllowanceAccountUnfrozen(state.Id, c.Reason, c.By, now)],
            _ when state.TotalHeld > 0 || state.Offsets.Count > 0 || state.PendingOut.Count > 0 => throw new DomainRuleViolation("account.not_empty",
                $"账户仍持有 {state.TotalHeld} 个配额、{state.Offsets.Sum(o => o.Quantity)} 个 CCER 或待生效的转出，不能注销。",
                $"The account still holds {state.TotalHeld} allowances, {state.Offsets.Sum(o => o.Quantity)} CCERs or pending transfers out; it cannot be closed."),
            _ => [new AllowanceAccountClosed(state.Id, c.Reason, c.By, now)],
        };
    }

    public static IReadOnlyList<object> Decide(ChangeTrust c, AllowanceAccount state, DateTimeOffset now)
    {
        RequireExists(state);
        if (state.Status == AccountStatuses.Closed) throw Closed();
        if (c.OtherAccountId == state.Id)
        {
            throw new DomainRuleViolation("account.trust_self", "账户不能信任自己。", "An account cannot trust itself.");
        }
        return (c.Trust, state.Lists(c.OtherAccountId)) switch
        {
            (true, false) => [new TrustedAccountAdded(state.Id, c.OtherAccountId, now + TrustDelay, c.By, now)],
            (false, true) => [new TrustedAccountRemoved(state.Id, c.OtherAccountId, c.By, now)],
            _ => [],
        };
    }

    /// <summary>
    /// Credits a positive true-up or allocation; a negative one recovers the surplus from the year's
    /// vintage first, then from the oldest vintages, and what the account no longer holds stays owed.
    /// </summary>
    public static IReadOnlyList<object> Decide(Issue c, AllowanceAccount state, DateTimeOffset now)
    {
        RequireExists(state);
        if (state.Status == AccountStatuses.Closed) throw Closed();
        if (state.AllocationOf(c.Year, c.Phase) is not null)
        {
            throw new DomainRuleViolation("allocation.already_issued",
                $"{state.HolderName} 的 {c.Year} 年度配额（{c.Phase}）已经发放，不能重复发放。",
                $"The {c.Year} allocation ({c.Phase}) of {state.HolderName} was already issued; it is not issued twice.");
        }
        if (state.NetIssuedFor(c.Year) != c.PreviouslyIssued)
        {
            throw new DomainRuleViolation("allocation.stale",
                $"分配表计算后 {state.HolderName} 的 {c.Year} 年度已发放配额发生了变化，请重新计算分配表。",
                $"What {state.HolderName} received of {c.Year} changed after the table was computed; compute the table again.");
        }
        if (c.ToIssue >= 0)
        {
            return [new AllocationIssued(state.Id, state.EnterpriseId!.Value, c.Year, c.Phase, c.TableId, c.Target, c.ToIssue, [], 0, c.CapRule, c.By, now)];
        }
        var owed = -c.ToIssue;
        var recovered = new List<VintageQuantity>();
        foreach (var holding in state.Holdings.OrderBy(h => h.Vintage == c.Year ? 0 : 1).ThenBy(h => h.Vintage))
        {
            if (owed == 0) break;
            var take = Math.Min(owed, holding.Quantity);
            recovered.Add(new VintageQuantity(holding.Vintage, take));
            owed -= take;
        }
        return [new AllocationIssued(state.Id, state.EnterpriseId!.Value, c.Year, c.Phase, c.TableId, c.Target, 0, recovered, owed, c.CapRule, c.By, now)];
    }

    public static IReadOnlyList<object> ReceiveRecovery(AllowanceAccount province, Guid fromAccountId, Guid tableId, IReadOnlyList<VintageQuantity> allowances, DateTimeOffset now) =>
        allowances.Count == 0 ? [] : [new RecoveryReceived(province.Id, fromAccountId, tableId, allowances, now)];

    public static IReadOnlyList<object> TransferOut(
        AllowanceAccount state, Guid transferId, Guid toAccountId, int vintage, long quantity, string kind, string reference, bool pending, DateTimeOffset now)
    {
        RequireDebitable(state);
        RequireHeld(state, [new VintageQuantity(vintage, quantity)]);
        return [new AllowancesTransferredOut(state.Id, transferId, toAccountId, vintage, quantity, kind, reference, pending, now)];
    }

    public static IReadOnlyList<object> TransferIn(AllowanceAccount state, Guid transferId, Guid fromAccountId, int vintage, long quantity, string kind, string reference, DateTimeOffset now)
    {
        RequireExists(state);
        if (state.Status == AccountStatuses.Closed) throw Closed();
        return [new AllowancesTransferredIn(state.Id, transferId, fromAccountId, vintage, quantity, kind, reference, now)];
    }

    public static IReadOnlyList<object> Settle(AllowanceAccount sender, Guid transferId, DateTimeOffset now) =>
        sender.PendingOut.Any(p => p.TransferId == transferId) ? [new OutgoingTransferSettled(sender.Id, transferId, now)] : [];

    public static IReadOnlyList<object> Return(AllowanceAccount sender, Guid transferId, string reason, DateTimeOffset now) =>
        sender.PendingOut.Find(p => p.TransferId == transferId) is { } pending
            ? [new OutgoingTransferReturned(sender.Id, transferId, pending.Vintage, pending.Quantity, reason, now)]
            : [];

    public static IReadOnlyList<object> DepositOffsets(AllowanceAccount state, Guid depositId, string projectReference, Guid? projectEnterpriseId, long quantity, string? by, DateTimeOffset now)
    {
        RequireExists(state);
        if (state.Status == AccountStatuses.Closed) throw Closed();
        if (state.Offsets.Find(o => o.ProjectReference == projectReference) is { } held && held.ProjectEnterpriseId != projectEnterpriseId)
        {
            throw new DomainRuleViolation("offsets.project_mismatch",
                $"项目 {projectReference} 已登记在另一企业边界内（或边界外），同一项目的边界须一致。",
                $"The project {projectReference} is already held with another boundary; one project has one boundary.");
        }
        return [new OffsetsDeposited(state.Id, depositId, projectReference, projectEnterpriseId, quantity, by, now)];
    }

    /// <summary>
    /// A surrender (清缴) for a compliance year: by the deadline, against a determined obligation, from
    /// vintages up to the year after (no borrowing from later ones), never more than is owed, and with
    /// CCER offsets of projects outside the enterprise's own boundary up to 5% of the obligation.
    /// </summary>
    public static IReadOnlyList<object> Decide(Surrender c, AllowanceAccount state, DateTimeOffset now)
    {
        RequireExists(state);
        if (state.Kind != AccountKinds.Enterprise || state.EnterpriseId is not { } enterpriseId)
        {
            throw new DomainRuleViolation("surrender.not_an_enterprise_account", "只有重点排放单位的账户可以清缴配额。", "Only a covered enterprise's account surrenders allowances.");
        }
        if (state.SurrenderOf(c.SurrenderId) is not null) return [];
        RequireDebitable(state);
        if (ComplianceCalendar.IsLate(c.SurrenderDue, now))
        {
            throw new DomainRuleViolation("surrender.deadline_passed",
                $"{c.ComplianceYear} 年度的清缴截止日 {c.SurrenderDue:yyyy-MM-dd} 已过；未清缴部分按处罚程序处理。",
                $"The surrender deadline of {c.ComplianceYear}, {c.SurrenderDue:yyyy-MM-dd}, has passed; what is missing goes to a penalty case.");
        }
        if (c.DeterminedEmissionsTco2 is not { } determined)
        {
            throw new DomainRuleViolation("surrender.not_determined",
                $"{c.ComplianceYear} 年度排放量尚未核定，清缴义务未确定。", $"The {c.ComplianceYear} emissions are not determined yet; there is no obligation to surrender against.");
        }
        var latest = c.ComplianceYear + SurrenderRules.LatestVintageAfterYear;
        if (c.Allowances.FirstOrDefault(a => a.Vintage > latest) is { } borrowed)
        {
            throw new DomainRuleViolation("surrender.future_vintage",
                $"{c.ComplianceYear} 年度只能使用 {latest} 年度及以前的配额清缴，不能预借 {borrowed.Vintage} 年度配额。",
                $"The {c.ComplianceYear} obligation takes vintages up to {latest}; vintage {borrowed.Vintage} cannot be borrowed.");
        }
        var allowances = c.Allowances.GroupBy(a => a.Vintage).Select(g => new VintageQuantity(g.Key, g.Sum(a => a.Quantity))).OrderBy(a => a.Vintage).ToList();
        RequireHeld(state, allowances);

        var offsets = new List<OffsetQuantity>();
        foreach (var (project, quantity) in c.Offsets.GroupBy(o => o.ProjectReference).Select(g => (g.Key, g.Sum(o => o.Quantity))))
        {
            var held = state.Offsets.Find(o => o.ProjectReference == project);
            if (held is null || held.Quantity < quantity)
            {
                throw new DomainRuleViolation("account.insufficient_offsets",
                    $"账户持有项目 {project} 的 CCER {held?.Quantity ?? 0} 个，不足 {quantity} 个。",
                    $"The account holds {held?.Quantity ?? 0} CCERs of project {project}, fewer than {quantity}.");
            }
            if (held.ProjectEnterpriseId == enterpriseId)
            {
                throw new DomainRuleViolation("surrender.offset_own_boundary",
                    $"项目 {project} 位于本企业排放边界内，其减排量不能用于本企业清缴。",
                    $"The project {project} lies inside the enterprise's own boundary; its offsets cannot count towards its own obligation.");
            }
            offsets.Add(held with { Quantity = quantity });
        }

        var obligation = state.ObligationFor(c.ComplianceYear, determined);
        var earlier = state.SurrendersFor(c.ComplianceYear).ToList();
        var total = earlier.Sum(s => s.AllowanceTonnes + s.OffsetTonnes) + allowances.Sum(a => a.Quantity) + offsets.Sum(o => o.Quantity);
        if (total > obligation)
        {
            throw new DomainRuleViolation("surrender.exceeds_obligation",
                $"清缴总量 {total} 将超过 {c.ComplianceYear} 年度清缴义务 {obligation}。",
                $"Surrendering would bring the {c.ComplianceYear} total to {total}, more than the obligation of {obligation}.");
        }
        var offsetLimit = SurrenderRules.OffsetLimit(obligation);
        var offsetTotal = earlier.Sum(s => s.OffsetTonnes) + offsets.Sum(o => o.Quantity);
        if (offsetTotal > offsetLimit)
        {
            throw new DomainRuleViolation("surrender.offset_limit",
                $"CCER 抵销量合计 {offsetTotal} 超过清缴义务 {obligation} 的 5%（{offsetLimit}）。",
                $"Offsets of {offsetTotal} in all would exceed 5% of the obligation of {obligation} ({offsetLimit}).");
        }
        return [new AllowancesSurrendered(state.Id, enterpriseId, c.SurrenderId, c.ComplianceYear, allowances, offsets, obligation, c.By, now)];
    }

    public static IReadOnlyList<object> Decide(ReverseSurrender c, AllowanceAccount state, DateTimeOffset now)
    {
        RequireExists(state);
        var surrender = state.SurrenderOf(c.SurrenderId) ?? throw new DomainRuleViolation("surrender.unknown",
            "该账户没有此清缴记录。", "The account has no such surrender.");
        if (surrender.Reversed)
        {
            if (surrender.ReversalReason == c.Reason) return [];
            throw new DomainRuleViolation("surrender.already_reversed", "该清缴已被撤销。", "The surrender was already reversed.");
        }
        if (state.Status == AccountStatuses.Closed) throw Closed();
        if (now > surrender.SurrenderedAt + SurrenderRules.ReversalWindow)
        {
            throw new DomainRuleViolation("surrender.reversal_window_closed",
                $"清缴于 {surrender.SurrenderedAt.ToOffset(ComplianceCalendar.ChinaStandardTime):yyyy-MM-dd HH:mm} 完成，超过 14 天不能撤销。",
                $"The surrender was made on {surrender.SurrenderedAt.ToOffset(ComplianceCalendar.ChinaStandardTime):yyyy-MM-dd HH:mm}; after 14 days it can no longer be reversed.");
        }
        return [new SurrenderReversed(state.Id, state.EnterpriseId!.Value, surrender.SurrenderId, surrender.ComplianceYear, surrender.Allowances, surrender.Offsets, c.Reason, c.By, now)];
    }

    static void RequireExists(AllowanceAccount state)
    {
        if (!state.Exists) throw new DomainRuleViolation("account.not_open", "该配额账户尚未开立。", "The allowance account has not been opened.");
    }

    static void RequireDebitable(AllowanceAccount state)
    {
        RequireExists(state);
        if (state.Status == AccountStatuses.Closed) throw Closed();
        if (state.Status == AccountStatuses.Frozen)
        {
            throw new DomainRuleViolation("account.frozen",
                $"账户已冻结（{state.FreezeReason}），配额不能转出或清缴。", $"The account is frozen ({state.FreezeReason}); nothing can leave it.");
        }
    }

    static void RequireHeld(AllowanceAccount state, IReadOnlyList<VintageQuantity> wanted)
    {
        foreach (var want in wanted)
        {
            var held = state.HeldOf(want.Vintage);
            if (held < want.Quantity)
            {
                throw new DomainRuleViolation("account.insufficient_holdings",
                    $"账户持有 {want.Vintage} 年度配额 {held} 个，不足 {want.Quantity} 个。",
                    $"The account holds {held} allowances of vintage {want.Vintage}, fewer than {want.Quantity}.");
            }
        }
    }

    static DomainRuleViolation Closed() => new("account.closed", "该配额账户已注销。", "The allowance account is closed.");
}

public static class AllocationPhases
{
    /// <summary>预分配 — 70% of the prior year's verified basis.</summary>
    public const string PreAllocation = "pre_allocation";
    /// <summary>核定/最终分配 — the year's own determined basis; the difference to the pre-allocation is trued up.</summary>
    public const string Final = "final";

    public static readonly IReadOnlyList<string> All = [PreAllocation, Final];
}

/// <summary>The surrender rules of a compliance year.</summary>
public static class SurrenderRules
{
    /// <summary>A year's obligation takes vintages up to the following year's, never later ones (DESIGN.md §7: "no borrowing from future vintages"; issue 8).</summary>
    public const int LatestVintageAfterYear = 1;

    /// <summary>CCER offsets cover at most 5% of the obligation (碳排放权交易管理办法（试行） Art. 29; factor table allocation.ccer_limit).</summary>
    public const decimal OffsetShare = 0.05m;

    /// <summary>The DRC may reverse a surrender within 14 days, with a reason (issue 8).</summary>
    public static readonly TimeSpan ReversalWindow = TimeSpan.FromDays(14);

    /// <summary>Whole offsets only, so the limit is rounded down: 5% is never exceeded.</summary>
    public static long OffsetLimit(long obligation) => (long)Math.Floor(obligation * OffsetShare);
}
