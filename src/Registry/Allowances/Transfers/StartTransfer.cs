using FluentValidation;
using Mrv.EventStore;
using Mrv.EventStore.Http;
using Mrv.Registry.Allowances.Accounts;
using Mrv.Registry.Calendar;
using Mrv.Registry.Enterprises;

namespace Mrv.Registry.Allowances.Transfers;

/// <param name="Kind">trade (an exchange settlement) or administrative (the DRC's, approved by a second DRC user).</param>
/// <param name="Reference">The exchange's settlement reference, or the administrative document's number.</param>
public sealed record StartTransferRequest(string Kind, Guid FromAccountId, Guid ToAccountId, int Vintage, long Quantity, string Reference);

public sealed class StartTransferRequestValidator : AbstractValidator<StartTransferRequest>
{
    /// <summary>More than the national market's whole yearly cap; a larger figure is a typing error.</summary>
    public const long MaxQuantity = 10_000_000_000;

    public StartTransferRequestValidator()
    {
        RuleFor(r => r.Kind).Cascade(CascadeMode.Stop).NotEmpty().Must(k => TransferKinds.All.Contains(k)).WithErrorCode("kind_unknown")
            .WithMessage(_ => CodeMessages.OneOf("kind", TransferKinds.All));
        RuleFor(r => r.FromAccountId).NotEmpty();
        RuleFor(r => r.ToAccountId).NotEmpty().NotEqual(r => r.FromAccountId).WithErrorCode("same_account")
            .WithMessage(_ => new LocalizedText("转出与转入账户不能相同。", "The sending and receiving accounts must differ.").ToString());
        RuleFor(r => r.Vintage).Must(DataYear.IsValid).WithErrorCode("year").WithMessage(_ => DataYear.Rule("vintage"));
        RuleFor(r => r.Quantity).InclusiveBetween(1, MaxQuantity).WithErrorCode("whole_allowances")
            .WithMessage(_ => new LocalizedText("数量须为正整数个配额（1 个配额 = 1 吨二氧化碳当量）。", "The quantity is a positive whole number of allowances (1 allowance = 1 tCO2e).").ToString());
        RuleFor(r => r.Reference).NotEmpty().MaximumLength(100);
    }
}

/// <summary>
/// POST /api/v1/allowances/transfers (drc; an enterprise from its own account; trades only) — a
/// transfer by vintage. To a recipient on the sender's trusted list it settles at once; otherwise it
/// waits 26 hours, during which the sender can cancel it. An administrative transfer is a request
/// that a second DRC user approves.
/// </summary>
public static class StartTransfer
{
    public static async Task<IResult> Handle(StartTransferRequest request, HttpContext http, EventLog log, Ledger ledger, TimeProvider time)
    {
        var caller = Caller.From(http.User)!;
        var from = await http.LoadVisibleAccountAsync(log, request.FromAccountId);
        if (from is null) return Problems.NotFound(http);
        if (!caller.MayMoveFrom(from.Data) || (request.Kind == TransferKinds.Administrative && !caller.IsDrc))
        {
            return Problems.Result(403, "forbidden", ProblemText.ForbiddenTitle, new LocalizedText(
                "企业只能从本企业账户发起交易结算转移；行政划转由自治区发展改革委办理。",
                "An enterprise transfers trades from its own account only; administrative transfers are the DRC's.").ToString(), http);
        }
        var now = time.GetUtcNow();
        await DueTransfers.CompleteAsync(ledger, now, request.FromAccountId, http.RequestAborted);
        var order = new Transfer.Order(Guid.CreateVersion7(now), request.Kind, request.FromAccountId, request.ToAccountId, request.Vintage, request.Quantity,
            request.Reference, caller.Username);
        return await http.MoveAsync(request, "transfers", async session =>
        {
            var transfer = await Transfer.StartAsync(session, order, now);
            return CommandResponse.Created($"/api/v1/allowances/transfers/{transfer.Id}", 0, transfer);
        });
    }
}
