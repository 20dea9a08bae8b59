using System.Collections.Immutable;
using System.Text.Json.Serialization;
using Mrv.EventStore;

namespace Mrv.Registry.Enterprises;

/// <summary>An enterprise was registered (登记) with its credit code, place, industry and contact.</summary>
public sealed record EnterpriseRegistered(
    Guid EnterpriseId, string CreditCode, string NameZh, string? NameEn, string LeagueCode, string CountyCode, string Industry,
    string Gbt4754Code, string Address, string ContactName, string ContactPhone, string? RegisteredBy, DateTimeOffset RegisteredAt);

/// <summary>A facility (设施, e.g. a generating unit or a kiln line) was added under an enterprise.</summary>
public sealed record FacilityAdded(Guid EnterpriseId, string FacilityCode, string NameZh, string? NameEn, string? AddedBy, DateTimeOffset AddedAt);

public sealed record FacilityRenamed(Guid EnterpriseId, string FacilityCode, string NameZh, string? NameEn, string? RenamedBy, DateTimeOffset RenamedAt);

/// <summary>A facility was closed (关停) on a date; its open sources close with it.</summary>
public sealed record FacilityClosed(Guid EnterpriseId, string FacilityCode, DateOnly ClosedOn, string Reason, string? ClosedBy, DateTimeOffset RecordedAt);

/// <summary>An emission source (排放源) was added to a facility, with what it burns or processes and how it is metered.</summary>
public sealed record EmissionSourceAdded(
    Guid EnterpriseId, string SourceCode, string FacilityCode, string Type, string? MaterialCode, string Unit,
    string NameZh, string? NameEn, string Meter, string? AddedBy, DateTimeOffset AddedAt);

public sealed record EmissionSourceRenamed(Guid EnterpriseId, string SourceCode, string NameZh, string? NameEn, string? RenamedBy, DateTimeOffset RenamedAt);

public sealed record EmissionSourceClosed(Guid EnterpriseId, string SourceCode, DateOnly ClosedOn, string Reason, string? ClosedBy, DateTimeOffset RecordedAt);

/// <summary>The enterprise was put on a year's covered list (重点排放单位名录) on a basis.</summary>
public sealed record IncludedInCoveredList(
    Guid EnterpriseId, int Year, string Basis, decimal? AnnualEmissionsTco2, decimal? EnergyConsumptionTce, string? IncludedBy, DateTimeOffset IncludedAt);

/// <summary>The enterprise was taken off a year's covered list, with a reason.</summary>
public sealed record RemovedFromCoveredList(Guid EnterpriseId, int Year, string Reason, string? Note, string? RemovedBy, DateTimeOffset RemovedAt);

/// <summary>The enterprise's key-energy-unit tier (千家 / 万家 / none) from a year on.</summary>
public sealed record KeyEnergyUnitTierSet(Guid EnterpriseId, string Tier, int FromYear, string? SetBy, DateTimeOffset SetAt);

public sealed record Facility(string Code, string NameZh, string? NameEn, DateOnly? ClosedOn = null, string? ClosureReason = null)
{
    [JsonIgnore] public bool IsOpen => ClosedOn is null;
}

public sealed record EmissionSource(
    string Code, string FacilityCode, string Type, string? MaterialCode, string Unit, string NameZh, string? NameEn, string Meter,
    DateOnly? ClosedOn = null, string? ClosureReason = null)
{
    [JsonIgnore] public bool IsOpen => ClosedOn is null;
}

public sealed record CoveredListEntry(
    int Year, string Status, string Basis, decimal? AnnualEmissionsTco2, decimal? EnergyConsumptionTce, string? RemovalReason = null, string? RemovalNote = null)
{
    public const string Included = "included";
    public const string Removed = "removed";
}

public sealed record KeyEnergyUnit(string Tier, int FromYear);

