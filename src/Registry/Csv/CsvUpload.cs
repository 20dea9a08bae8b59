using System.Text;
using CsvHelper;
using Microsoft.Net.Http.Headers;
using Mrv.EventStore;
using Mrv.EventStore.Http;

namespace Mrv.Registry.Csv;

/// <summary>One problem with one cell (or, for the header, one column) of an imported file; rows count from 1 for the header, as a spreadsheet shows them.</summary>
public sealed record ImportRowError(int Row, string Column, string Rule, string Message);

/// <summary>
/// How every CSV upload of the registry is read: <c>text/csv</c>, UTF-8 (with or without BOM) or
/// GB18030/GBK, rows numbered as a spreadsheet shows them, and a refusal that lists every error
/// by row and column so that nothing is imported unless the whole file is valid.
/// </summary>
public static class CsvUpload
{
    static readonly Encoding StrictUtf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    static CsvUpload() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>GB18030, a superset of GBK and GB2312: what Excel in a Chinese locale saves "CSV" as.</summary>
    static Encoding Gb18030 => Encoding.GetEncoding("GB18030");

    /// <summary>The request body as text, or the problem to answer (415 for another type or charset, 400 for bytes that are not text).</summary>
    public static async Task<(string? Text, IResult? Problem)> ReadAsync(HttpContext http)
    {
        using var body = new MemoryStream();
        await http.Request.Body.CopyToAsync(body, http.RequestAborted);
        return Decode(http, http.Request.ContentType, body.ToArray());
    }

    /// <summary>Uploaded bytes as text, given the content type they came with (the API's body, or a portal form's file).</summary>
    public static (string? Text, IResult? Problem) Decode(HttpContext http, string? contentTypeHeader, byte[] bytes)
    {
        if (!MediaTypeHeaderValue.TryParse(contentTypeHeader, out var contentType) || !contentType.MediaType.Equals("text/csv", StringComparison.OrdinalIgnoreCase))
        {
            return (null, Unsupported(http, new LocalizedText("请以 Content-Type: text/csv 上传 CSV 文件。", "Send the file as Content-Type: text/csv.")));
        }
        Encoding? declared = null;
        if (contentType.Charset.HasValue && (declared = EncodingNamed(contentType.Charset.Value!)) is null)
        {
            return (null, Unsupported(http, new LocalizedText(
                $"不支持的字符集“{contentType.Charset}”；请使用 UTF-8 或 GB18030/GBK。", $"The charset '{contentType.Charset}' is not supported; use UTF-8 or GB18030/GBK.")));
        }
        if (!TryDecode(bytes, declared, out var text))
        {
            return (null, RowProblem(http, [new ImportRowError(0, "", "encoding", new LocalizedText(
                "文件不是有效的 UTF-8 文本。", "The file is not valid UTF-8 text.").ToString())]));
        }
        return (text, null);
    }

    /// <summary>A reader over the text whose malformed records (unbalanced quotes) become row errors.</summary>
    public static CsvReader Open(string text, List<ImportRowError> errors) => CsvReader.FromText(text, CsvReaderOptions.Default with
    {
        Separator = ',',
        TrimWhitespace = true,
        TrackLineNumbers = true,
        OnMalformedRecord = malformed => errors.Add(new ImportRowError((int)malformed.LineNumber, "", "malformed", new LocalizedText(
            $"CSV 格式有误（{malformed.Reason}）：引号不成对或位置不对。", $"The CSV is malformed ({malformed.Reason}): quotes are unbalanced or misplaced.").ToString())),
    });

    /// <summary>
    /// The columns of the header row by name (lower-cased), checking that each is known, appears
    /// once, and that every required column is there. An empty file is an error of row 1.
    /// </summary>
    public static Dictionary<string, int> Header(CsvReader csv, IReadOnlyList<string> known, IReadOnlyList<string> required, List<ImportRowError> errors)
    {
        var columns = new Dictionary<string, int>(StringComparer.Ordinal);
        if (csv.Headers.Count == 0)
        {
            errors.Add(new ImportRowError(1, "", "empty", new LocalizedText("文件为空：第 1 行应为列名。", "The file is empty: row 1 should name the columns.").ToString()));
            return columns;
        }
        for (var i = 0; i < csv.Headers.Count; i++)
        {
            var name = csv.Headers[i].Trim().ToLowerInvariant();
            if (name.Length == 0) continue;
            if (!known.Contains(name))
            {
                errors.Add(new ImportRowError(1, name, "unknown_column", new LocalizedText(
                    $"未知的列“{name}”。可用的列：{string.Join("、", known)}。",
                    $"Unknown column '{name}'. The columns are: {string.Join(", ", known)}.").ToString()));
            }
            else if (!columns.TryAdd(name, i))
            {
                errors.Add(new ImportRowError(1, name, "duplicate_column", new LocalizedText($"列“{name}”出现了两次。", $"The column '{name}' appears twice.").ToString()));
            }
        }
        foreach (var missing in required.Where(c => !columns.ContainsKey(c)))
        {
            errors.Add(new ImportRowError(1, missing, "missing_column", new LocalizedText($"缺少列“{missing}”。", $"The column '{missing}' is missing.").ToString()));
        }
        return columns;
    }

    /// <summary>Whether every known column of the current row is empty (such rows are skipped).</summary>
    public static bool IsBlankRow(CsvReader csv, Dictionary<string, int> columns) => columns.Values.All(i => string.IsNullOrEmpty(csv.GetString(i)));

    public static IResult RowProblem(HttpContext http, IReadOnlyList<ImportRowError> errors) =>
        Problems.Result(400, "validation", ProblemText.ValidationTitle, new LocalizedText(
            $"文件有 {errors.Count} 处错误，未导入任何数据；请按行更正后重新上传。",
            $"The file has {errors.Count} error(s); nothing was imported. Correct the rows listed and upload it again.").ToString(),
            http, new Dictionary<string, object?> { ["rows"] = errors });

    public static IResult Unsupported(HttpContext http, LocalizedText detail) =>
        Problems.Result(415, "unsupported-media-type", ProblemText.MalformedTitle, detail.ToString(), http);

    /// <summary>
    /// Bytes that are text: valid UTF-8, or GB18030 without control characters other than tab and
    /// line breaks (an uploaded CSV evidence file must be text, not a binary renamed).
    /// </summary>
    public static bool IsText(ReadOnlySpan<byte> bytes)
    {
        var hasBom = bytes.StartsWith(Encoding.UTF8.Preamble);
        string text;
        try
        {
            text = StrictUtf8.GetString(hasBom ? bytes[Encoding.UTF8.Preamble.Length..] : bytes);
        }
        catch (DecoderFallbackException)
        {
            text = Gb18030.GetString(bytes);
        }
        return !text.Any(c => char.IsControl(c) && c is not ('\t' or '\r' or '\n'));
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
}
