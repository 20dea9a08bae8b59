using Mrv.EventStore;

namespace Mrv.Registry.Admin;

/// <summary>What was recorded in the registry on one day (China Standard Time): events in all and by type.</summary>
public sealed record DailyActivity(string Date, long Events, SortedDictionary<string, long> ByType);

/// <summary>Async, across every stream: the DRC's view of how busy the registry is, day by day.</summary>
public sealed class DailyActivityProjection : DocumentPerKeyProjection<DailyActivity>
{
    /// <summary>Days are counted in China Standard Time (UTC+8, no daylight saving), the registry's business time.</summary>
    static readonly TimeSpan ChinaStandardTime = TimeSpan.FromHours(8);

    public override string Name => "daily_activity";

    /// <summary>Every event type counts.</summary>
    public override IReadOnlyCollection<Type> EventTypes => [];

    protected override string? KeyFor(StoredEvent @event) => DayOf(@event);

    protected override DailyActivity? Apply(DailyActivity? current, StoredEvent @event)
    {
        var day = current ?? new DailyActivity(DayOf(@event), 0, new SortedDictionary<string, long>(StringComparer.Ordinal));
        var byType = new SortedDictionary<string, long>(day.ByType, StringComparer.Ordinal);
        byType[@event.Type] = byType.GetValueOrDefault(@event.Type) + 1;
        return day with { Events = day.Events + 1, ByType = byType };
    }

    static string DayOf(StoredEvent @event) =>
        @event.RecordedAt.ToOffset(ChinaStandardTime).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
