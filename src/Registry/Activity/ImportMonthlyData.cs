using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using FluentValidation;
using Mrv.EventStore;
using Mrv.EventStore.Http;
using Mrv.Registry.Csv;

namespace Mrv.Registry.Activity;

public sealed record ImportMonthlyDataResult(int Rows, int Months, int Recorded, int Unchanged, IReadOnlyList<int> LateMonths);

/// <summary>
/// POST /api/v1/enterprises/{id}/activity/{year}/import (the enterprise; the DRC with ?reason=) —
/// a year's monthly data from a CSV file (UTF-8 or GB18030), one row per source or product and month.
/// Every row is checked like a monthly PUT; any error answers 400 listing every error by row and
/// column, and nothing is recorded. Otherwise every month is recorded in one append; months whose
/// figures are unchanged record nothing.
/// </summary>
public static class ImportMonthlyData
{
    public const string Month = "month", SourceCode = "source_code", Product = "product", Quantity = "quantity", Unit = "unit",
        Ncv = "ncv_gj_per_unit", CarbonContent = "carbon_content_tc_per_gj", MeterCalibrated = "meter_calibrated", MeterActualAccuracy = "meter_actual_accuracy";

    public static readonly IReadOnlyList<string> Columns = [Month, SourceCode, Product, Quantity, Unit, Ncv, CarbonContent, MeterCalibrated, MeterActualAccuracy];

    static readonly IReadOnlyList<string> Required = [Month, Quantity, Unit];

    sealed class MonthRows
    {
        public List<(int Row, SourceEntryRequest Entry)> Sources { get; } = [];
        public List<(int Row, OutputEntryRequest Entry)> Outputs { get; } = [];
    }

    public static Task<IResult> Handle(Guid id, int year, HttpContext http, EventLog log, TimeProvider time,
        IValidator<SourceEntryRequest> sourceValidator, IValidator<OutputEntryRequest> outputValidator, string? reason = null) =>
        ImportAsync(id, year, http, log, time, sourceValidator, outputValidator, reason, () => CsvUpload.ReadAsync(http));

