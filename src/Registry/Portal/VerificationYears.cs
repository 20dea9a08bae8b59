using Mrv.EventStore;
using Mrv.Registry.Calendar;
using Mrv.Registry.Reporting;
using Mrv.Verification.Engagements;

namespace Mrv.Registry.Portal;

/// <summary>The data years the verification pages offer, and the one they open on: the latest year whose reports are being verified.</summary>
public static class VerificationYears
{
    public static IReadOnlyList<int> Recent(TimeProvider time)
    {
        var thisYear = time.GetUtcNow().ToOffset(ComplianceCalendar.ChinaStandardTime).Year;
        return [.. Enumerable.Range(thisYear - 4, 4).Reverse()];
    }

    public static async Task<int> ChooseAsync(int? asked, EventLog log, TimeProvider time, CancellationToken ct)
    {
        if (asked is { } year && DataYear.IsValid(year)) return year;
        foreach (var recent in Recent(time))
        {
            if ((await log.Documents.QueryAsync<Engagement>(new DocumentQuery { Contains = new { year = recent }, Limit = 1 }, ct)).Total > 0 ||
                (await log.Documents.QueryAsync<ReportSummary>(new DocumentQuery { Contains = new { year = recent, status = ReportStatuses.Submitted }, Limit = 1 }, ct)).Total > 0)
            {
                return recent;
            }
        }
        return Recent(time)[0];
    }
}
