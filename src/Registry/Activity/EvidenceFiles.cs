using System.IO.Compression;
using Mrv.EventStore;
using Mrv.Registry.Csv;
using Npgsql;

namespace Mrv.Registry.Activity;

/// <summary>What an evidence file (佐证材料) may be, and where its bytes are kept: table <c>registry.evidence_files</c>.</summary>
public static class EvidenceFiles
{
    /// <summary>20 MB: a scanned invoice or a lab report fits; a video of a meter does not belong here.</summary>
    public const long MaxBytes = 20L * 1024 * 1024;

    public const string Pdf = "application/pdf", Jpeg = "image/jpeg", Png = "image/png",
        Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", Csv = "text/csv";

    public static readonly IReadOnlyList<string> ContentTypes = [Pdf, Jpeg, Png, Xlsx, Csv];

    public static readonly IReadOnlyList<string> Kinds = ["invoice", "meter_photo", "meter_reading", "lab_report", "other"];

    /// <summary>
    /// Whether the bytes are what the content type says: the signature of PDF, JPEG and PNG; for
    /// XLSX a ZIP package holding a workbook; for CSV text. A renamed executable is neither.
    /// </summary>
    public static bool Matches(string contentType, byte[] bytes) => contentType switch
    {
        Pdf => bytes.AsSpan().StartsWith("%PDF-"u8),
        Jpeg => bytes.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]),
        Png => bytes.AsSpan().StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]),
        Xlsx => IsWorkbook(bytes),
        Csv => bytes.Length > 0 && CsvUpload.IsText(bytes),
        _ => false,
    };

    static bool IsWorkbook(byte[] bytes)
    {
        if (!bytes.AsSpan().StartsWith("PK\u0003\u0004"u8)) return false;
        try
        {
            using var zip = new ZipArchive(new MemoryStream(bytes), ZipArchiveMode.Read);
            return zip.GetEntry("[Content_Types].xml") is not null && zip.GetEntry("xl/workbook.xml") is not null;
        }
        catch (InvalidDataException)
        {
            return false;
        }
    }

    /// <summary>Keeps the bytes in the transaction that appends the event recording their hash.</summary>
    public static async Task InsertAsync(EventTransaction transaction, EvidenceAttached attached, byte[] bytes, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(
            "insert into registry.evidence_files (evidence_id, enterprise_id, data_year, month, sha256, content_type, file_name, size_bytes, bytes, attached_at) " +
            "values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
            transaction.Connection, transaction.Transaction);
        command.Parameters.Add(new() { Value = attached.EvidenceId });
        command.Parameters.Add(new() { Value = attached.EnterpriseId });
        command.Parameters.Add(new() { Value = attached.Year });
        command.Parameters.Add(new() { Value = attached.Month });
        command.Parameters.Add(new() { Value = attached.Sha256 });
        command.Parameters.Add(new() { Value = attached.ContentType });
        command.Parameters.Add(new() { Value = attached.FileName });
        command.Parameters.Add(new() { Value = attached.SizeBytes });
        command.Parameters.Add(new() { Value = bytes });
        command.Parameters.Add(new() { Value = attached.AttachedAt.ToUniversalTime() });
        await command.ExecuteNonQueryAsync(ct);
    }

    public static async Task<byte[]?> ReadAsync(NpgsqlDataSource dataSource, Guid evidenceId, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("select bytes from registry.evidence_files where evidence_id = $1");
        command.Parameters.Add(new() { Value = evidenceId });
        return await command.ExecuteScalarAsync(ct) as byte[];
    }
}
