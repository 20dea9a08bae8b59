using FluentValidation;
using Mrv.EventStore;
using Mrv.EventStore.Http;

namespace Mrv.Registry.Calendar;

/// <param name="MonthlyDataDue">Twelve due days, January first; omitted, each month's stays as it is.</param>
public sealed record SetCalendarRequest(
    IReadOnlyList<DateOnly>? MonthlyDataDue, DateOnly ReportDue, DateOnly VerificationDue, DateOnly SurrenderDue, string Reason);

/// <summary>The shape of a calendar; the year itself comes from the route and is checked against the dates there.</summary>
public sealed class SetCalendarRequestValidator : AbstractValidator<SetCalendarRequest>
{
    public SetCalendarRequestValidator()
    {
        RuleFor(r => r.MonthlyDataDue).Must(d => d!.Count == 12).When(r => r.MonthlyDataDue is not null).WithErrorCode("twelve_months")
            .WithMessage(_ => new LocalizedText("monthlyDataDue 须按 1–12 月列出 12 个日期。", "monthlyDataDue lists 12 dates, January first.").ToString());
        RuleFor(r => r.VerificationDue).GreaterThanOrEqualTo(r => r.ReportDue).WithErrorCode("after_report_due")
            .WithMessage(_ => new LocalizedText("核查截止日不得早于报告截止日。", "verificationDue may not be before reportDue.").ToString());
        RuleFor(r => r.SurrenderDue).GreaterThanOrEqualTo(r => r.VerificationDue).WithErrorCode("after_verification_due")
            .WithMessage(_ => new LocalizedText("清缴截止日不得早于核查截止日。", "surrenderDue may not be before verificationDue.").ToString());
        RuleFor(r => r.Reason).NotEmpty().MaximumLength(1000);
    }
}

/// <summary>PUT /api/v1/calendar/{year} (drc) — sets a data year's deadlines, with a reason.</summary>
public static class SetCalendar
{
    public static Task<IResult> Handle(int year, SetCalendarRequest request, HttpContext http, TimeProvider time)
    {
        if (!DataYear.IsValid(year)) return Task.FromResult(DataYear.Invalid("year", http));
        var violations = DatesOutsideTheYear(year, request);
        if (violations.Count > 0) return Task.FromResult(Problems.Validation(violations, http));

        var decider = ComplianceCalendar.DeciderFor(year);
        var now = time.GetUtcNow();
        var by = Caller.From(http.User)!.Username;
        return http.ExecuteAsync(decider, ComplianceCalendar.StreamId(year), request,
            state => ComplianceCalendar.Decide(new ComplianceCalendar.Set(
                request.MonthlyDataDue ?? state.MonthlyDataDue, request.ReportDue, request.VerificationDue, request.SurrenderDue, request.Reason, by), state, now),
            outcome => CommandResponse.Ok(outcome.Head.Version, outcome.State));
    }

    /// <summary>A deadline falls after what it is for: a month's data after that month, the rest after the data year.</summary>
    static List<FieldViolation> DatesOutsideTheYear(int year, SetCalendarRequest request)
    {
        var violations = new List<FieldViolation>();
        for (var month = 1; month <= (request.MonthlyDataDue?.Count ?? 0); month++)
        {
            if (request.MonthlyDataDue![month - 1] > ComplianceCalendar.MonthEnd(year, month)) continue;
            violations.Add(new FieldViolation($"monthlyDataDue[{month - 1}]", "after_month_end", new LocalizedText(
                $"{year} 年 {month} 月数据的截止日须在该月结束之后。", $"The due day of {year}-{month:00} data must come after that month ends.").ToString()));
        }
        if (request.ReportDue.Year <= year)
        {
            violations.Add(new FieldViolation("reportDue", "after_data_year", new LocalizedText(
                $"报告截止日须在 {year} 年之后。", $"reportDue must come after {year}.").ToString()));
        }
        return violations;
    }
}
