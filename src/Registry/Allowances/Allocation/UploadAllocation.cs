using System.Globalization;
using Mrv.EventStore;
using Mrv.EventStore.Http;
using Mrv.Registry.Allowances.Accounts;
using Mrv.Registry.Allowances.Compliance;
using Mrv.Registry.Calendar;
using Mrv.Registry.Csv;
using Mrv.Registry.Enterprises;

namespace Mrv.Registry.Allowances.Allocation;

/// <summary>
/// POST /api/v1/allowances/allocation-tables/upload?year=&amp;phase= (drc; text/csv) — an allocation
/// table computed elsewhere (a sector's own method): columns credit_code, quantity (whole allowances of
/// the phase, before any penalty deduction), and optionally cap_rule (coal, gas) and note. Every row is
/// checked — the code, the quantity, the enterprise on the year's covered list and not yet allocated
/// in the phase — and any error refuses the whole file, listed by row. A valid file becomes a table to
/// review and approve like a computed one; penalty deductions are applied to it all the same.
/// </summary>
public static class UploadAllocation
{
    public static readonly IReadOnlyList<string> Columns = ["credit_code", "quantity"];
    public static readonly IReadOnlyList<string> OptionalColumns = ["cap_rule", "note"];

    sealed record Row(int Number, string CreditCode, long Quantity, string? CapRule, string? Note);

    public static async Task<IResult> Handle(HttpContext http, EventLog log, TimeProvider time, string? year = null, string? phase = null)
    {
        if (!DataYear.TryParse(year, out var allocationYear) || allocationYear is not { } forYear) return DataYear.Invalid("year", http);
        if (phase is null || !AllocationPhases.All.Contains(phase))
        {
            return Problems.Validation([new FieldViolation("phase", "phase_unknown", CodeMessages.OneOf("phase", AllocationPhases.All))], http);
        }
        var (text, unreadable) = await CsvUpload.ReadAsync(http);
        if (unreadable is not null) return unreadable;

        var errors = new List<ImportRowError>();
        var rows = Parse(text!, errors);
        if (errors.Count > 0) return CsvUpload.RowProblem(http, errors);

        var entries = new List<AllocationEntry>();
        foreach (var row in rows)
        {
            var (basis, problem) = await AllocationInputs.LoadAsync(log, CreditCode.EnterpriseIdFor(row.CreditCode), forYear, phase, false, http.RequestAborted);
            if (problem is not null)
            {
                errors.Add(new ImportRowError(row.Number, "credit_code", problem.Code, problem.Message.ToString()));
                continue;
            }
            // The uploaded quantity is the phase's allocation itself: no share of it is taken again.
            entries.Add(AllocationInputs.Entry(basis!, 1m, row.Quantity, row.CapRule,
                $"uploaded: {row.Quantity}", [new AllocationLine("Q_uploaded", row.Quantity, "tCO2e", $"CSV row {row.Number}")], row.Note));
        }
        if (errors.Count > 0) return CsvUpload.RowProblem(http, errors);

        var by = Caller.From(http.User)!.Username;
        var now = time.GetUtcNow();
        var tableId = Guid.CreateVersion7(now);
        var computed = new AllocationTableComputed(tableId, forYear, phase, AllocationMethods.Upload, entries, [], null, null, by, now);
        return await http.ExecuteAsync(AllocationTable.Decider, AllocationTable.StreamId(tableId), new { year = forYear, phase, text },
            state => AllocationTable.Decide(computed, state),
            outcome => CommandResponse.Created($"/api/v1/allowances/allocation-tables/{tableId}", outcome.Head.Version, outcome.State));
    }

    static List<Row> Parse(string text, List<ImportRowError> errors)
    {
        var rows = new List<Row>();
        using var csv = CsvUpload.Open(text, errors);
        var columns = CsvUpload.Header(csv, [.. Columns.Union(OptionalColumns)], Columns, errors);
        if (errors.Count > 0) return rows;

        var firstRowOf = new Dictionary<string, int>(StringComparer.Ordinal);
        while (csv.Read())
        {
            var number = (int)csv.LineNumber;
            string Field(string column) => columns.TryGetValue(column, out var index) ? csv.GetString(index) ?? "" : "";
            if (CsvUpload.IsBlankRow(csv, columns)) continue;
            var before = errors.Count;
            void Error(string column, string rule, LocalizedText message) => errors.Add(new ImportRowError(number, column, rule, message.ToString()));

            var code = Field("credit_code");
            if (!CreditCode.IsValid(code))
            {
                Error("credit_code", "credit_code_check_digit", new LocalizedText(
                    $"“{code}”不是有效的统一社会信用代码（GB 32100-2015）。", $"'{code}' is not a valid unified social credit code (GB 32100-2015)."));
            }
            else if (firstRowOf.TryGetValue(code, out var first))
            {
                Error("credit_code", "duplicate_in_file", new LocalizedText($"统一社会信用代码与第 {first} 行重复。", $"The credit code repeats row {first}."));
            }
            firstRowOf.TryAdd(code, number);
            if (!long.TryParse(Field("quantity"), NumberStyles.None, CultureInfo.InvariantCulture, out var quantity))
            {
                Error("quantity", "whole_allowances", new LocalizedText(
                    "quantity 须为非负整数个配额（1 个配额 = 1 吨二氧化碳当量）。", "quantity is a whole number of allowances, zero or more (1 allowance = 1 tCO2e)."));
            }
            var capRule = Field("cap_rule") is { Length: > 0 } rule ? rule : null;
            if (capRule is not null && !CapRules.All.Contains(capRule))
            {
                errors.Add(new ImportRowError(number, "cap_rule", "cap_rule_unknown", CodeMessages.OneOf("cap_rule", CapRules.All)));
            }
            var note = Field("note") is { Length: > 0 } given ? given : null;
            if (note?.Length > 500) Error("note", "maximum_length", new LocalizedText("note 不超过 500 字。", "note has at most 500 characters."));
            if (errors.Count == before) rows.Add(new Row(number, code, quantity, capRule, note));
        }
        if (rows.Count == 0 && errors.Count == 0)
        {
            errors.Add(new ImportRowError(2, "", "empty", new LocalizedText("文件没有数据行。", "The file has no rows.").ToString()));
        }
        return rows;
    }
}
