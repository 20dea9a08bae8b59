using System.Security.Cryptography;
using Microsoft.Net.Http.Headers;
using Mrv.EventStore;
using Mrv.EventStore.Http;
using Mrv.Registry.Calendar;
using Mrv.Registry.Enterprises;

namespace Mrv.Registry.Activity;

/// <summary>
/// POST /api/v1/enterprises/{id}/activity/{year}/{month}/evidence?fileName=&amp;kind=&amp;description=
/// (the enterprise, or the DRC) — the file is the request body, sent with its content type (PDF,
/// JPEG, PNG, XLSX or CSV, checked against its first bytes), at most 20 MB. Its SHA-256 is recorded
/// in the event and its bytes are stored in the same transaction.
/// </summary>
public static class AttachEvidence
{
    public static async Task<IResult> Handle(Guid id, int year, int month, HttpContext http, EventLog log, TimeProvider time,
        string? fileName = null, string? kind = null, string? description = null)
    {
        if (http.Request.ContentLength > EvidenceFiles.MaxBytes) return TooLarge(http);
        return await AttachAsync(id, year, month, http, log, time, fileName, kind, description, http.Request.ContentType, await ReadLimitedAsync(http));
    }

    /// <summary>
    /// Attaches a file already read (the API's request body, or a portal form's upload); <paramref name="bytes"/>
    /// is null when the file was larger than the limit.
    /// </summary>
    public static async Task<IResult> AttachAsync(Guid id, int year, int month, HttpContext http, EventLog log, TimeProvider time,
        string? fileName, string? kind, string? description, string? contentTypeHeader, byte[]? bytes)
    {
        if ((await http.LoadEnterpriseYearAsync(log, id, year)).Problem is { } problem) return problem;
        if (month is < 1 or > 12) return Problems.Validation("month", "month", RecordingContext.MonthRule("month"), http);
        var violations = new List<FieldViolation>();
        if (string.IsNullOrWhiteSpace(fileName) || fileName.Length > 200 || fileName.Any(c => c is '/' or '\\' || char.IsControl(c)))
        {
            violations.Add(new FieldViolation("fileName", "file_name", new LocalizedText(
                "fileName 须为 1–200 个字符的文件名，不含路径。", "fileName is a file name of 1–200 characters, without a path.").ToString()));
        }
        if (kind is null || !EvidenceFiles.Kinds.Contains(kind)) violations.Add(new FieldViolation("kind", "kind_unknown", CodeMessages.OneOf("kind", EvidenceFiles.Kinds)));
        if (description?.Length > 1000) violations.Add(new FieldViolation("description", "maximum_length", new LocalizedText(
            "description 不超过 1000 个字符。", "description has at most 1000 characters.").ToString()));
        if (violations.Count > 0) return Problems.Validation(violations, http);

        var contentType = MediaTypeHeaderValue.TryParse(contentTypeHeader, out var parsed) ? parsed.MediaType.Value?.ToLowerInvariant() : null;
        if (contentType is null || !EvidenceFiles.ContentTypes.Contains(contentType))
        {
            return Problems.Result(415, "unsupported-media-type", ProblemText.MalformedTitle, new LocalizedText(
                $"佐证文件须为以下类型之一：{string.Join("、", EvidenceFiles.ContentTypes)}。",
                $"An evidence file is one of: {string.Join(", ", EvidenceFiles.ContentTypes)}.").ToString(), http,
                new Dictionary<string, object?> { ["violations"] = new[] { new FieldViolation("Content-Type", "content_type", contentType ?? "") } });
        }
        if (bytes is null) return TooLarge(http);
        if (!EvidenceFiles.Matches(contentType, bytes))
        {
            return Problems.Validation("body", "content_mismatch", new LocalizedText(
                $"文件内容与声明的类型 {contentType} 不符。", $"The file's content is not {contentType} as declared."), http);
        }

        var sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes));
        var command = new ActivityYear.Attach(id, year, month, Guid.CreateVersion7(), fileName!, contentType, bytes.LongLength, sha256, kind!,
            string.IsNullOrWhiteSpace(description) ? null : description, Caller.From(http.User)!.Username);
        var now = time.GetUtcNow();
        var request = new { fileName, kind, description, contentType, sha256, month };
        return await http.ExecuteAsync(ActivityYear.Decider, ActivityYear.StreamId(id, year), request,
            state => ActivityYear.Decide(command, state, now),
            outcome =>
            {
                var file = outcome.State.Evidence.Last(e => e.Month == month && e.Sha256 == sha256);
                return CommandResponse.Created($"/api/v1/enterprises/{id}/activity/{year}/{month}/evidence/{file.EvidenceId}", outcome.Head.Version, file);
            },
            async (transaction, ct) =>
            {
                foreach (var attached in transaction.Appended.SelectMany(a => a.Events).Select(e => e.Data).OfType<EvidenceAttached>())
                {
                    await EvidenceFiles.InsertAsync(transaction, attached, bytes, ct);
                }
            });
    }

    static IResult TooLarge(HttpContext http) => Problems.Result(413, "too-large", ProblemText.MalformedTitle, new LocalizedText(
        $"佐证文件不能超过 {EvidenceFiles.MaxBytes / 1024 / 1024} MB。", $"An evidence file is at most {EvidenceFiles.MaxBytes / 1024 / 1024} MB.").ToString(), http,
        new Dictionary<string, object?> { ["violations"] = new[] { new FieldViolation("body", "max_size", $"{EvidenceFiles.MaxBytes}") } });

    /// <summary>The body, or null when it is larger than the limit (read no further than one byte past it).</summary>
    static async Task<byte[]?> ReadLimitedAsync(HttpContext http)
    {
        if (http.Request.ContentLength > EvidenceFiles.MaxBytes) return null;
        using var buffer = new MemoryStream();
        var chunk = new byte[81_920];
        int read;
        while ((read = await http.Request.Body.ReadAsync(chunk, http.RequestAborted)) > 0)
        {
            if (buffer.Length + read > EvidenceFiles.MaxBytes) return null;
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }
}
