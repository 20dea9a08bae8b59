using System.Security.Cryptography;
using Mrv.EventStore;
using Mrv.EventStore.Http;
using Mrv.Registry.Calendar;

namespace Mrv.Registry.Activity;

/// <summary>
/// GET /api/v1/enterprises/{id}/activity/{year}[/{month}] — the recorded months with their history
/// and evidence; GET …/{month}/evidence/{evidenceId} — an evidence file, for whoever may see the enterprise.
/// </summary>
public static class GetActivity
{
    public static async Task<IResult> Year(Guid id, int year, HttpContext http, EventLog log)
    {
        if ((await http.LoadEnterpriseYearAsync(log, id, year)).Problem is { } problem) return problem;
        var activity = await ActivityYear.LoadAsync(log, id, year, ct: http.RequestAborted);
        http.Response.Headers.ETag = HttpCommands.ETagFor(activity.Version);
        return TypedResults.Ok(activity.State with { EnterpriseId = id, Year = year });
    }

    public static async Task<IResult> Month(Guid id, int year, int month, HttpContext http, EventLog log)
    {
        if ((await http.LoadEnterpriseYearAsync(log, id, year)).Problem is { } problem) return problem;
        var activity = await ActivityYear.LoadAsync(log, id, year, ct: http.RequestAborted);
        var data = activity.State.MonthOf(month);
        var evidence = activity.State.Evidence.Where(e => e.Month == month).ToList();
        if (data is null && evidence.Count == 0) return Problems.NotFound(http);
        http.Response.Headers.ETag = HttpCommands.ETagFor(activity.Version);
        return TypedResults.Ok(new { enterpriseId = id, year, month, data, evidence });
    }

    /// <summary>The file as stored; refused when its bytes no longer match the SHA-256 the log recorded.</summary>
    public static async Task<IResult> Evidence(Guid id, int year, int month, Guid evidenceId, HttpContext http, EventLog log)
    {
        if ((await http.LoadEnterpriseYearAsync(log, id, year)).Problem is { } problem) return problem;
        var activity = await ActivityYear.LoadAsync(log, id, year, ct: http.RequestAborted);
        var file = activity.State.Evidence.Find(e => e.EvidenceId == evidenceId && e.Month == month);
        if (file is null || await EvidenceFiles.ReadAsync(log.DataSource, evidenceId, http.RequestAborted) is not { } bytes) return Problems.NotFound(http);
        if (Convert.ToHexStringLower(SHA256.HashData(bytes)) != file.Sha256)
        {
            return Problems.Result(500, "evidence-integrity", ProblemText.ErrorTitle, new LocalizedText(
                "佐证文件与事件日志记录的 SHA-256 不符，可能已被篡改，不予提供。",
                "The evidence file no longer matches the SHA-256 the log recorded; it may have been tampered with and is not served.").ToString(), http);
        }
        http.Response.Headers.ETag = $"\"{file.Sha256}\"";
        return TypedResults.File(bytes, file.ContentType, file.FileName);
    }
}
