using System.Text;
using Mrv.EventStore;
using Mrv.Registry.Accounting;
using Mrv.Registry.Calendar;
using Mrv.Registry.Monitoring;

namespace Mrv.Registry.Activity;

/// <summary>
/// GET /api/v1/enterprises/{id}/activity/{year}/import/template — the CSV the yearly import reads,
/// ready to fill in: its header, and a January row for each source and product of the plan in force
/// with the unit it is recorded in (the header alone while no plan is approved). UTF-8 with a BOM,
/// so that Excel opens the Chinese in it as it is.
/// </summary>
public static class MonthlyDataTemplate
{
    public static async Task<IResult> Handle(Guid id, int year, HttpContext http, EventLog log)
    {
        var (enterprise, problem) = await http.LoadEnterpriseYearAsync(log, id, year);
        if (problem is not null) return problem;
        var plan = (await MonitoringPlan.LoadAsync(log, id, year, ct: http.RequestAborted)).State.InForce;
        var rows = new List<IReadOnlyDictionary<string, string>>();
        foreach (var source in plan?.Content.Sources ?? [])
        {
            rows.Add(new Dictionary<string, string>
            {
                [ImportMonthlyData.SourceCode] = source.SourceCode, [ImportMonthlyData.Unit] = enterprise!.SourceOf(source.SourceCode)?.Unit ?? "",
            });
        }
        foreach (var product in plan?.Content.Products ?? [])
        {
            rows.Add(new Dictionary<string, string> { [ImportMonthlyData.Product] = product, [ImportMonthlyData.Unit] = Products.UnitOf(product) });
        }
        var csv = new StringBuilder().AppendJoin(',', ImportMonthlyData.Columns).Append("\r\n");
        foreach (var row in rows)
        {
            csv.AppendJoin(',', ImportMonthlyData.Columns.Select(column => column == ImportMonthlyData.Month ? "1" : row.GetValueOrDefault(column, ""))).Append("\r\n");
        }
        return TypedResults.File([.. Encoding.UTF8.Preamble, .. Encoding.UTF8.GetBytes(csv.ToString())], "text/csv; charset=utf-8", $"monthly-data-{year}.csv");
    }
}
