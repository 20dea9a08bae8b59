using System.Text.Json;
using FluentValidation;
using Mrv.EventStore;
using Mrv.EventStore.Http;
using Mrv.Registry.Calendar;
using Mrv.Registry.Csv;

namespace Mrv.Registry.Enterprises;

public sealed record ImportResult(int Rows, int Created, int Unchanged, int CoveredListEntries);

/// <summary>
/// POST /api/v1/enterprises/import (drc) — registers enterprises (and their covered-list year) from a
/// CSV file: all rows or none. Every row is checked by the same validator as a single registration;
/// any error answers 400 listing every error by row and column, and nothing is written. A row that
/// would change a registered enterprise is a conflict (409), also listed. Otherwise every stream is
/// appended in one transaction. Rows already registered as they stand append nothing, so importing
/// the same file again changes nothing.
/// </summary>
public static class ImportEnterprises
{
    public static readonly IReadOnlyList<string> Columns =
        ["credit_code", "name_zh", "name_en", "league_code", "county_code", "industry", "gbt4754_code", "address", "contact_name", "contact_phone"];

    public static readonly IReadOnlyList<string> OptionalColumns = ["name_en", "covered_year", "covered_basis"];

    sealed record Row(int Number, Enterprise.Register Registration, Enterprise.Include? Inclusion);

    public static async Task<IResult> Handle(HttpContext http, EventLog log, IValidator<RegisterEnterpriseRequest> registration,
        IValidator<IncludeInCoveredListRequest> inclusion, TimeProvider time)
    {
        var (text, unreadable) = await CsvUpload.ReadAsync(http);
        return unreadable ?? await ImportAsync(http, log, registration, inclusion, time, text!);
    }

    /// <summary>The import of an uploaded file's text: every row checked first, then all of them appended, or none.</summary>
    public static async Task<IResult> ImportAsync(HttpContext http, EventLog log, IValidator<RegisterEnterpriseRequest> registration,
        IValidator<IncludeInCoveredListRequest> inclusion, TimeProvider time, string text)
    {
        var caller = Caller.From(http.User)!;
        var now = time.GetUtcNow();
        var errors = new List<ImportRowError>();
        var rows = Parse(text, caller.Username, registration, inclusion, errors);
        if (errors.Count > 0) return CsvUpload.RowProblem(http, errors);

        var existing = await ExistingAsync(log, rows, http.RequestAborted);
        var plan = new List<(Row Row, Document<Enterprise>? Existing, IReadOnlyList<object> Events)>();
        var conflicts = new List<ImportRowError>();
        foreach (var row in rows)
        {
            var current = existing.GetValueOrDefault(Enterprise.StreamId(row.Registration.EnterpriseId));
            try
            {
                plan.Add((row, current, Decide(row, current?.Data ?? Enterprise.None, now)));
            }
            catch (DomainRuleViolation violation)
            {
                conflicts.Add(new ImportRowError(row.Number, violation.Code.StartsWith("covered_list", StringComparison.Ordinal) ? "covered_basis" : "credit_code",
                    violation.Code, violation.Text.ToString()));
            }
        }
        if (conflicts.Count > 0)
        {
            return Problems.Result(409, "rule", ProblemText.RuleTitle, new LocalizedText(
                $"{conflicts.Count} 行与已登记的数据冲突，未导入任何数据。", $"{conflicts.Count} row(s) conflict with what is registered; nothing was imported.").ToString(),
                http, new Dictionary<string, object?> { ["code"] = "enterprise.import_conflicts", ["rows"] = conflicts });
        }

        var metadata = HttpCommands.MetadataOf(http);
        await using (var transaction = await log.BeginAsync(http.RequestAborted))
        {
            foreach (var (row, current, events) in plan.Where(p => p.Events.Count > 0))
            {
                var streamId = Enterprise.StreamId(row.Registration.EnterpriseId);
                // The read model is the folded stream (EnterpriseProjection), so Decide saw the stream at the
                // document's version; a write in between is a version conflict (412), never overwritten.
                var head = current is null ? StreamHead.New(streamId) : await log.FetchHeadAsync(streamId, http.RequestAborted);
                if (current is not null && head?.Version != current.Version) throw new ConcurrencyException(streamId, current.Version, head?.Version);
                await transaction.AppendAsync(head!, Enterprise.StreamType, [.. events.Select(e => new NewEvent(e))], metadata, http.RequestAborted);
            }
            await transaction.CommitAsync(http.RequestAborted);
        }

        return TypedResults.Ok(new ImportResult(
            rows.Count,
            plan.Count(p => p.Existing is null),
            plan.Count(p => p.Events.Count == 0),
            plan.Sum(p => p.Events.Count(e => e is IncludedInCoveredList))));
    }

