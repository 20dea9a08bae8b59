using System.Globalization;
using Mrv.EventStore;

namespace Mrv.Registry.Allowances.Penalties;

public static class PenaltyStatuses
{
    public const string Opened = "opened";
    public const string PriceRecorded = "price_recorded";
    public const string FineDecided = "fine_decided";
}

/// <summary>
/// What the rules say follows a shortfall at the deadline: a fine of 5 to 10 times the average market
/// price of the month before the deadline, for every allowance not surrendered, and as many allowances
/// deducted from the next year's allocation (碳排放权交易管理暂行条例, 国务院令第775号, 2024, on failing
/// to surrender; issue 8).
/// </summary>
public static class PenaltyRules
{
    public const decimal MinPriceMultiple = 5m;
    public const decimal MaxPriceMultiple = 10m;

    /// <summary>The month whose average price counts: the one before the deadline's month, as yyyy-MM.</summary>
    public static string PriceMonth(DateOnly surrenderDue) => surrenderDue.AddMonths(-1).ToString("yyyy-MM", CultureInfo.InvariantCulture);
}

/// <summary>A shortfall was found after the deadline: a penalty case (处罚案件) with the tonnes missing.</summary>
public sealed record PenaltyCaseOpened(
    Guid EnterpriseId, int Year, string EnterpriseName, string LeagueCode, long ObligationTonnes, long SurrenderedTonnes, long ShortfallTonnes,
    DateOnly SurrenderDue, string? OpenedBy, DateTimeOffset OpenedAt);

/// <summary>The DRC recorded the average market price of the month before the deadline, with its source.</summary>
public sealed record PenaltyMarketPriceRecorded(Guid EnterpriseId, int Year, string Month, decimal AveragePriceYuan, string Source, string? RecordedBy, DateTimeOffset RecordedAt);

/// <summary>The DRC decided the fine, within 5–10 × price × shortfall.</summary>
public sealed record PenaltyFineDecided(Guid EnterpriseId, int Year, decimal FineYuan, string? Reason, string? DecidedBy, DateTimeOffset DecidedAt);