    /// <summary>
    /// The import of a file whose text <paramref name="read"/> gives (the API's body, or a file sent
    /// with a portal form), read only once the caller may record the enterprise's data.
    /// </summary>
    public static async Task<IResult> ImportAsync(Guid id, int year, HttpContext http, EventLog log, TimeProvider time,
        IValidator<SourceEntryRequest> sourceValidator, IValidator<OutputEntryRequest> outputValidator, string? reason,
        Func<Task<(string? Text, IResult? Problem)>> read)
    {
        var (context, problem) = await RecordingContext.LoadAsync(http, log, id, year, reason);
        if (problem is not null) return problem;
        var (text, unreadable) = await read();
        if (unreadable is not null) return unreadable;

        var now = time.GetUtcNow();
        var errors = new List<ImportRowError>();
        var months = Parse(text!, year, now, sourceValidator, outputValidator, errors, out var rowCount);
        foreach (var (month, rows) in months)
        {
            foreach (var p in MonthlyDataRules.Check([.. rows.Sources.Select(r => r.Entry)], [.. rows.Outputs.Select(r => r.Entry)],
                         context!.Enterprise, context.Plan, year, month))
            {
                var row = p.List == "sources" ? rows.Sources[p.Index].Row : rows.Outputs[p.Index].Row;
                errors.Add(new ImportRowError(row, p.List == "outputs" && p.Field == "product" ? Product : JsonNamingPolicy.SnakeCaseLower.ConvertName(p.Field), p.Rule, p.Message));
            }
        }
        if (errors.Count > 0) return CsvUpload.RowProblem(http, [.. errors.OrderBy(e => e.Row)]);

        var commands = months.OrderBy(m => m.Key).Select(m => new ActivityYear.Record(id, year, m.Key,
            [.. m.Value.Sources.Select(r => MonthlyDataRules.ToEntry(r.Entry, context!.Plan, year, m.Key))],
            [.. m.Value.Outputs.Select(r => MonthlyDataRules.ToEntry(r.Entry))],
            context!.Plan.Version, context.Calendar.MonthlyDataDueOn(m.Key), context.ReportSubmitted, reason, context.By)).ToList();
        var request = new { file = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text!))), reason };
        return await http.ExecuteAsync(ActivityYear.Decider, ActivityYear.StreamId(id, year), request,
            state => ActivityYear.Decide(commands, state, now),
            outcome =>
            {
                var recorded = outcome.Appended.Select(e => e.Data).OfType<MonthlyDataRecorded>().ToList();
                return CommandResponse.Ok(outcome.Head.Version, new ImportMonthlyDataResult(rowCount, commands.Count, recorded.Count,
                    commands.Count - recorded.Count, [.. recorded.Where(r => r.Late).Select(r => r.Month)]));
            });
    }

    static SortedDictionary<int, MonthRows> Parse(string text, int year, DateTimeOffset now,
        IValidator<SourceEntryRequest> sourceValidator, IValidator<OutputEntryRequest> outputValidator, List<ImportRowError> errors, out int rowCount)
    {
        rowCount = 0;
        var months = new SortedDictionary<int, MonthRows>();
        using var csv = CsvUpload.Open(text, errors);
        var columns = CsvUpload.Header(csv, Columns, Required, errors);
        if (errors.Count > 0) return months;

        var firstRowOf = new Dictionary<(int, string), int>();
        while (csv.Read())
        {
            if (CsvUpload.IsBlankRow(csv, columns)) continue;
            rowCount++;
            var number = (int)csv.LineNumber;
            string? Field(string column) => columns.TryGetValue(column, out var index) && csv.GetString(index) is { Length: > 0 } value ? value : null;
            void Error(string column, string rule, LocalizedText message) => errors.Add(new ImportRowError(number, column, rule, message.ToString()));
            var before = errors.Count;

            var month = ParseMonth(Field(Month), year, now);
            if (month is null) Error(Month, "month", RecordingContext.MonthRule(Month));
            var quantity = ParseDecimal(Field(Quantity), Quantity, Error);
            var (source, product) = (Field(SourceCode), Field(Product));
            if ((source is null) == (product is null))
            {
                Error(source is null ? SourceCode : Product, "source_or_product", new LocalizedText(
                    "每行填写 source_code 或 product 之一（不能同时填写）。", "Each row has either a source_code or a product, not both."));
                continue;
            }

            string key;
            if (source is not null)
            {
                var calibrated = Field(MeterCalibrated) is { } flag ? ParseBool(flag) : null;
                if (Field(MeterCalibrated) is not null && calibrated is null)
                {
                    Error(MeterCalibrated, "boolean", new LocalizedText("meter_calibrated 填写 true/false（或 是/否）。", "meter_calibrated is true or false."));
                }
                var entry = new SourceEntryRequest(source, quantity, Field(Unit) ?? "", ParseDecimal(Field(Ncv), Ncv, Error),
                    ParseDecimal(Field(CarbonContent), CarbonContent, Error), calibrated, ParseDecimal(Field(MeterActualAccuracy), MeterActualAccuracy, Error));
                Validated(sourceValidator.Validate(entry), number, errors);
                key = "source:" + source;
                if (errors.Count == before) Rows(months, month!.Value).Sources.Add((number, entry));
            }
            else
            {
                foreach (var column in new[] { Ncv, CarbonContent, MeterCalibrated, MeterActualAccuracy }.Where(c => Field(c) is not null))
                {
                    Error(column, "not_for_product", new LocalizedText($"产品行不填写 {column}。", $"A product row leaves {column} empty."));
                }
                var entry = new OutputEntryRequest(product!, quantity, Field(Unit) ?? "");
                Validated(outputValidator.Validate(entry), number, errors);
                key = "product:" + product;
                if (errors.Count == before) Rows(months, month!.Value).Outputs.Add((number, entry));
            }
            if (month is { } m && !firstRowOf.TryAdd((m, key), number))
            {
                Error(source is null ? Product : SourceCode, "duplicate_in_file", new LocalizedText(
                    $"与第 {firstRowOf[(m, key)]} 行重复（同一月份同一排放源或产品）。", $"Repeats row {firstRowOf[(m, key)]} (same month and source or product)."));
            }
        }
        return months;
    }

    static MonthRows Rows(SortedDictionary<int, MonthRows> months, int month) =>
        months.TryGetValue(month, out var rows) ? rows : months[month] = new MonthRows();

    /// <summary>The validator's errors, except on cells that already failed to parse (an unreadable number is not also "missing").</summary>
    static void Validated(FluentValidation.Results.ValidationResult result, int row, List<ImportRowError> errors)
    {
        var unreadable = errors.Where(e => e.Row == row).Select(e => e.Column).ToHashSet();
        errors.AddRange(result.Errors
            .Select(e => new ImportRowError(row, JsonNamingPolicy.SnakeCaseLower.ConvertName(e.PropertyName), Problems.RuleName(e.ErrorCode), e.ErrorMessage))
            .Where(e => !unreadable.Contains(e.Column)));
    }

    static int? ParseMonth(string? text, int year, DateTimeOffset now) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var month) && month is >= 1 and <= 12 && RecordingContext.HasBegun(year, month, now)
            ? month
            : null;

    static decimal? ParseDecimal(string? text, string column, Action<string, string, LocalizedText> error)
    {
        if (text is null) return null;
        if (decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)) return value;
        error(column, "number", new LocalizedText($"{column} 须为数字（小数点用 .）。", $"{column} must be a number (with . as decimal point)."));
        return null;
    }

    static bool? ParseBool(string text) => text.Trim().ToLowerInvariant() switch
    {
        "true" or "1" or "yes" or "y" or "是" => true,
        "false" or "0" or "no" or "n" or "否" => false,
        _ => null,
    };
}
