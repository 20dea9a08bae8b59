using System.Collections.Immutable;
using System.Text.Json.Serialization;
using Mrv.EventStore;
using Mrv.Registry.Calendar;

namespace Mrv.Registry.Activity;

/// <summary>
/// A source's activity in a month: the quantity in the source's unit, the measured NCV and carbon
/// content where the plan says measured, and whether its meter was calibrated (with its actual
/// accuracy when it was calibrated worse than required).
/// </summary>
public sealed record SourceEntry(
    string SourceCode, decimal Quantity, string Unit, decimal? NcvGjPerUnit, decimal? CarbonContentTcPerGj, bool MeterCalibrated, decimal? MeterActualAccuracy);

/// <summary>A production output of the month (electricity supplied, tonnes of a product).</summary>
public sealed record OutputEntry(string Product, decimal Quantity, string Unit);

/// <summary>
/// A month's data were recorded (月度信息化存证): a first recording, or a correction that replaces the
/// month's figures and stays in the history. Checked against the plan version in force; flagged late
/// when recorded after the calendar's due day.
/// </summary>
public sealed record MonthlyDataRecorded(
    Guid EnterpriseId, int Year, int Month, IReadOnlyList<SourceEntry> Sources, IReadOnlyList<OutputEntry> Outputs, int PlanVersion,
    DateOnly DueOn, bool Late, bool Correction, string? Reason, string? RecordedBy, DateTimeOffset RecordedAt);

/// <summary>An evidence file (invoice, meter photo, lab report) was attached to a month; the file is kept beside the log with this SHA-256.</summary>
public sealed record EvidenceAttached(
    Guid EnterpriseId, int Year, int Month, Guid EvidenceId, string FileName, string ContentType, long SizeBytes, string Sha256, string Kind,
    string? Description, string? AttachedBy, DateTimeOffset AttachedAt);

public sealed record MonthRevision(int Revision, DateTimeOffset RecordedAt, string? RecordedBy, bool Late, bool Correction, string? Reason);

/// <param name="Late">The month's data first arrived after its due day.</param>
public sealed record MonthData(
    int Month, IReadOnlyList<SourceEntry> Sources, IReadOnlyList<OutputEntry> Outputs, int PlanVersion, DateOnly DueOn, bool Late,
    ImmutableList<MonthRevision> History)
{
    public bool SameFigures(IReadOnlyList<SourceEntry> sources, IReadOnlyList<OutputEntry> outputs) =>
        Sources.SequenceEqual(sources) && Outputs.SequenceEqual(outputs);
}

public sealed record EvidenceFile(
    Guid EvidenceId, int Month, string FileName, string ContentType, long SizeBytes, string Sha256, string Kind, string? Description,
    string? AttachedBy, DateTimeOffset AttachedAt);

/// <summary>An enterprise's monthly data of a year with their evidence, folded from <c>activity-{id}-{year}</c>.</summary>
public sealed record ActivityYear(Guid EnterpriseId, int Year, ImmutableList<MonthData> Months, ImmutableList<EvidenceFile> Evidence)
{
    public const string StreamType = "activity_year";

    public static readonly ActivityYear None = new(Guid.Empty, 0, [], []);

    public static string StreamId(Guid enterpriseId, int year) => $"activity-{enterpriseId}-{year}";

    [JsonIgnore] public bool Exists => EnterpriseId != Guid.Empty;

    public MonthData? MonthOf(int month) => Months.Find(m => m.Month == month);

    public static ActivityYear Evolve(ActivityYear state, object @event) => @event switch
    {
        MonthlyDataRecorded r => state.WithMonth(r),
        EvidenceAttached a => (state.Exists ? state : state with { EnterpriseId = a.EnterpriseId, Year = a.Year }) with
        {
            Evidence = state.Evidence.Add(new EvidenceFile(a.EvidenceId, a.Month, a.FileName, a.ContentType, a.SizeBytes, a.Sha256, a.Kind,
                a.Description, a.AttachedBy, a.AttachedAt)),
        },
        _ => state,
    };

