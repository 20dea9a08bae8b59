using Mrv.EventStore;
using Mrv.EventStore.Http;
using Mrv.Registry.Regions;

namespace Mrv.Registry.DualControl;

/// <summary>
/// The areas dual control speaks of: the 12 leagues/cities (盟市), and the autonomous region as a
/// whole (<see cref="Leagues.RegionCode"/>), which has region-wide targets and statistics of its own.
/// </summary>
public static class Areas
{
    public static bool IsArea(string? code) => code == Leagues.RegionCode || Leagues.IsLeagueCode(code);

    public static string NameZh(string code) => code == Leagues.RegionCode ? "内蒙古自治区" : Leagues.Find(code)?.NameZh ?? code;

    public static string NameEn(string code) => code == Leagues.RegionCode ? "Inner Mongolia Autonomous Region" : Leagues.Find(code)?.NameEn ?? code;

    /// <summary>
    /// The DRC sees every area; a league/city user only its own league/city (the region's own figures
    /// are kept by the DRC). What a caller may not see answers 404, as everywhere in the registry.
    /// </summary>
    public static bool CanSee(this Caller caller, string areaCode) =>
        caller.IsDrc || (caller.Role == Roles.League && caller.LeagueCode == areaCode && areaCode != Leagues.RegionCode);
}

/// <summary>A read model that is the stream's folded state itself, kept inline with its stream.</summary>
public sealed class FoldedStateProjection<TState>(Decider<TState> decider, IReadOnlyCollection<Type> eventTypes) : SingleStreamProjection<TState>
    where TState : class
{
    public override IReadOnlyCollection<Type> EventTypes => eventTypes;

    protected override TState? Apply(TState? current, StoredEvent @event) => decider.Evolve(current ?? decider.Initial, @event.Data);
}

/// <summary>Rules shared by the figures dual control keeps: statistics and key-unit figures.</summary>
public static class Corrections
{
    /// <summary>A figure already on record is changed only with a reason; the old value stays in the stream.</summary>
    public static DomainRuleViolation NeedReason(string code) => new(code,
        "更正已记录的数据须说明理由（原数据保留在历史记录中）。",
        "Correcting a figure already on record needs a reason (the old figure stays in the history).");
}

/// <summary>Several commands on one stream in one append.</summary>
public static class Steps
{
    /// <summary>Decides each step on the state the steps before it leave, and returns all their events in order.</summary>
    public static IReadOnlyList<object> DecideInTurn<TState>(TState state, Func<TState, object, TState> evolve, IEnumerable<Func<TState, IReadOnlyList<object>>> steps)
    {
        var events = new List<object>();
        foreach (var step in steps)
        {
            var decided = step(state);
            events.AddRange(decided);
            state = decided.Aggregate(state, evolve);
        }
        return events;
    }
}
