using System.Security.Cryptography;
using System.Text;
using Mrv.EventStore;
using Mrv.EventStore.Http;
using Npgsql;

namespace Mrv.Registry.Documents;

/// <summary>A document was issued (印发/出具): its exact file is kept and its SHA-256 recorded here.</summary>
public sealed record DocumentIssued(
    Guid DocumentId, string Kind, string Subject, string Title, string Culture, string Format, string FileName,
    string Sha256, string TemplateHash, long Size, string? IssuedBy, DateTimeOffset IssuedAt);

/// <summary>An issued document (stream <c>document-{id}</c>); also its read model.</summary>
public sealed record IssuedDocument(
    Guid DocumentId, string Kind, string Subject, string Title, string Culture, string Format, string FileName,
    string Sha256, string TemplateHash, long Size, string? IssuedBy, DateTimeOffset IssuedAt)
{
    public static string StreamId(Guid id) => $"document-{id}";

    public static IssuedDocument? Evolve(IssuedDocument? state, object @event) => @event switch
    {
        DocumentIssued e => new IssuedDocument(e.DocumentId, e.Kind, e.Subject, e.Title, e.Culture, e.Format, e.FileName, e.Sha256,
            e.TemplateHash, e.Size, e.IssuedBy, e.IssuedAt),
        _ => state,
    };

    public static readonly Decider<IssuedDocument?> Decider = new("document", null, Evolve);
}

public sealed class IssuedDocumentProjection : SingleStreamProjection<IssuedDocument>
{
    public override IReadOnlyCollection<Type> EventTypes { get; } = [typeof(DocumentIssued)];

    protected override IssuedDocument? Apply(IssuedDocument? current, StoredEvent @event) => IssuedDocument.Evolve(current, @event.Data);
}

/// <summary>What a document to issue is: its kind, what it is about, its title, and its rendered file.</summary>
public sealed record DocumentToIssue(string Kind, string Subject, string Title, RenderedDocument Rendered, string Format, byte[] Bytes, string FileName);

/// <summary>
/// Issues documents: records the event with the file's SHA-256 and the template's hash and stores
/// the file in the same transaction; finds them again by id or by their bytes.
/// </summary>
public sealed class DocumentIssuer(CommandWriter writer, NpgsqlDataSource dataSource, EventLog log, TimeProvider time)
{
    public static string ContentTypeOf(string format) => format == "pdf" ? "application/pdf" : "text/html; charset=utf-8";

    /// <summary>
    /// The id of the one document of a kind about a thing (the verification report of an engagement):
    /// issuing it a second time finds its stream already there, and that write fails as a whole.
    /// </summary>
    public static Guid IdFor(string kind, string key) => new(SHA256.HashData(Encoding.UTF8.GetBytes($"mrv-document:{kind}:{key}")).AsSpan(0, 16));

    public async Task<IssuedDocument> IssueAsync(DocumentToIssue document, EventMetadata metadata, CancellationToken ct)
    {
        var issued = Issued(Guid.CreateVersion7(time.GetUtcNow()), document, metadata, time.GetUtcNow());
        var result = await writer.WriteAsync(IssuedDocument.Decider, IssuedDocument.StreamId(issued.DocumentId),
            _ => [issued],
            outcome => outcome.State!,
            new WriteOptions { Metadata = metadata, BeforeCommit = (transaction, token) => StoreFileAsync(transaction, issued, document.Bytes, token) },
            ct);
        return result.Result;
    }

    /// <summary>
    /// Issues a document inside a transaction that writes something else too (a sign-off), so both
    /// commit or neither. The id must be new: a document already issued under it fails the whole
    /// transaction with a version conflict.
    /// </summary>
    public async Task<IssuedDocument> IssueAsync(
        EventTransaction transaction, Guid id, DocumentToIssue document, EventMetadata metadata, DateTimeOffset issuedAt, CancellationToken ct)
    {
        var issued = Issued(id, document, metadata, issuedAt);
        await transaction.AppendAsync(StreamHead.New(IssuedDocument.StreamId(id)), IssuedDocument.Decider.StreamType, [new NewEvent(issued, issuedAt)], metadata, ct);
        await StoreFileAsync(transaction, issued, document.Bytes, ct);
        return IssuedDocument.Evolve(null, issued)!;
    }

    /// <summary>
    /// Issues the document under <paramref name="id"/> in a transaction of its own; when a concurrent
    /// call issued it first, answers that one instead. Issued is false when this call did not issue it.
    /// </summary>
    public async Task<(IssuedDocument Document, bool Issued)> IssueOnceAsync(Guid id, DocumentToIssue document, EventMetadata metadata, CancellationToken ct)
    {
        try
        {
            await using var transaction = await log.BeginAsync(ct);
            var issued = await IssueAsync(transaction, id, document, metadata, time.GetUtcNow(), ct);
            await transaction.CommitAsync(ct);
            return (issued, true);
        }
        catch (ConcurrencyException)
        {
            if (await FindAsync(id, ct) is { } earlier) return (earlier.Document, false);
            throw;
        }
    }

    static DocumentIssued Issued(Guid id, DocumentToIssue document, EventMetadata metadata, DateTimeOffset issuedAt) =>
        new(id, document.Kind, document.Subject, document.Title, document.Rendered.Culture, document.Format, document.FileName,
            Convert.ToHexStringLower(SHA256.HashData(document.Bytes)), document.Rendered.TemplateHash, document.Bytes.LongLength, metadata.UserName, issuedAt.ToUniversalTime());

