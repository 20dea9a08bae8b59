using Mrv.EventStore;
using Mrv.EventStore.Http;

namespace Mrv.Registry.Calendar;

/// <summary>GET /api/v1/calendar/{year} (any signed-in user) — the year's deadlines, the defaults until the DRC edits them.</summary>
public static class GetCalendar
{
    public static async Task<IResult> Handle(int year, HttpContext http, EventLog log)
    {
        if (!DataYear.IsValid(year)) return DataYear.Invalid("year", http);
        var calendar = await ComplianceCalendar.LoadAsync(log, year, ct: http.RequestAborted);
        http.Response.Headers.ETag = HttpCommands.ETagFor(calendar.Version);
        return TypedResults.Ok(calendar.State);
    }
}
