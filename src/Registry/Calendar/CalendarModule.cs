using Mrv.EventStore;
using Mrv.EventStore.Http;

namespace Mrv.Registry.Calendar;

/// <summary>The compliance calendar (履约日历): each data year's deadlines, which the DRC may edit.</summary>
public static class CalendarModule
{
    public static void Register(EventStoreOptions store)
    {
        store.Events.Register<ComplianceCalendarSet>("compliance_calendar_set.v1");
    }

    public static IEndpointRouteBuilder MapCalendarEndpoints(this IEndpointRouteBuilder app)
    {
        var calendar = app.MapGroup("/api/v1/calendar").WithTags("Calendar");
        calendar.MapGet("/{year:int}", GetCalendar.Handle).RequireAuthorization(Policies.AnyUser)
            .WithSummary("A data year's deadlines: monthly data, report, verification, surrender (defaults until the DRC edits them)");
        calendar.MapPut("/{year:int}", SetCalendar.Handle).RequireAuthorization(Policies.Drc)
            .WithSummary("Set a data year's deadlines, with a reason");
        return app;
    }
}
