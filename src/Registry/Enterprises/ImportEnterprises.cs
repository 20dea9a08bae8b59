using System.Globalization;
using System.Text;
using System.Text.Json;
using CsvHelper;
using FluentValidation;
using Microsoft.Net.Http.Headers;
using Mrv.EventStore;
using Mrv.EventStore.Http;
using Mrv.Registry.Calendar;

namespace Mrv.Registry.Enterprises;

/// <summary>One problem with one cell (or, for the header, one column) of an imported file; rows count from 1 for the header, as a spreadsheet shows them.</summary>
public sealed record ImportRowError(int Row, string Column, string Rule, string Message);

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

    static readonly Encoding StrictUtf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    static ImportEnterprises() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>GB18030, a superset of GBK and GB2312: what Excel in a Chinese locale saves "CSV" as.</summary>
    static Encoding Gb18030 => Encoding.GetEncoding("GB18030");

    sealed record Row(int Number, Enterprise.Register Registration, Enterprise.Include? Inclusion);

    public static async Task<IResult> Handle(HttpContext http, EventLog log, IValidator<RegisterEnterpriseRequest> registration,
        IValidator<IncludeInCoveredListRequest> inclusion, TimeProvider time)
    {
        if (!MediaTypeHeaderValue.TryParse(http.Request.ContentType, out var contentType) || !contentType.MediaType.Equals("text/csv", StringComparison.OrdinalIgnoreCase))
        {
            return Unsupported(http, new LocalizedText("请以 Content-Type: text/csv 上传 CSV 文件。", "Send the file as Content-Type: text/csv."));
        }
        Encoding? declared = null;
        if (contentType.Charset.HasValue && (declared = EncodingNamed(contentType.Charset.Value!)) is null)
        {
            return Unsupported(http, new LocalizedText(
                $"不支持的字符集“{contentType.Charset}”；请使用 UTF-8 或 GB18030/GBK。", $"The charset '{contentType.Charset}' is not supported; use UTF-8 or GB18030/GBK."));
        }

        using var body = new MemoryStream();
        await http.Request.Body.CopyToAsync(body, http.RequestAborted);
        if (!TryDecode(body.ToArray(), declared, out var text))
        {
            return RowProblem(http, [new ImportRowError(0, "", "encoding", new LocalizedText(
                "文件不是有效的 UTF-8 文本。", "The file is not valid UTF-8 text.").ToString())]);
        }

        var caller = Caller.From(http.User)!;
        var now = time.GetUtcNow();
        var errors = new List<ImportRowError>();
        var rows = Parse(text, caller.Username, registration, inclusion, errors);
        if (errors.Count > 0) return RowProblem(http, errors);

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
        using var csv = CsvReader.FromText(text, CsvReaderOptions.Default with
        {
            Separator = ',',
            TrimWhitespace = true,
            TrackLineNumbers = true,
            OnMalformedRecord = malformed => errors.Add(new ImportRowError((int)malformed.LineNumber, "", "malformed", new LocalizedText(
                $"CSV 格式有误（{malformed.Reason}）：引号不成对或位置不对。", $"The CSV is malformed ({malformed.Reason}): quotes are unbalanced or misplaced.").ToString())),
        });
        if (csv.Headers.Count == 0)
        {
            errors.Add(new ImportRowError(1, "", "empty", new LocalizedText("文件为空：第 1 行应为列名。", "The file is empty: row 1 should name the columns.").ToString()));
            return rows;
        }
        var columns = Header(csv.Headers, errors);
        if (errors.Count > 0) return rows;

        var firstRowOf = new Dictionary<string, int>(StringComparer.Ordinal);
        while (csv.Read())
        {
            var number = (int)csv.LineNumber;
            string Field(string column) => columns.TryGetValue(column, out var index) ? csv.GetString(index) ?? "" : "";
            string? Optional(string column) => Field(column) is { Length: > 0 } value ? value : null;
            if (columns.Values.All(i => string.IsNullOrEmpty(csv.GetString(i)))) continue;

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

    static Dictionary<string, int> Header(IReadOnlyList<string> header, List<ImportRowError> errors)
    {
        var columns = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < header.Count; i++)
        {
            var name = header[i].Trim().ToLowerInvariant();
            if (name.Length == 0) continue;
            if (!Columns.Contains(name) && !OptionalColumns.Contains(name))
            {
                errors.Add(new ImportRowError(1, name, "unknown_column", new LocalizedText(
                    $"未知的列“{name}”。可用的列：{string.Join("、", Columns.Union(OptionalColumns))}。",
                    $"Unknown column '{name}'. The columns are: {string.Join(", ", Columns.Union(OptionalColumns))}.").ToString()));
            }
            else if (!columns.TryAdd(name, i))
            {
                errors.Add(new ImportRowError(1, name, "duplicate_column", new LocalizedText($"列“{name}”出现了两次。", $"The column '{name}' appears twice.").ToString()));
            }
        }
        foreach (var missing in Columns.Except(OptionalColumns).Where(c => !columns.ContainsKey(c)))
        {
            errors.Add(new ImportRowError(1, missing, "missing_column", new LocalizedText($"缺少列“{missing}”。", $"The column '{missing}' is missing.").ToString()));
        }
        return columns;
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

    static Encoding? EncodingNamed(string charset) => charset.Trim('"').ToLowerInvariant() switch
    {
        "utf-8" or "utf8" => StrictUtf8,
        "gb18030" or "gbk" or "gb2312" or "cp936" or "windows-936" => Gb18030,
        _ => null,
    };

    /// <summary>
    /// UTF-8 when the file starts with its BOM; else the declared charset; else UTF-8 when the bytes
    /// are valid UTF-8, and GB18030 when not — Chinese text in GBK is almost never valid UTF-8 by accident.
    /// </summary>
    static bool TryDecode(byte[] bytes, Encoding? declared, out string text)
    {
        var utf8Bom = Encoding.UTF8.Preamble;
        var hasBom = bytes.AsSpan().StartsWith(utf8Bom);
        if (hasBom) declared = StrictUtf8;
        try
        {
            text = (declared ?? StrictUtf8).GetString(hasBom ? bytes.AsSpan(utf8Bom.Length) : bytes);
            return true;
        }
        catch (DecoderFallbackException) when (declared is null)
        {
            text = Gb18030.GetString(bytes);
            return true;
        }
        catch (DecoderFallbackException)
        {
            text = "";
            return false;
        }
    }

    static IResult RowProblem(HttpContext http, IReadOnlyList<ImportRowError> errors) =>
        Problems.Result(400, "validation", ProblemText.ValidationTitle, new LocalizedText(
            $"文件有 {errors.Count} 处错误，未导入任何数据；请按行更正后重新上传。",
            $"The file has {errors.Count} error(s); nothing was imported. Correct the rows listed and upload it again.").ToString(),
            http, new Dictionary<string, object?> { ["rows"] = errors });

    static IResult Unsupported(HttpContext http, LocalizedText detail) =>
        Problems.Result(415, "unsupported-media-type", ProblemText.MalformedTitle, detail.ToString(), http);
}