    /// <summary>What a row appends: its registration unless it is registered as it stands, and its covered-list year.</summary>
    static IReadOnlyList<object> Decide(Row row, Enterprise state, DateTimeOffset now)
    {
        IReadOnlyList<object> events = state.IsRegisteredAs(row.Registration) ? [] : Enterprise.Decide(row.Registration, state, now);
        if (row.Inclusion is null) return events;
        var registered = events.Aggregate(state, Enterprise.Evolve);
        return [.. events, .. Enterprise.Decide(row.Inclusion, registered, now)];
    }

    static List<Row> Parse(string text, string by, IValidator<RegisterEnterpriseRequest> registration,
        IValidator<IncludeInCoveredListRequest> inclusion, List<ImportRowError> errors)
    {
        var rows = new List<Row>();
        using var csv = CsvUpload.Open(text, errors);
        var columns = CsvUpload.Header(csv, [.. Columns.Union(OptionalColumns)], [.. Columns.Except(OptionalColumns)], errors);
        if (errors.Count > 0) return rows;

        var firstRowOf = new Dictionary<string, int>(StringComparer.Ordinal);
        while (csv.Read())
        {
            var number = (int)csv.LineNumber;
            string Field(string column) => columns.TryGetValue(column, out var index) ? csv.GetString(index) ?? "" : "";
            string? Optional(string column) => Field(column) is { Length: > 0 } value ? value : null;
            if (CsvUpload.IsBlankRow(csv, columns)) continue;

            var request = new RegisterEnterpriseRequest(Field("credit_code"), Field("name_zh"), Optional("name_en"), Field("league_code"),
                Field("county_code"), Field("industry"), Field("gbt4754_code"), Field("address"), Field("contact_name"), Field("contact_phone"));
            var rowErrors = registration.Validate(request).Errors
                .Select(e => new ImportRowError(number, JsonNamingPolicy.SnakeCaseLower.ConvertName(e.PropertyName), Problems.RuleName(e.ErrorCode), e.ErrorMessage))
                .ToList();
            if (rowErrors.Count == 0 && firstRowOf.TryGetValue(request.CreditCode, out var first))
            {
                rowErrors.Add(new ImportRowError(number, "credit_code", "duplicate_in_file", new LocalizedText(
                    $"统一社会信用代码与第 {first} 行重复。", $"The credit code repeats row {first}.").ToString()));
            }
            firstRowOf.TryAdd(request.CreditCode, number);

            var include = Inclusion(number, Field("covered_year"), Field("covered_basis"), by, inclusion, rowErrors);
            errors.AddRange(rowErrors);
            if (rowErrors.Count == 0) rows.Add(new Row(number, request.ToCommand(by), include));
        }
        return rows;
    }

    /// <summary>The row's covered-list year, checked by the same validator as a single inclusion; both cells or neither.</summary>
    static Enterprise.Include? Inclusion(int number, string yearText, string basis, string by,
        IValidator<IncludeInCoveredListRequest> inclusion, List<ImportRowError> errors)
    {
        if (yearText.Length == 0 && basis.Length == 0) return null;
        var before = errors.Count;
        if (yearText.Length == 0 || basis.Length == 0)
        {
            var empty = yearText.Length == 0 ? "covered_year" : "covered_basis";
            errors.Add(new ImportRowError(number, empty, "required_with", new LocalizedText(
                "covered_year 与 covered_basis 须同时填写或同时留空。", "covered_year and covered_basis are filled in together or left empty together.").ToString()));
            return null;
        }
        if (!DataYear.TryParse(yearText, out var year)) errors.Add(new ImportRowError(number, "covered_year", "year", DataYear.Rule("covered_year")));
        errors.AddRange(inclusion.Validate(new IncludeInCoveredListRequest(basis, null, null)).Errors
            .Select(e => new ImportRowError(number, "covered_" + JsonNamingPolicy.SnakeCaseLower.ConvertName(e.PropertyName), Problems.RuleName(e.ErrorCode), e.ErrorMessage)));
        return errors.Count == before ? new Enterprise.Include(year!.Value, basis, null, null, by) : null;
    }

    static async Task<Dictionary<string, Document<Enterprise>>> ExistingAsync(EventLog log, List<Row> rows, CancellationToken ct)
    {
        var found = new Dictionary<string, Document<Enterprise>>();
        foreach (var chunk in rows.Select(r => Enterprise.StreamId(r.Registration.EnterpriseId)).Chunk(1_000))
        {
            var page = await log.Documents.QueryAsync<Enterprise>(new DocumentQuery { Ids = chunk, Limit = chunk.Length }, ct);
            foreach (var document in page.Items) found[document.Id] = document;
        }
        return found;
    }
}
