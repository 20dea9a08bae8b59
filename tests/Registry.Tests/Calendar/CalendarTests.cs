using System.Net;
using System.Net.Http.Json;
using Mrv.Registry.Calendar;

namespace Mrv.Registry.Tests.Calendar;

public sealed class CalendarTests(RegistryFixture registry) : IClassFixture<RegistryFixture>
{
    [Fact]
    public async Task an_unedited_year_has_the_annual_cycles_default_deadlines()
    {
        var calendar = await (await (await registry.ClientAsync("enterprise-demo")).GetAsync("/api/v1/calendar/2030")).JsonAsync();

        var monthly = calendar.GetProperty("monthlyDataDue").EnumerateArray().Select(d => d.GetString()).ToList();
        monthly.Count.ShouldBe(12);
        monthly[0].ShouldBe("2030-03-12");   // 31 January + 40 days
        monthly[1].ShouldBe("2030-04-09");   // 28 February + 40 days
        monthly[11].ShouldBe("2031-02-09");  // 31 December + 40 days
        calendar.GetProperty("reportDue").GetString().ShouldBe("2031-03-31");
        calendar.GetProperty("verificationDue").GetString().ShouldBe("2031-06-30");
        calendar.GetProperty("surrenderDue").GetString().ShouldBe("2031-12-31");
        calendar.GetProperty("edited").GetBoolean().ShouldBeFalse();
    }

    [Fact]
    public async Task the_drc_moves_a_deadline_with_a_reason_and_everyone_reads_the_new_date()
    {
        var drc = await registry.ClientAsync("drc");
        var body = new { reportDue = "2030-04-30", verificationDue = "2030-07-31", surrenderDue = "2030-12-31", reason = "疫情顺延 / extension" };

        var first = await drc.PutAsJsonAsync("/api/v1/calendar/2029", body);
        var again = await drc.PutAsJsonAsync("/api/v1/calendar/2029", body);
        var read = await (await registry.ClientAsync("league-baotou")).GetAsync("/api/v1/calendar/2029");

        first.StatusCode.ShouldBe(HttpStatusCode.OK, await first.Content.ReadAsStringAsync());
        again.Headers.ETag!.Tag.ShouldBe(first.Headers.ETag!.Tag);
        var calendar = await read.JsonAsync();
        calendar.GetProperty("reportDue").GetString().ShouldBe("2030-04-30");
        calendar.GetProperty("reason").GetString().ShouldBe("疫情顺延 / extension");
        calendar.GetProperty("monthlyDataDue")[0].GetString().ShouldBe("2029-03-12");
        (await registry.CountAsync("select count(*) from eventstore.events where stream_id = 'calendar-2029'")).ShouldBe(1);
    }

    [Fact]
    public async Task only_the_drc_edits_and_dates_before_what_they_are_for_are_refused()
    {
        var league = await registry.ClientAsync("league-baotou");
        var drc = await registry.ClientAsync("drc", "en");
        var monthly = Enumerable.Range(1, 12).Select(m => ComplianceCalendar.MonthEnd(2032, m).ToString("yyyy-MM-dd")).ToArray();

        var forbidden = await league.PutAsJsonAsync("/api/v1/calendar/2032", new { reportDue = "2033-03-31", verificationDue = "2033-06-30", surrenderDue = "2033-12-31", reason = "x" });
        var inTheYear = await drc.PutAsJsonAsync("/api/v1/calendar/2032", new { reportDue = "2032-12-01", verificationDue = "2033-06-30", surrenderDue = "2033-12-31", reason = "x" });
        var monthEnd = await drc.PutAsJsonAsync("/api/v1/calendar/2032", new { monthlyDataDue = monthly, reportDue = "2033-03-31", verificationDue = "2033-06-30", surrenderDue = "2033-12-31", reason = "x" });
        var backwards = await drc.PutAsJsonAsync("/api/v1/calendar/2032", new { reportDue = "2033-03-31", verificationDue = "2033-02-28", surrenderDue = "2033-12-31", reason = "x" });

        await forbidden.ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        (await inTheYear.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).ShouldNameField("reportDue", "after_data_year");
        (await monthEnd.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).ShouldNameField("monthlyDataDue[0]", "after_month_end");
        (await backwards.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).ShouldNameField("verificationDue", "after_report_due");
        (await registry.CountAsync("select count(*) from eventstore.events where stream_id = 'calendar-2032'")).ShouldBe(0);
    }

    [Fact]
    public void a_deadline_is_the_end_of_its_day_in_china_standard_time()
    {
        var due = new DateOnly(2025, 3, 31);

        ComplianceCalendar.IsLate(due, new DateTimeOffset(2025, 3, 31, 23, 59, 59, TimeSpan.FromHours(8))).ShouldBeFalse();
        ComplianceCalendar.IsLate(due, new DateTimeOffset(2025, 3, 31, 16, 0, 0, TimeSpan.Zero)).ShouldBeTrue();
    }
}
