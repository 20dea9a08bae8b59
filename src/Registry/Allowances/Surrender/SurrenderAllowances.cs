using FluentValidation;
using Mrv.EventStore;
using Mrv.EventStore.Http;
using Mrv.Registry.Allowances.Accounts;
using Mrv.Registry.Allowances.Transfers;
using Mrv.Registry.Calendar;
using Mrv.Registry.Reporting;

namespace Mrv.Registry.Allowances.Surrender;

public sealed record SurrenderAllowanceRequest(int Vintage, long Quantity);

public sealed record SurrenderOffsetRequest(string ProjectReference, long Quantity);

public sealed record SurrenderRequest(int ComplianceYear, IReadOnlyList<SurrenderAllowanceRequest>? Allowances, IReadOnlyList<SurrenderOffsetRequest>? Offsets);

public sealed class SurrenderRequestValidator : AbstractValidator<SurrenderRequest>
{
    public SurrenderRequestValidator()
    {
        RuleFor(r => r.ComplianceYear).Must(DataYear.IsValid).WithErrorCode("year").WithMessage(_ => DataYear.Rule("complianceYear"));
        RuleFor(r => r).Must(r => (r.Allowances?.Count ?? 0) + (r.Offsets?.Count ?? 0) > 0).OverridePropertyName("allowances").WithErrorCode("empty_surrender")
            .WithMessage(_ => new LocalizedText("请至少列出一行配额或 CCER。", "List at least one line of allowances or offsets.").ToString());
        RuleForEach(r => r.Allowances).NotNull().ChildRules(line =>
        {
            line.RuleFor(l => l.Vintage).Must(DataYear.IsValid).WithErrorCode("year").WithMessage(_ => DataYear.Rule("vintage"));
            line.RuleFor(l => l.Quantity).InclusiveBetween(1, StartTransferRequestValidator.MaxQuantity).WithErrorCode("whole_allowances")
                .WithMessage(_ => new LocalizedText("数量须为正整数个配额。", "The quantity is a positive whole number of allowances.").ToString());
        });
        RuleForEach(r => r.Offsets).NotNull().ChildRules(line =>
        {
            line.RuleFor(l => l.ProjectReference).NotEmpty().MaximumLength(64);
            line.RuleFor(l => l.Quantity).InclusiveBetween(1, StartTransferRequestValidator.MaxQuantity).WithErrorCode("whole_allowances")
                .WithMessage(_ => new LocalizedText("数量须为正整数。", "The quantity is a positive whole number.").ToString());
        });
    }
}

public sealed record ReverseSurrenderRequest(string Reason);

public sealed class ReverseSurrenderRequestValidator : AbstractValidator<ReverseSurrenderRequest>
{
    public ReverseSurrenderRequestValidator() => RuleFor(r => r.Reason).NotEmpty().MaximumLength(1000);
}

/// <summary>
/// POST /api/v1/allowances/accounts/{id}/surrenders (the account holder or the DRC) — surrenders
/// allowances and CCER offsets for a compliance year, against its determined obligation, by the
/// calendar's deadline. POST …/surrenders/{surrenderId}/reverse (drc) — reverses one within 14 days, with a reason.
/// </summary>
public static class SurrenderAllowances
{
    public static async Task<IResult> Surrender(Guid id, SurrenderRequest request, HttpContext http, EventLog log, Ledger ledger, TimeProvider time)
    {
        var account = await http.LoadVisibleAccountAsync(log, id);
        if (account is null) return Problems.NotFound(http);
        var caller = Caller.From(http.User)!;
        if (!caller.MayMoveFrom(account.Data)) return Problems.Forbidden(http);
        var now = time.GetUtcNow();
        await DueTransfers.CompleteAsync(ledger, now, id, http.RequestAborted);

        var year = request.ComplianceYear;
        var report = await AnnualReport.LoadAsync(log, id, year, ct: http.RequestAborted);
        var calendar = await ComplianceCalendar.LoadAsync(log, year, ct: http.RequestAborted);
        var command = new AllowanceAccount.Surrender(Guid.CreateVersion7(now), year,
            [.. (request.Allowances ?? []).Select(a => new VintageQuantity(a.Vintage, a.Quantity))],
            [.. (request.Offsets ?? []).Select(o => (o.ProjectReference, o.Quantity))],
            report.State.Determination?.EmissionsTco2, calendar.State.SurrenderDue, caller.Username);
        return await http.MoveAsync(request, $"surrender-{id}", async session =>
        {
            var state = await session.DecideAsync(AllowanceAccount.Decider, AllowanceAccount.StreamId(id), s => AllowanceAccount.Decide(command, s, now));
            return CommandResponse.Created($"/api/v1/allowances/accounts/{id}", 0, state.SurrenderOf(command.SurrenderId));
        });
    }

    public static async Task<IResult> Reverse(Guid id, Guid surrenderId, ReverseSurrenderRequest request, HttpContext http, EventLog log, TimeProvider time)
    {
        if (await http.LoadVisibleAccountAsync(log, id) is null) return Problems.NotFound(http);
        var command = new AllowanceAccount.ReverseSurrender(surrenderId, request.Reason, Caller.From(http.User)!.Username);
        var now = time.GetUtcNow();
        return await http.MoveAsync(request, $"surrender-reversal-{id}-{surrenderId}", async session =>
        {
            var state = await session.DecideAsync(AllowanceAccount.Decider, AllowanceAccount.StreamId(id), s => AllowanceAccount.Decide(command, s, now));
            return CommandResponse.Ok(0, state.SurrenderOf(surrenderId));
        });
    }
}
