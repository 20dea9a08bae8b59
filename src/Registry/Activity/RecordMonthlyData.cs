using FluentValidation;
using Mrv.EventStore;
using Mrv.EventStore.Http;

namespace Mrv.Registry.Activity;

/// <param name="Reason">Why the DRC enters data on the enterprise's behalf, or why data change after the report was submitted.</param>
public sealed record RecordMonthlyDataRequest(IReadOnlyList<SourceEntryRequest> Sources, IReadOnlyList<OutputEntryRequest>? Outputs, string? Reason);

public sealed class RecordMonthlyDataRequestValidator : AbstractValidator<RecordMonthlyDataRequest>
{
    public RecordMonthlyDataRequestValidator()
    {
        RuleFor(r => r.Sources).Cascade(CascadeMode.Stop).NotNull()
            .Must(s => s.Where(x => x?.SourceCode is not null).GroupBy(x => x.SourceCode).All(g => g.Count() == 1)).WithErrorCode("duplicate_source")
            .WithMessage(_ => new LocalizedText("同一排放源每月只填一行。", "Each source appears once a month.").ToString());
        RuleFor(r => r).Must(r => r.Sources?.Count > 0 || r.Outputs?.Count > 0).OverridePropertyName("sources").WithErrorCode("empty_month")
            .WithMessage(_ => new LocalizedText("请至少填写一个排放源或产品的数据。", "Enter data of at least one source or product.").ToString());
        RuleForEach(r => r.Sources).NotNull().SetValidator(new SourceEntryRequestValidator());
        RuleFor(r => r.Outputs).Must(o => o!.Where(x => x?.Product is not null).GroupBy(x => x.Product).All(g => g.Count() == 1))
            .When(r => r.Outputs is not null).WithErrorCode("duplicate_product")
            .WithMessage(_ => new LocalizedText("同一产品每月只填一行。", "Each product appears once a month.").ToString());
        RuleForEach(r => r.Outputs).NotNull().SetValidator(new OutputEntryRequestValidator());
        RuleFor(r => r.Reason).MaximumLength(2000);
    }
}

/// <summary>
/// PUT /api/v1/enterprises/{id}/activity/{year}/{month} (the enterprise; the DRC on its behalf with a
/// reason) — records the month's figures against the approved plan in force. Late recordings are
/// accepted and flagged; after the report was submitted a change needs a reason.
/// </summary>
public static class RecordMonthlyData
{
    public static async Task<IResult> Handle(Guid id, int year, int month, RecordMonthlyDataRequest request, HttpContext http, EventLog log, TimeProvider time)
    {
        var (context, problem) = await RecordingContext.LoadAsync(http, log, id, year, request.Reason);
        if (problem is not null) return problem;
        var now = time.GetUtcNow();
        if (month is < 1 or > 12 || !RecordingContext.HasBegun(year, month, now))
        {
            return Problems.Validation("month", "month", RecordingContext.MonthRule("month"), http);
        }
        var outputs = request.Outputs ?? [];
        var problems = MonthlyDataRules.Check(request.Sources, outputs, context!.Enterprise, context.Plan, year, month);
        if (problems.Count > 0)
        {
            return Problems.Validation([.. problems.Select(p => new FieldViolation($"{p.List}[{p.Index}].{p.Field}", p.Rule, p.Message))], http);
        }

        var command = new ActivityYear.Record(id, year, month,
            [.. request.Sources.Select(s => MonthlyDataRules.ToEntry(s, context.Plan, year, month))],
            [.. outputs.Select(MonthlyDataRules.ToEntry)],
            context.Plan.Version, context.Calendar.MonthlyDataDueOn(month), context.ReportSubmitted, request.Reason, context.By);
        return await http.ExecuteAsync(ActivityYear.Decider, ActivityYear.StreamId(id, year), request,
            state => ActivityYear.Decide(command, state, now),
            outcome => CommandResponse.Ok(outcome.Head.Version, outcome.State.MonthOf(month)));
    }
}
