using System.Collections.Immutable;
using System.Text.Json.Serialization;
using Mrv.EventStore;

namespace Mrv.Registry.Calendar;

/// <summary>The DRC set a data year's compliance deadlines (履约日历), with a reason.</summary>
public sealed record ComplianceCalendarSet(
    int Year, IReadOnlyList<DateOnly> MonthlyDataDue, DateOnly ReportDue, DateOnly VerificationDue, DateOnly SurrenderDue,
    string Reason, string? SetBy, DateTimeOffset SetAt);

/// <summary>
/// A data year's deadlines (履约日历), folded from the stream <c>calendar-{year}</c>. Deadlines are
/// data, not code: until the DRC edits a year, its dates are the defaults of the annual cycle.
/// A deadline is a calendar day in China Standard Time; anything recorded after that day ends is late.
/// </summary>
public sealed record ComplianceCalendar(
    int Year, ImmutableList<DateOnly> MonthlyDataDue, DateOnly ReportDue, DateOnly VerificationDue, DateOnly SurrenderDue,
    bool Edited, string? Reason, string? SetBy, DateTimeOffset? SetAt)
{
    public const string StreamType = "compliance_calendar";

    /// <summary>Business time of the registry: China Standard Time (UTC+8, no daylight saving).</summary>
    public static readonly TimeSpan ChinaStandardTime = TimeSpan.FromHours(8);

    /// <summary>Monthly data are due within 40 days of the month's end (DESIGN.md, "The annual cycle" §3).</summary>
    public const int MonthlyDataDueDays = 40;

    public static string StreamId(int year) => $"calendar-{year}";

    /// <summary>
    /// The defaults of DESIGN.md's annual cycle: monthly data 40 days after each month ends (§3),
    /// the annual report by 31 March of the following year (§5), verification by 30 June of the
    /// following year (issue 6), surrender by 31 December of the following year (§7).
    /// </summary>
    public static ComplianceCalendar Default(int year) => new(
        year,
        [.. Enumerable.Range(1, 12).Select(month => MonthEnd(year, month).AddDays(MonthlyDataDueDays))],
        new DateOnly(year + 1, 3, 31), new DateOnly(year + 1, 6, 30), new DateOnly(year + 1, 12, 31),
        false, null, null, null);

    public static DateOnly MonthEnd(int year, int month) => new(year, month, DateTime.DaysInMonth(year, month));

    public DateOnly MonthlyDataDueOn(int month) => MonthlyDataDue[month - 1];

    /// <summary>The first instant after a due day, in China Standard Time: what is recorded from then on is late.</summary>
    public static DateTimeOffset EndOf(DateOnly day) => new(day.AddDays(1).ToDateTime(TimeOnly.MinValue), ChinaStandardTime);

    public static bool IsLate(DateOnly dueOn, DateTimeOffset at) => at >= EndOf(dueOn);

    [JsonIgnore] public bool IsDefault => !Edited;

    public static ComplianceCalendar Evolve(ComplianceCalendar state, object @event) => @event switch
    {
        ComplianceCalendarSet s => new(s.Year, [.. s.MonthlyDataDue], s.ReportDue, s.VerificationDue, s.SurrenderDue, true, s.Reason, s.SetBy, s.SetAt),
        _ => state,
    };

    public static Decider<ComplianceCalendar> DeciderFor(int year) => new(StreamType, Default(year), Evolve);

    public sealed record Set(IReadOnlyList<DateOnly> MonthlyDataDue, DateOnly ReportDue, DateOnly VerificationDue, DateOnly SurrenderDue, string Reason, string? By);

    /// <summary>Setting the dates the year already has is a repeat and records nothing.</summary>
    public static IReadOnlyList<object> Decide(Set c, ComplianceCalendar state, DateTimeOffset now) =>
        state.MonthlyDataDue.SequenceEqual(c.MonthlyDataDue) && state.ReportDue == c.ReportDue &&
        state.VerificationDue == c.VerificationDue && state.SurrenderDue == c.SurrenderDue
            ? []
            : [new ComplianceCalendarSet(state.Year, [.. c.MonthlyDataDue], c.ReportDue, c.VerificationDue, c.SurrenderDue, c.Reason, c.By, now)];

    /// <summary>The year's calendar as it stands (or stood at <paramref name="asOf"/>), with its stream version.</summary>
    public static async Task<Aggregate<ComplianceCalendar>> LoadAsync(EventLog log, int year, DateTimeOffset? asOf = null, CancellationToken ct = default)
    {
        var decider = DeciderFor(year);
        return await log.AggregateAsync(StreamId(year), decider.Initial, decider.Evolve, asOf, ct);
    }
}
