using System.Globalization;
using Microsoft.AspNetCore.Http;
using Mrv.EventStore;
using Mrv.EventStore.Http;
using Mrv.Verification.Ports;

namespace Mrv.Verification.Engagements;

/// <summary>One row of an engagement list: who verifies whom, how far it is, and whether it is late.</summary>
public sealed record EngagementListItem(
    Guid Id, int Year, Guid EnterpriseId, string EnterpriseName, string CreditCode, string LeagueCode, string Industry, Guid AgencyId, string AgencyName,
    string Method, string Status, int OpenFindings, string? Opinion, bool? MaterialMisstatement, DateTimeOffset? SignedOffAt, bool? SignedLate,
    bool SelectedForSpotCheck, DateOnly DueOn, bool Overdue, string? ReportStatus)
{
    public static EngagementListItem Of(Engagement e, DateOnly dueOn, DateTimeOffset now, SubjectReport? report) => new(
        e.Id, e.Year, e.EnterpriseId, e.EnterpriseName, e.CreditCode, e.LeagueCode, e.Industry, e.AgencyId, e.AgencyName, e.Method, e.Status,
        e.OpenFindings, e.Opinion?.Opinion, e.Opinion?.MaterialMisstatement, e.Completion?.SignedOffAt, e.Completion?.Late, e.SpotCheck is not null,
        dueOn, EngagementView.IsOverdue(e.Status, dueOn, now), report?.Status);
}

/// <summary>
/// GET /api/v1/verification/engagements[?year=&amp;status=&amp;agency=&amp;enterprise=&amp;overdue=] and
/// …/engagements/{id} — the DRC sees every engagement, a league/city those of its enterprises, an
/// enterprise its own, a verifier their agency's. Each carries its deadline from the compliance
/// calendar and an overdue flag.
/// </summary>
public static class ListEngagements
{
    public const int MaxPageSize = 500;

    public static async Task<IResult> Get(Guid id, HttpContext http, EventLog log, IVerificationSubjects subjects, TimeProvider time)
    {
        var document = await http.LoadVisibleAsync(log, id);
        if (document is null) return Problems.NotFound(http);
        var engagement = document.Data;
        var dueOn = await subjects.VerificationDueAsync(engagement.Year, http.RequestAborted);
        var reports = await subjects.ReportsAsync([(engagement.EnterpriseId, engagement.Year)], http.RequestAborted);
        http.Response.Headers.ETag = HttpCommands.ETagFor(document.Version);
        return TypedResults.Ok(EngagementView.Of(engagement, dueOn, time.GetUtcNow(), reports.GetValueOrDefault((engagement.EnterpriseId, engagement.Year))));
    }

    public static async Task<IResult> List(HttpContext http, EventLog log, IVerificationSubjects subjects, TimeProvider time,
        string? year = null, string? status = null, Guid? agency = null, Guid? enterprise = null, bool? overdue = null, int page = 1, int pageSize = 100)
    {
        var filter = new Dictionary<string, object>();
        if (year is not null)
        {
            if (!int.TryParse(year, NumberStyles.None, CultureInfo.InvariantCulture, out var dataYear))
            {
                return Problems.Validation("year", "year", new LocalizedText("year 须为数据年度，如 2024。", "year is a data year such as 2024."), http);
            }
            filter["year"] = dataYear;
        }
        if (status is not null)
        {
            if (!EngagementStatuses.All.Contains(status))
            {
                return Problems.Validation("status", "status_unknown", new LocalizedText(
                    $"status 须为以下之一：{string.Join("、", EngagementStatuses.All)}。", $"status must be one of: {string.Join(", ", EngagementStatuses.All)}."), http);
            }
            filter["status"] = status;
        }
        if (agency is not null) filter["agencyId"] = agency;
        if (enterprise is not null) filter["enterpriseId"] = enterprise;
        var caller = Caller.From(http.User)!;
        switch (caller.Role)
        {
            case Roles.Enterprise when enterprise is not null && enterprise != caller.EnterpriseId:
            case Roles.Verifier when agency is not null && agency != caller.AgencyId:
                return TypedResults.Ok(new { total = 0L, page, pageSize, items = Array.Empty<EngagementListItem>() });
            case Roles.League: filter["leagueCode"] = caller.LeagueCode!; break;
            case Roles.Enterprise: filter["enterpriseId"] = caller.EnterpriseId!; break;
            case Roles.Verifier: filter["agencyId"] = caller.AgencyId!; break;
        }

        pageSize = Math.Clamp(pageSize, 1, MaxPageSize);
        page = Math.Max(1, page);
        var now = time.GetUtcNow();
        // The overdue flag depends on today and the calendar, so that filter pages in memory.
        var query = new DocumentQuery { Contains = filter, OrderBy = "enterpriseName" };
        var result = await log.Documents.QueryAsync<Engagement>(overdue is null
            ? query with { Offset = (page - 1) * pageSize, Limit = pageSize }
            : query with { Limit = 10_000 }, http.RequestAborted);
        var engagements = result.Items.Select(d => d.Data).ToList();
        var dueOn = new Dictionary<int, DateOnly>();
        foreach (var dataYear in engagements.Select(e => e.Year).Distinct())
        {
            dueOn[dataYear] = await subjects.VerificationDueAsync(dataYear, http.RequestAborted);
        }
        if (overdue is { } wanted)
        {
            engagements = [.. engagements.Where(e => EngagementView.IsOverdue(e.Status, dueOn[e.Year], now) == wanted)];
        }
        var total = overdue is null ? result.Total : engagements.Count;
        if (overdue is not null) engagements = [.. engagements.Skip((page - 1) * pageSize).Take(pageSize)];
        var reports = await subjects.ReportsAsync([.. engagements.Select(e => (e.EnterpriseId, e.Year))], http.RequestAborted);
        return TypedResults.Ok(new
        {
            total, page, pageSize,
            items = engagements.Select(e => EngagementListItem.Of(e, dueOn[e.Year], now, reports.GetValueOrDefault((e.EnterpriseId, e.Year)))),
        });
    }
}