/// <summary>
/// An enterprise (重点排放单位 / 重点用能单位), folded from its stream <c>enterprise-{id}</c>. The
/// same record is its read model (table <c>enterprises</c>), so what the API shows is what Decide saw.
/// </summary>
public sealed record Enterprise(
    Guid Id, string CreditCode, string NameZh, string? NameEn, string LeagueCode, string CountyCode, string Industry, string Gbt4754Code,
    string Address, string ContactName, string ContactPhone, string? RegisteredBy, DateTimeOffset? RegisteredAt,
    ImmutableList<Facility> Facilities, ImmutableList<EmissionSource> Sources, ImmutableList<CoveredListEntry> CoveredList,
    KeyEnergyUnit? KeyEnergyUnit)
{
    public static readonly Enterprise None = new(Guid.Empty, "", "", null, "", "", "", "", "", "", "", null, null, [], [], [], null);

    public const string StreamType = "enterprise";

    public static string StreamId(Guid id) => $"enterprise-{id}";

    [JsonIgnore] public bool Exists => Id != Guid.Empty;

    public Facility? FacilityOf(string code) => Facilities.Find(f => f.Code == code);

    public EmissionSource? SourceOf(string code) => Sources.Find(s => s.Code == code);

    public CoveredListEntry? CoveredIn(int year) => CoveredList.Find(c => c.Year == year);

    public static Enterprise Evolve(Enterprise state, object @event) => @event switch
    {
        EnterpriseRegistered r => state with
        {
            Id = r.EnterpriseId, CreditCode = r.CreditCode, NameZh = r.NameZh, NameEn = r.NameEn, LeagueCode = r.LeagueCode,
            CountyCode = r.CountyCode, Industry = r.Industry, Gbt4754Code = r.Gbt4754Code, Address = r.Address,
            ContactName = r.ContactName, ContactPhone = r.ContactPhone, RegisteredBy = r.RegisteredBy, RegisteredAt = r.RegisteredAt,
        },
        FacilityAdded a => state with { Facilities = state.Facilities.Add(new Facility(a.FacilityCode, a.NameZh, a.NameEn)) },
        FacilityRenamed r => state.WithFacility(r.FacilityCode, f => f with { NameZh = r.NameZh, NameEn = r.NameEn }),
        FacilityClosed c => state.WithFacility(c.FacilityCode, f => f with { ClosedOn = c.ClosedOn, ClosureReason = c.Reason }),
        EmissionSourceAdded a => state with
        {
            Sources = state.Sources.Add(new EmissionSource(a.SourceCode, a.FacilityCode, a.Type, a.MaterialCode, a.Unit, a.NameZh, a.NameEn, a.Meter)),
        },
        EmissionSourceRenamed r => state.WithSource(r.SourceCode, s => s with { NameZh = r.NameZh, NameEn = r.NameEn }),
        EmissionSourceClosed c => state.WithSource(c.SourceCode, s => s with { ClosedOn = c.ClosedOn, ClosureReason = c.Reason }),
        IncludedInCoveredList i => state.WithCoveredYear(new CoveredListEntry(
            i.Year, CoveredListEntry.Included, i.Basis, i.AnnualEmissionsTco2, i.EnergyConsumptionTce)),
        RemovedFromCoveredList r => state.WithCoveredYear(state.CoveredIn(r.Year)! with
        {
            Status = CoveredListEntry.Removed, RemovalReason = r.Reason, RemovalNote = r.Note,
        }),
        KeyEnergyUnitTierSet t => state with { KeyEnergyUnit = t.Tier == KeyEnergyUnitTiers.None ? null : new KeyEnergyUnit(t.Tier, t.FromYear) },
        _ => state,
    };

    Enterprise WithFacility(string code, Func<Facility, Facility> change) =>
        this with { Facilities = Facilities.Replace(FacilityOf(code)!, change(FacilityOf(code)!)) };

    Enterprise WithSource(string code, Func<EmissionSource, EmissionSource> change) =>
        this with { Sources = Sources.Replace(SourceOf(code)!, change(SourceOf(code)!)) };

    Enterprise WithCoveredYear(CoveredListEntry entry) => this with
    {
        CoveredList = CoveredList.RemoveAll(c => c.Year == entry.Year).Add(entry).Sort((a, b) => a.Year.CompareTo(b.Year)),
    };

    public static readonly Decider<Enterprise> Decider = new(StreamType, None, Evolve);

    public static readonly IReadOnlyList<Type> EventTypes =
    [
        typeof(EnterpriseRegistered), typeof(FacilityAdded), typeof(FacilityRenamed), typeof(FacilityClosed),
        typeof(EmissionSourceAdded), typeof(EmissionSourceRenamed), typeof(EmissionSourceClosed),
        typeof(IncludedInCoveredList), typeof(RemovedFromCoveredList), typeof(KeyEnergyUnitTierSet),
    ];

    public sealed record Register(
        Guid EnterpriseId, string CreditCode, string NameZh, string? NameEn, string LeagueCode, string CountyCode, string Industry,
        string Gbt4754Code, string Address, string ContactName, string ContactPhone, string? By);

    public sealed record AddFacility(string FacilityCode, string NameZh, string? NameEn, string? By);

    public sealed record AddSource(string SourceCode, string FacilityCode, string Type, string? MaterialCode, string Unit, string NameZh, string? NameEn, string Meter, string? By);

    /// <summary>Renames a facility or, with <see cref="IsSource"/>, an emission source.</summary>
    public sealed record Rename(bool IsSource, string Code, string NameZh, string? NameEn, string? By);

    /// <summary>Closes a facility (with its open sources) or, with <see cref="IsSource"/>, one emission source.</summary>
    public sealed record Close(bool IsSource, string Code, DateOnly ClosedOn, string Reason, string? By);

    public sealed record Include(int Year, string Basis, decimal? AnnualEmissionsTco2, decimal? EnergyConsumptionTce, string? By);

    public sealed record Remove(int Year, string Reason, string? Note, string? By);

    public sealed record SetTier(string Tier, int FromYear, string? By);

    public static IReadOnlyList<object> Decide(Register c, Enterprise state, DateTimeOffset now) => state switch
    {
        { Exists: true } => throw new DomainRuleViolation("enterprise.credit_code_taken",
            $"统一社会信用代码 {c.CreditCode} 已登记。", $"The credit code {c.CreditCode} is already registered."),
        _ =>
        [
            new EnterpriseRegistered(c.EnterpriseId, c.CreditCode, c.NameZh, c.NameEn, c.LeagueCode, c.CountyCode, c.Industry,
                c.Gbt4754Code, c.Address, c.ContactName, c.ContactPhone, c.By, now),
        ],
    };

    /// <summary>The registration would record exactly what is already registered (a re-import of the same row).</summary>
    public bool IsRegisteredAs(Register c) =>
        Exists && CreditCode == c.CreditCode && NameZh == c.NameZh && NameEn == c.NameEn && LeagueCode == c.LeagueCode &&
        CountyCode == c.CountyCode && Industry == c.Industry && Gbt4754Code == c.Gbt4754Code && Address == c.Address &&
        ContactName == c.ContactName && ContactPhone == c.ContactPhone;

    public static IReadOnlyList<object> Decide(AddFacility c, Enterprise state, DateTimeOffset now)
    {
        RequireExists(state);
        if (state.FacilityOf(c.FacilityCode) is not null)
        {
            throw new DomainRuleViolation("enterprise.facility_code_taken",
                $"设施编号 {c.FacilityCode} 已存在。", $"The facility code {c.FacilityCode} is already used.");
        }
        return [new FacilityAdded(state.Id, c.FacilityCode, c.NameZh, c.NameEn, c.By, now)];
    }

    public static IReadOnlyList<object> Decide(AddSource c, Enterprise state, DateTimeOffset now)
    {
        RequireExists(state);
        if (state.SourceOf(c.SourceCode) is not null)
        {
            throw new DomainRuleViolation("enterprise.source_code_taken",
                $"排放源编号 {c.SourceCode} 已存在。", $"The emission source code {c.SourceCode} is already used.");
        }
        RequireOpenFacility(state, c.FacilityCode);
        return [new EmissionSourceAdded(state.Id, c.SourceCode, c.FacilityCode, c.Type, c.MaterialCode, c.Unit, c.NameZh, c.NameEn, c.Meter, c.By, now)];
    }

    public static IReadOnlyList<object> Decide(Rename c, Enterprise state, DateTimeOffset now)
    {
        RequireExists(state);
        if (c.IsSource)
        {
            var source = RequireOpenSource(state, c.Code);
            return source.NameZh == c.NameZh && source.NameEn == c.NameEn
                ? []
                : [new EmissionSourceRenamed(state.Id, c.Code, c.NameZh, c.NameEn, c.By, now)];
        }
        var facility = RequireOpenFacility(state, c.Code);
        return facility.NameZh == c.NameZh && facility.NameEn == c.NameEn
            ? []
            : [new FacilityRenamed(state.Id, c.Code, c.NameZh, c.NameEn, c.By, now)];
    }

    public static IReadOnlyList<object> Decide(Close c, Enterprise state, DateTimeOffset now)
    {
        RequireExists(state);
        if (c.IsSource)
        {
            var source = state.SourceOf(c.Code) ?? throw UnknownPart(c.IsSource, c.Code);
            return source.IsOpen ? [new EmissionSourceClosed(state.Id, c.Code, c.ClosedOn, c.Reason, c.By, now)] : [];
        }
        var facility = state.FacilityOf(c.Code) ?? throw UnknownPart(c.IsSource, c.Code);
        if (!facility.IsOpen) return [];
        return
        [
            .. state.Sources.Where(s => s.FacilityCode == c.Code && s.IsOpen)
                .Select(s => new EmissionSourceClosed(state.Id, s.Code, c.ClosedOn, c.Reason, c.By, now)),
            new FacilityClosed(state.Id, c.Code, c.ClosedOn, c.Reason, c.By, now),
        ];
    }

    public static IReadOnlyList<object> Decide(Include c, Enterprise state, DateTimeOffset now)
    {
        RequireExists(state);
        if (state.CoveredIn(c.Year) is { Status: CoveredListEntry.Included } entry)
        {
            if (entry.Basis == c.Basis && entry.AnnualEmissionsTco2 == c.AnnualEmissionsTco2 && entry.EnergyConsumptionTce == c.EnergyConsumptionTce) return [];
            throw new DomainRuleViolation("covered_list.already_included",
                $"该企业已列入 {c.Year} 年名录（依据：{entry.Basis}）；如需更改依据或数据，请先移出再重新列入。",
                $"The enterprise is already on the {c.Year} list (basis: {entry.Basis}); to change its basis or figures, remove it first.");
        }
        return [new IncludedInCoveredList(state.Id, c.Year, c.Basis, c.AnnualEmissionsTco2, c.EnergyConsumptionTce, c.By, now)];
    }

    public static IReadOnlyList<object> Decide(Remove c, Enterprise state, DateTimeOffset now)
    {
        RequireExists(state);
        return state.CoveredIn(c.Year) switch
        {
            { Status: CoveredListEntry.Included } => [new RemovedFromCoveredList(state.Id, c.Year, c.Reason, c.Note, c.By, now)],
            { Status: CoveredListEntry.Removed } entry when entry.RemovalReason == c.Reason && entry.RemovalNote == c.Note => [],
            _ => throw new DomainRuleViolation("covered_list.not_included",
                $"该企业不在 {c.Year} 年名录中。", $"The enterprise is not on the {c.Year} list."),
        };
    }

    public static IReadOnlyList<object> Decide(SetTier c, Enterprise state, DateTimeOffset now)
    {
        RequireExists(state);
        var current = state.KeyEnergyUnit;
        var unchanged = c.Tier == KeyEnergyUnitTiers.None ? current is null : current == new KeyEnergyUnit(c.Tier, c.FromYear);
        return unchanged ? [] : [new KeyEnergyUnitTierSet(state.Id, c.Tier, c.FromYear, c.By, now)];
    }

    static void RequireExists(Enterprise state)
    {
        if (!state.Exists)
        {
            throw new DomainRuleViolation("enterprise.not_registered", "该企业尚未登记。", "The enterprise is not registered.");
        }
    }

    static Facility RequireOpenFacility(Enterprise state, string code)
    {
        var facility = state.FacilityOf(code) ?? throw UnknownPart(false, code);
        return facility.IsOpen ? facility : throw new DomainRuleViolation("enterprise.facility_closed",
            $"设施 {code} 已于 {facility.ClosedOn:yyyy-MM-dd} 关停。", $"The facility {code} was closed on {facility.ClosedOn:yyyy-MM-dd}.");
    }

    static EmissionSource RequireOpenSource(Enterprise state, string code)
    {
        var source = state.SourceOf(code) ?? throw UnknownPart(true, code);
        return source.IsOpen ? source : throw new DomainRuleViolation("enterprise.source_closed",
            $"排放源 {code} 已于 {source.ClosedOn:yyyy-MM-dd} 停用。", $"The emission source {code} was closed on {source.ClosedOn:yyyy-MM-dd}.");
    }

    static DomainRuleViolation UnknownPart(bool isSource, string code) => isSource
        ? new DomainRuleViolation("enterprise.source_unknown", $"没有编号为 {code} 的排放源。", $"There is no emission source {code}.")
        : new DomainRuleViolation("enterprise.facility_unknown", $"没有编号为 {code} 的设施。", $"There is no facility {code}.");
}