/// <summary>
/// A penalty case of an enterprise-year, folded from <c>penalty-case-{enterpriseId}-{year}</c>. Its
/// shortfall is deducted, tonne for tonne, from the allocation of the following year whenever that
/// allocation is computed.
/// </summary>
public sealed record PenaltyCase(
    Guid EnterpriseId, int Year, string EnterpriseName, string LeagueCode, string Status, long ObligationTonnes, long SurrenderedTonnes, long ShortfallTonnes,
    DateOnly SurrenderDue, string? OpenedBy, DateTimeOffset? OpenedAt, string? PriceMonth, decimal? AveragePriceYuan, string? PriceSource,
    decimal? FineMinYuan, decimal? FineMaxYuan, decimal? FineYuan, string? FineReason, string? FineDecidedBy, DateTimeOffset? FineDecidedAt)
{
    public const string StreamType = "penalty_case";

    public static readonly PenaltyCase None = new(Guid.Empty, 0, "", "", "", 0, 0, 0, default, null, null, null, null, null, null, null, null, null, null, null);

    public static string StreamId(Guid enterpriseId, int year) => $"penalty-case-{enterpriseId}-{year}";

    [System.Text.Json.Serialization.JsonIgnore] public bool Exists => EnterpriseId != Guid.Empty;

    /// <summary>The allocation year the shortfall is deducted from.</summary>
    public int DeductionYear => Year + 1;

    public static PenaltyCase Evolve(PenaltyCase state, object @event) => @event switch
    {
        PenaltyCaseOpened o => state with
        {
            EnterpriseId = o.EnterpriseId, Year = o.Year, EnterpriseName = o.EnterpriseName, LeagueCode = o.LeagueCode, Status = PenaltyStatuses.Opened,
            ObligationTonnes = o.ObligationTonnes, SurrenderedTonnes = o.SurrenderedTonnes, ShortfallTonnes = o.ShortfallTonnes, SurrenderDue = o.SurrenderDue,
            OpenedBy = o.OpenedBy, OpenedAt = o.OpenedAt,
        },
        PenaltyMarketPriceRecorded p => state with
        {
            Status = PenaltyStatuses.PriceRecorded, PriceMonth = p.Month, AveragePriceYuan = p.AveragePriceYuan, PriceSource = p.Source,
            FineMinYuan = PenaltyRules.MinPriceMultiple * p.AveragePriceYuan * state.ShortfallTonnes,
            FineMaxYuan = PenaltyRules.MaxPriceMultiple * p.AveragePriceYuan * state.ShortfallTonnes,
        },
        PenaltyFineDecided f => state with { Status = PenaltyStatuses.FineDecided, FineYuan = f.FineYuan, FineReason = f.Reason, FineDecidedBy = f.DecidedBy, FineDecidedAt = f.DecidedAt },
        _ => state,
    };

    public static readonly Decider<PenaltyCase> Decider = new(StreamType, None, Evolve);

    public static readonly IReadOnlyList<Type> EventTypes = [typeof(PenaltyCaseOpened), typeof(PenaltyMarketPriceRecorded), typeof(PenaltyFineDecided)];

    public sealed record Open(
        Guid EnterpriseId, int Year, string EnterpriseName, string LeagueCode, long ObligationTonnes, long SurrenderedTonnes, DateOnly SurrenderDue, string? By);

    public sealed record RecordPrice(decimal AveragePriceYuan, string Source, string? By);

    public sealed record DecideFine(decimal FineYuan, string? Reason, string? By);

    public static IReadOnlyList<object> Decide(Open c, PenaltyCase state, DateTimeOffset now)
    {
        if (state.Exists) return [];
        var shortfall = c.ObligationTonnes - c.SurrenderedTonnes;
        if (shortfall <= 0)
        {
            throw new DomainRuleViolation("penalty.no_shortfall", "该企业已足额清缴，没有处罚依据。", "The enterprise surrendered in full; there is nothing to penalise.");
        }
        return [new PenaltyCaseOpened(c.EnterpriseId, c.Year, c.EnterpriseName, c.LeagueCode, c.ObligationTonnes, c.SurrenderedTonnes, shortfall, c.SurrenderDue, c.By, now)];
    }

    public static IReadOnlyList<object> Decide(RecordPrice c, PenaltyCase state, DateTimeOffset now)
    {
        RequireOpened(state);
        if (state.Status == PenaltyStatuses.FineDecided)
        {
            throw new DomainRuleViolation("penalty.fine_already_decided", "罚款已决定，市场价格不能再更改。", "The fine is decided; the market price can no longer change.");
        }
        if (state.AveragePriceYuan == c.AveragePriceYuan && state.PriceSource == c.Source) return [];
        return [new PenaltyMarketPriceRecorded(state.EnterpriseId, state.Year, PenaltyRules.PriceMonth(state.SurrenderDue), c.AveragePriceYuan, c.Source, c.By, now)];
    }

    public static IReadOnlyList<object> Decide(DecideFine c, PenaltyCase state, DateTimeOffset now)
    {
        RequireOpened(state);
        if (state.Status == PenaltyStatuses.FineDecided)
        {
            if (state.FineYuan == c.FineYuan) return [];
            throw new DomainRuleViolation("penalty.fine_already_decided", "罚款已经决定。", "The fine is already decided.");
        }
        if (state.FineMinYuan is not { } min || state.FineMaxYuan is not { } max)
        {
            throw new DomainRuleViolation("penalty.price_missing",
                $"请先登记 {PenaltyRules.PriceMonth(state.SurrenderDue)} 的市场交易平均成交价格。",
                $"Record the average market price of {PenaltyRules.PriceMonth(state.SurrenderDue)} first.");
        }
        if (c.FineYuan < min || c.FineYuan > max)
        {
            throw new DomainRuleViolation("penalty.fine_out_of_range",
                $"罚款须在 {min:N2} 元至 {max:N2} 元之间（均价的 5–10 倍 × 未清缴 {state.ShortfallTonnes} 吨）。",
                $"The fine must lie between CNY {min:N2} and {max:N2} (5–10 × the average price × {state.ShortfallTonnes} t not surrendered).");
        }
        return [new PenaltyFineDecided(state.EnterpriseId, state.Year, c.FineYuan, c.Reason, c.By, now)];
    }

    static void RequireOpened(PenaltyCase state)
    {
        if (!state.Exists) throw new DomainRuleViolation("penalty.no_case", "没有该企业该年度的处罚案件。", "There is no penalty case for this enterprise-year.");
    }
}
