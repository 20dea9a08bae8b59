using Microsoft.AspNetCore.Mvc;
using Mrv.EventStore;
using Mrv.Registry.Allowances;
using Mrv.Registry.Allowances.Accounts;
using Mrv.Registry.Allowances.Compliance;
using Mrv.Registry.Calendar;

namespace Mrv.Registry.Portal.Pages.Allowances;

public sealed record AllowanceSummaryView(Guid AccountId, AllowanceAccount? Account, int Year, ComplianceRecord? Compliance, DateOnly SurrenderDue);

/// <summary>
/// The enterprise dashboard's allowance block: the account's holdings by vintage and the year's
/// obligation and compliance, as the account API and the compliance board answer them. Self-contained,
/// so the dashboard only names it.
/// </summary>
public sealed class AllowanceSummary(EventLog log, Ledger ledger, TimeProvider time) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(Guid enterpriseId, int year)
    {
        var account = await PortalReads.GetAsync<AllowanceAccount>(HttpContext, () => GetAccounts.Get(enterpriseId, HttpContext, log, ledger, time));
        var compliance = account is null ? null
            : (await log.Documents.LoadAsync<ComplianceRecord>(ComplianceRecord.KeyOf(enterpriseId, year), HttpContext.RequestAborted))?.Data;
        var calendar = (await ComplianceCalendar.LoadAsync(log, year, ct: HttpContext.RequestAborted)).State;
        return View("/Portal/Pages/Allowances/_AllowanceSummary.cshtml", new AllowanceSummaryView(enterpriseId, account, year, compliance, calendar.SurrenderDue));
    }
}