    ActivityYear WithMonth(MonthlyDataRecorded r)
    {
        var existing = MonthOf(r.Month);
        var revision = new MonthRevision((existing?.History.Count ?? 0) + 1, r.RecordedAt, r.RecordedBy, r.Late, r.Correction, r.Reason);
        var month = new MonthData(r.Month, r.Sources, r.Outputs, r.PlanVersion, r.DueOn, existing?.Late ?? r.Late,
            (existing?.History ?? []).Add(revision));
        var months = existing is null ? Months.Add(month).Sort((a, b) => a.Month.CompareTo(b.Month)) : Months.Replace(existing, month);
        return new ActivityYear(r.EnterpriseId, r.Year, months, Evidence);
    }

    public static readonly Decider<ActivityYear> Decider = new(StreamType, None, Evolve);

    public static readonly IReadOnlyList<Type> EventTypes = [typeof(MonthlyDataRecorded), typeof(EvidenceAttached)];

    /// <param name="ReportSubmitted">Whether the year's annual report has been submitted: from then on every change needs a reason.</param>
    public sealed record Record(
        Guid EnterpriseId, int Year, int Month, IReadOnlyList<SourceEntry> Sources, IReadOnlyList<OutputEntry> Outputs, int PlanVersion,
        DateOnly DueOn, bool ReportSubmitted, string? Reason, string? By);

    public sealed record Attach(
        Guid EnterpriseId, int Year, int Month, Guid EvidenceId, string FileName, string ContentType, long SizeBytes, string Sha256, string Kind,
        string? Description, string? By);

    /// <summary>Recording the figures a month already has is a repeat; lateness is judged by the recording time.</summary>
    public static IReadOnlyList<object> Decide(Record c, ActivityYear state, DateTimeOffset now)
    {
        var existing = state.MonthOf(c.Month);
        if (existing is not null && existing.SameFigures(c.Sources, c.Outputs)) return [];
        if (c.ReportSubmitted && string.IsNullOrWhiteSpace(c.Reason))
        {
            throw new DomainRuleViolation("activity.reason_required",
                $"{c.Year} 年度排放报告已提交，修改 {c.Month} 月数据须说明理由（reason）。",
                $"The {c.Year} annual report has been submitted; changing the data of month {c.Month} needs a reason.");
        }
        return
        [
            new MonthlyDataRecorded(c.EnterpriseId, c.Year, c.Month, [.. c.Sources], [.. c.Outputs], c.PlanVersion, c.DueOn,
                ComplianceCalendar.IsLate(c.DueOn, now), existing is not null, string.IsNullOrWhiteSpace(c.Reason) ? null : c.Reason, c.By, now),
        ];
    }

    /// <summary>Several months at once (a file upload): decided in turn on the state the earlier ones leave.</summary>
    public static IReadOnlyList<object> Decide(IReadOnlyList<Record> months, ActivityYear state, DateTimeOffset now)
    {
        var events = new List<object>();
        foreach (var month in months)
        {
            var decided = Decide(month, state, now);
            events.AddRange(decided);
            state = decided.Aggregate(state, Evolve);
        }
        return events;
    }

    /// <summary>The same file (by its SHA-256) attached to the same month again is a repeat.</summary>
    public static IReadOnlyList<object> Decide(Attach c, ActivityYear state, DateTimeOffset now) =>
        state.Evidence.Any(e => e.Month == c.Month && e.Sha256 == c.Sha256)
            ? []
            : [new EvidenceAttached(c.EnterpriseId, c.Year, c.Month, c.EvidenceId, c.FileName, c.ContentType, c.SizeBytes, c.Sha256, c.Kind, c.Description, c.By, now)];

    public static Task<Aggregate<ActivityYear>> LoadAsync(EventLog log, Guid enterpriseId, int year, DateTimeOffset? asOf = null, CancellationToken ct = default) =>
        log.AggregateAsync(StreamId(enterpriseId, year), None, Evolve, asOf, ct);
}
