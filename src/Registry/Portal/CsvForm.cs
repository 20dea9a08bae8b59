using Mrv.Registry.Csv;

namespace Mrv.Registry.Portal;

/// <summary>A CSV file sent with a portal form, read as the API reads a text/csv body.</summary>
public static class CsvForm
{
    /// <summary>What the form says by its file field when no file (or an empty one) was chosen; null when there is one.</summary>
    public static string? Missing(IFormFile? file) => file is null || file.Length == 0 ? PortalText.T("请选择 CSV 文件。", "Choose a CSV file.") : null;

    /// <summary>
    /// The file's text, or the problem to answer. Browsers label .csv files inconsistently (Windows
    /// says application/vnd.ms-excel): the form says what it is, and which charset when it is not detected.
    /// </summary>
    public static async Task<(string? Text, IResult? Problem)> ReadAsync(HttpContext http, IFormFile file, string? charset)
    {
        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, http.RequestAborted);
        var contentType = string.IsNullOrWhiteSpace(charset) ? "text/csv" : $"text/csv; charset={charset}";
        return CsvUpload.Decode(http, contentType, buffer.ToArray());
    }
}