    static async Task StoreFileAsync(EventTransaction transaction, DocumentIssued issued, byte[] bytes, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(
            "insert into registry.document_files (document_id, sha256, content_type, file_name, bytes, created_at) values ($1, $2, $3, $4, $5, $6)",
            transaction.Connection, transaction.Transaction);
        command.Parameters.Add(new() { Value = issued.DocumentId });
        command.Parameters.Add(new() { Value = Convert.FromHexString(issued.Sha256) });
        command.Parameters.Add(new() { Value = ContentTypeOf(issued.Format) });
        command.Parameters.Add(new() { Value = issued.FileName });
        command.Parameters.Add(new() { Value = bytes });
        command.Parameters.Add(new() { Value = issued.IssuedAt });
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>The issued document and its exact bytes, or null.</summary>
    public async Task<(IssuedDocument Document, byte[] Bytes)?> FindAsync(Guid id, CancellationToken ct)
    {
        var document = await log.Documents.LoadAsync<IssuedDocument>(IssuedDocument.StreamId(id), ct);
        if (document is null) return null;
        await using var command = dataSource.CreateCommand("select bytes from registry.document_files where document_id = $1");
        command.Parameters.Add(new() { Value = id });
        return await command.ExecuteScalarAsync(ct) is byte[] bytes ? (document.Data, bytes) : null;
    }

    /// <summary>The issued document whose file has exactly these bytes, or null.</summary>
    public async Task<IssuedDocument?> IdentifyAsync(byte[] bytes, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("select document_id from registry.document_files where sha256 = $1");
        command.Parameters.Add(new() { Value = SHA256.HashData(bytes) });
        if (await command.ExecuteScalarAsync(ct) is not Guid id) return null;
        return (await log.Documents.LoadAsync<IssuedDocument>(IssuedDocument.StreamId(id), ct))?.Data;
    }

    /// <summary>GET …/documents/{id} of a subject: exactly the bytes that were issued; a document of another subject is 404.</summary>
    public async Task<IResult> DownloadAsync(Guid id, string subject, HttpContext http)
    {
        var found = await FindAsync(id, http.RequestAborted);
        if (found is not { } issued || issued.Document.Subject != subject) return Problems.NotFound(http);
        return TypedResults.File(issued.Bytes, ContentTypeOf(issued.Document.Format), issued.Document.FileName);
    }

    /// <summary>Which of these documents were issued (by id).</summary>
    public async Task<IReadOnlySet<Guid>> IssuedAmongAsync(IReadOnlyCollection<Guid> ids, CancellationToken ct) =>
        ids.Count == 0
            ? new HashSet<Guid>()
            : (await log.Documents.QueryAsync<IssuedDocument>(new DocumentQuery { Ids = [.. ids.Select(IssuedDocument.StreamId)], Limit = ids.Count }, ct))
                .Items.Select(d => d.Data.DocumentId).ToHashSet();

    public async Task<IReadOnlyList<IssuedDocument>> ListAsync(string subject, CancellationToken ct) =>
        (await log.Documents.QueryAsync<IssuedDocument>(new DocumentQuery { Contains = new { subject }, OrderBy = "issuedAt", Descending = true }, ct))
        .Items.Select(d => d.Data).ToList();
}

/// <summary>POST /api/v1/public/documents/check (anyone) — is this file a document the registry issued?</summary>
public static class CheckDocument
{
    /// <summary>Larger than any document the registry issues.</summary>
    public const long MaxBytes = 50L * 1024 * 1024;

    public sealed record CheckResult(bool Authentic, string Sha256, IssuedDocument? Document);

    public static async Task<IResult> Handle(HttpContext http, DocumentIssuer issuer)
    {
        byte[] bytes;
        if (http.Request.HasFormContentType)
        {
            var form = await http.Request.ReadFormAsync(http.RequestAborted);
            var file = form.Files.FirstOrDefault();
            if (file is null) return Problems.Validation("file", "required", new LocalizedText("请上传要核验的文件。", "Upload the file to check."), http);
            if (file.Length > MaxBytes) return TooLarge(http);
            using var buffer = new MemoryStream();
            await file.CopyToAsync(buffer, http.RequestAborted);
            bytes = buffer.ToArray();
        }
        else
        {
            if (http.Request.ContentLength > MaxBytes) return TooLarge(http);
            using var buffer = new MemoryStream();
            await http.Request.Body.CopyToAsync(buffer, http.RequestAborted);
            if (buffer.Length > MaxBytes) return TooLarge(http);
            bytes = buffer.ToArray();
        }
        if (bytes.Length == 0) return Problems.Validation("file", "required", new LocalizedText("文件为空。", "The file is empty."), http);

        var document = await issuer.IdentifyAsync(bytes, http.RequestAborted);
        return TypedResults.Ok(new CheckResult(document is not null, Convert.ToHexStringLower(SHA256.HashData(bytes)), document));
    }

    static IResult TooLarge(HttpContext http) => Problems.Validation("file", "max_size",
        new LocalizedText("文件超过 50 MB，不是本系统出具的文件。", "The file is over 50 MB: not a document this registry issued."), http);
}
