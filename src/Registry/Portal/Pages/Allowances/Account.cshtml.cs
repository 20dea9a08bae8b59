using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Mrv.EventStore;
using Mrv.EventStore.Http;
using Mrv.Registry.Allowances;
using Mrv.Registry.Allowances.Accounts;
using Mrv.Registry.Allowances.Compliance;
using Mrv.Registry.Allowances.Surrender;
using Mrv.Registry.Allowances.Transfers;
using Mrv.Registry.Calendar;
using Mrv.Registry.Enterprises;

namespace Mrv.Registry.Portal.Pages.Allowances;

/// <summary>One line of the account's ledger: a credit (+) or debit (−) of allowances or CCERs, or a change to the account.</summary>
public sealed record MovementRow(DateTimeOffset At, string What, int? Vintage, long? Allowances, long? Offsets, Guid? Counterparty, string? Reference, string? By);

/// <summary>
/// An allowance account (配额账户): holdings by vintage, its ledger, transfers (made with the 26-hour
/// notice, cancelled while they wait), the trusted list and the surrender form with the year's
/// obligation and the 5% offset limit. Every form runs the API's handler behind the same movement
/// guard; reads go through the API's GET handlers.
/// </summary>
[Authorize(Roles = AccountAccess.ReaderRoles)]
public sealed class AccountModel(EventLog log, Ledger ledger, TimeProvider time) : PageModel
{
    const int LedgerLines = 200;

    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }
    /// <summary>The compliance year the surrender form is for.</summary>
    [BindProperty(SupportsGet = true)] public int? Year { get; set; }
    [BindProperty(SupportsGet = true)] public string? Done { get; set; }
    [BindProperty(SupportsGet = true, Name = "transfer")] public Guid? TransferId { get; set; }

    public AllowanceAccount Account { get; private set; } = AllowanceAccount.None;
    public IReadOnlyList<Transfer> Transfers { get; private set; } = [];
    public IReadOnlyList<MovementRow> Movements { get; private set; } = [];
    public ComplianceRecord? Compliance { get; private set; }
    public DateOnly SurrenderDue { get; private set; }
    public IReadOnlyList<int> ComplianceYears { get; private set; } = [];
    public MovementGate Gate { get; private set; } = null!;
    public bool CanMove { get; private set; }
    public bool IsDrc => Caller.From(User)?.IsDrc == true;
    public DateTimeOffset Now { get; private set; }

    /// <summary>Which form was sent (transfer, cancel, trust or surrender) and what came of it.</summary>
    public FormState Form { get; private set; } = FormState.None;
    /// <summary>Field errors of the surrender form, keyed by the input they belong to.</summary>
    public IReadOnlyDictionary<string, string> SurrenderErrors { get; private set; } = new Dictionary<string, string>();

    Dictionary<Guid, string> names = [];

    public string NameOf(Guid accountId) => names.TryGetValue(accountId, out var name) ? name : accountId.ToString();

    public long? OffsetLimit => Compliance?.ObligationTonnes is { } obligation ? SurrenderRules.OffsetLimit(obligation) : null;

    public int LatestVintage => Year!.Value + SurrenderRules.LatestVintageAfterYear;

    public string? Typed(string form, string field) => Form.Active == form ? Request.Typed(field) : null;

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() ? Page() : NotFound();

    public async Task<IActionResult> OnPostTransferAsync(string? kind, string? to, string? vintage, string? quantity, string? reference)
    {
        if (!await LoadAsync()) return NotFound();
        var parse = new FormParse();
        var request = new StartTransferRequest(IsDrc ? kind ?? "" : TransferKinds.Trade, Id, AccountNumber(to, "toAccountId", parse) ?? Guid.Empty,
            (int)(parse.Whole(vintage, "vintage") ?? 0), parse.Whole(quantity, "quantity") ?? 0, reference?.Trim() ?? "");
        return await MoveAsync("transfer", parse, request, () => StartTransfer.Handle(request, HttpContext, log, ledger, time),
            outcome => $"done=transfer&transfer={outcome.Body!.Value.GetProperty("id").GetGuid()}");
    }

    public async Task<IActionResult> OnPostCancelAsync(Guid transferId, string? reason)
    {
        if (!await LoadAsync()) return NotFound();
        var request = new CancelTransferRequest(string.IsNullOrWhiteSpace(reason) ? null : reason.Trim());
        return await MoveAsync("cancel", new FormParse(), request, () => ReviewTransfer.Cancel(transferId, request, HttpContext, log, time), _ => "done=cancel");
    }

    public async Task<IActionResult> OnPostTrustAsync(string? to)
    {
        if (!await LoadAsync()) return NotFound();
        var parse = new FormParse();
        var request = new TrustAccountRequest(AccountNumber(to, "accountId", parse) ?? Guid.Empty);
        return await MoveAsync("trust", parse, request, () => TrustedAccounts.Add(Id, request, HttpContext, log, time), _ => "done=trust");
    }

    public async Task<IActionResult> OnPostUntrustAsync(Guid other)
    {
        if (!await LoadAsync()) return NotFound();
        return await MoveAsync("trust", new FormParse(), new { other }, () => TrustedAccounts.Remove(Id, other, HttpContext, log, time), _ => "done=untrust");
    }

    public async Task<IActionResult> OnPostSurrenderAsync()
    {
        if (!await LoadAsync()) return NotFound();
        var parse = new FormParse();
        // Only the lines with a figure are surrendered; each request line remembers the box it came from.
        var allowanceBoxes = Account.Holdings.Select(h => (Box: $"vintage-{h.Vintage}", h.Vintage))
            .Select(b => (b.Box, b.Vintage, Quantity: parse.Whole(Request.Form[b.Box], b.Box))).Where(b => b.Quantity is not null).ToList();
        var offsetBoxes = Account.Offsets.Select((o, i) => (Box: $"offset-{i}", o.ProjectReference))
            .Select(b => (b.Box, b.ProjectReference, Quantity: parse.Whole(Request.Form[b.Box], b.Box))).Where(b => b.Quantity is not null).ToList();
        var request = new SurrenderRequest(Year!.Value,
            [.. allowanceBoxes.Select(b => new SurrenderAllowanceRequest(b.Vintage, b.Quantity!.Value))],
            [.. offsetBoxes.Select(b => new SurrenderOffsetRequest(b.ProjectReference, b.Quantity!.Value))]);
        var result = await MoveAsync("surrender", parse, request, () => SurrenderAllowances.Surrender(Id, request, HttpContext, log, ledger, time),
            _ => $"done=surrender&year={Year}");
        var errors = new Dictionary<string, string>();
        var outcome = Form.Outcome;
        foreach (var (field, messages) in outcome.FieldErrors)
        {
            var box = field switch
            {
                _ when field.StartsWith("allowances[", StringComparison.Ordinal) => allowanceBoxes.ElementAtOrDefault(IndexIn(field)).Box ?? "allowances",
                _ when field.StartsWith("offsets[", StringComparison.Ordinal) => offsetBoxes.ElementAtOrDefault(IndexIn(field)).Box ?? "offsets",
                _ => field,
            };
            errors[box] = string.Join(" ", messages);
        }
        if (outcome.Status == StatusCodes.Status409Conflict && outcome.Message is { } rule) errors[SurrenderFieldOf(outcome.ProblemCode)] = rule;
        SurrenderErrors = errors;
        return result;
    }

    /// <summary>Where a refused surrender's reason belongs on the form: by the offsets, by the allowances, or by the year.</summary>
    static string SurrenderFieldOf(string? code) => code switch
    {
        _ when code is null => "allowances",
        _ when code.StartsWith("account.insufficient_offsets", StringComparison.Ordinal) || code.StartsWith("surrender.offset", StringComparison.Ordinal) => "offsets",
        "surrender.deadline_passed" or "surrender.not_determined" => "complianceYear",
        _ => "allowances",
    };

    static int IndexIn(string field) => int.TryParse(field[(field.IndexOf('[') + 1)..field.IndexOf(']')], out var index) ? index : -1;

    async Task<IActionResult> MoveAsync<TRequest>(string form, FormParse parse, TRequest request, Func<Task<IResult>> handler, Func<FormOutcome, string> done)
        where TRequest : class
    {
        var outcome = await PortalCommands.RunMovementAsync(HttpContext, request, handler, parse.Violations);
        if (outcome.Succeeded) return LocalRedirect($"/allowances/accounts/{Id}?{done(outcome)}");
        Form = new FormState(form, outcome);
        // A refused command changed nothing; the page shows the account as it is.
        await LoadAsync();
        return Page();
    }

    /// <summary>An account named by its number (a GUID) or, for an enterprise's account, by the enterprise's credit code.</summary>
    static Guid? AccountNumber(string? text, string field, FormParse parse)
    {
        var value = text?.Trim() ?? "";
        if (value.Length == 0) return null;
        if (Guid.TryParse(value, out var id)) return id;
        if (CreditCode.IsValid(value.ToUpperInvariant())) return CreditCode.EnterpriseIdFor(value.ToUpperInvariant());
        parse.Error(field, PortalText.T("请输入收款方的统一社会信用代码（18 位）或配额账户编号。", "Enter the recipient's unified social credit code (18 characters) or allowance account number."));
        return null;
    }

    async Task<bool> LoadAsync()
    {
        var account = await PortalReads.GetAsync<AllowanceAccount>(HttpContext, () => GetAccounts.Get(Id, HttpContext, log, ledger, time));
        if (account is null) return false;
        Account = account;
        Now = time.GetUtcNow();
        var caller = Caller.From(User)!;
        CanMove = caller.MayMoveFrom(account) && account.Status != AccountStatuses.Closed;
        Transfers = await PortalReads.ItemsAsync<Transfer>(HttpContext, () => GetTransfers.List(HttpContext, log, ledger, time, Id));
        Gate = await MovementGate.CheckAsync(HttpContext);

        var thisYear = time.GetUtcNow().ToOffset(ComplianceCalendar.ChinaStandardTime).Year;
        ComplianceYears = Enumerable.Range(thisYear - 4, 4).Reverse().ToList();
        Year = Year is { } asked && DataYear.IsValid(asked) ? asked : thisYear - 1;
        SurrenderDue = (await ComplianceCalendar.LoadAsync(log, Year.Value, ct: HttpContext.RequestAborted)).State.SurrenderDue;
        if (account.EnterpriseId is { } enterpriseId)
        {
            Compliance = (await log.Documents.LoadAsync<ComplianceRecord>(ComplianceRecord.KeyOf(enterpriseId, Year.Value), HttpContext.RequestAborted))?.Data;
        }

        var events = await log.ReadStreamAsync(AllowanceAccount.StreamId(Id), ct: HttpContext.RequestAborted);
        Movements = [.. events.SelectMany(MovementsOf).Reverse().Take(LedgerLines)];
        names = await PortalReads.AccountHoldersAsync(log, Transfers.SelectMany(t => new[] { t.FromAccountId, t.ToAccountId })
            .Concat(account.Trusted.Select(t => t.AccountId)).Concat(Movements.Where(m => m.Counterparty is not null).Select(m => m.Counterparty!.Value)),
            HttpContext.RequestAborted);
        return true;
    }

    static IEnumerable<MovementRow> MovementsOf(StoredEvent stored)
    {
        var at = stored.OccurredAt;
        var by = stored.Metadata.UserName;
        MovementRow Row(string what, int? vintage = null, long? allowances = null, long? offsets = null, Guid? counterparty = null, string? reference = null) =>
            new(at, what, vintage, allowances, offsets, counterparty, reference, by);
        switch (stored.Data)
        {
            case AllowanceAccountOpened:
                yield return Row(PortalText.T("开立账户", "Account opened"));
                break;
            case AllowanceAccountFrozen f:
                yield return Row(PortalText.T($"冻结：{f.Reason}", $"Frozen: {f.Reason}"));
                break;
            case AllowanceAccountUnfrozen u:
                yield return Row(PortalText.T($"解除冻结：{u.Reason}", $"Unfrozen: {u.Reason}"));
                break;
            case AllowanceAccountClosed c:
                yield return Row(PortalText.T($"注销：{c.Reason}", $"Closed: {c.Reason}"));
                break;
            case TrustedAccountAdded t:
                yield return Row(PortalText.T("加入信任名单", "Trusted list: added"), counterparty: t.TrustedAccountId);
                break;
            case TrustedAccountRemoved t:
                yield return Row(PortalText.T("移出信任名单", "Trusted list: removed"), counterparty: t.TrustedAccountId);
                break;
            case AllocationIssued a:
                if (a.Issued > 0) yield return Row(PortalText.T($"配额发放（{AllowanceLabels.Phase(a.Phase)}）", $"Allocation ({AllowanceLabels.Phase(a.Phase)})"), a.Year, a.Issued);
                foreach (var r in a.Recovered) yield return Row(PortalText.T("核定后收回多发配额", "Surplus recovered by the true-up"), r.Vintage, -r.Quantity);
                break;
            case RecoveryReceived r:
                foreach (var v in r.Allowances) yield return Row(PortalText.T("收回配额转入", "Recovered allowances received"), v.Vintage, v.Quantity, counterparty: r.FromAccountId);
                break;
            case AllowancesTransferredOut o:
                yield return Row(o.Pending ? PortalText.T("转出（等待生效）", "Transfer out (waiting)") : PortalText.T("转出", "Transfer out"),
                    o.Vintage, -o.Quantity, counterparty: o.ToAccountId, reference: o.Reference);
                break;
            case AllowancesTransferredIn i:
                yield return Row(PortalText.T("转入", "Transfer in"), i.Vintage, i.Quantity, counterparty: i.FromAccountId, reference: i.Reference);
                break;
            case OutgoingTransferSettled:
                yield return Row(PortalText.T("转出已生效", "Transfer out completed"));
                break;
            case OutgoingTransferReturned r:
                yield return Row(PortalText.T("转出已撤销，配额退回", "Transfer cancelled, allowances back"), r.Vintage, r.Quantity);
                break;
            case OffsetsDeposited d:
                yield return Row(PortalText.T("CCER 存入", "CCERs deposited"), offsets: d.Quantity, reference: d.ProjectReference);
                break;
            case AllowancesSurrendered s:
                foreach (var v in s.Allowances) yield return Row(PortalText.T($"清缴 {s.ComplianceYear} 年度", $"Surrender for {s.ComplianceYear}"), v.Vintage, -v.Quantity);
                foreach (var o in s.Offsets) yield return Row(PortalText.T($"CCER 抵销 {s.ComplianceYear} 年度", $"CCER offset for {s.ComplianceYear}"), offsets: -o.Quantity, reference: o.ProjectReference);
                break;
            case SurrenderReversed r:
                foreach (var v in r.Allowances) yield return Row(PortalText.T($"撤销清缴：{r.Reason}", $"Surrender reversed: {r.Reason}"), v.Vintage, v.Quantity);
                foreach (var o in r.Offsets) yield return Row(PortalText.T($"撤销 CCER 抵销：{r.Reason}", $"Offset reversed: {r.Reason}"), offsets: o.Quantity, reference: o.ProjectReference);
                break;
        }
    }
}
