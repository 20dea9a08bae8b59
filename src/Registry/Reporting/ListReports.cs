using Mrv.EventStore;
using Mrv.EventStore.Http;
using Mrv.Registry.Calendar;

namespace Mrv.Registry.Reporting;

/// <summary>GET /api/v1/reports?year=&amp;status=&amp;league=&amp;industry= (drc: every league/city; league: its own) — a year's reports with their status.</summary>
public static class ListReports
{
    public const int MaxPageSize = 500;

    public static async Task<IResult> Handle(HttpContext http, EventLog log,
        string? year = null, string? status = null, string? league = null, string? industry = null, int page = 1, int pageSize = 100)
    {
        if (!DataYear.TryParse(year, out var dataYear) || dataYear is null) return DataYear.Invalid("year", http);
        if (status is not null && !ReportStatuses.All.Contains(status))
        {
            return Problems.Validation("status", "status_unknown", new LocalizedText(
                $"status 须为以下之一：{string.Join("、", ReportStatuses.All)}。", $"status must be one of: {string.Join(", ", ReportStatuses.All)}."), http);
        }
        var caller = Caller.From(http.User)!;
        var filter = new Dictionary<string, object> { ["year"] = dataYear };
        if (status is not null) filter["status"] = status;
        if (!string.IsNullOrWhiteSpace(industry)) filter["industry"] = industry;
        if (!string.IsNullOrWhiteSpace(league)) filter["leagueCode"] = league;
        if (caller.Role == Roles.League)
        {
            if (filter.TryGetValue("leagueCode", out var asked) && (string)asked != caller.LeagueCode)
            {
                return TypedResults.Ok(new { total = 0L, page, pageSize, items = Array.Empty<ReportSummary>() });
            }
            filter["leagueCode"] = caller.LeagueCode!;
        }

        pageSize = Math.Clamp(pageSize, 1, MaxPageSize);
        page = Math.Max(1, page);
        var result = await log.Documents.QueryAsync<ReportSummary>(new DocumentQuery
        {
            Contains = filter,
            OrderBy = "enterpriseName",
            Offset = (page - 1) * pageSize,
            Limit = pageSize,
        }, http.RequestAborted);
        return TypedResults.Ok(new { total = result.Total, page, pageSize, items = result.Items.Select(d => d.Data) });
    }
}
