using System.Text.RegularExpressions;

namespace Mrv.EventStore;

/// <summary>A read-model document type and the table (in schema <c>readmodels</c>) that holds it.</summary>
/// <param name="Filtered">
/// Lists of this type are filtered by JSON containment on large tables (an enterprise's engagements
/// among all of them): the table gets a GIN index (<c>jsonb_path_ops</c>) that answers <c>data @&gt; …</c>
/// without reading every row. Off by default, as it costs every write of the document.
/// </param>
public sealed record DocumentType(Type ClrType, string Table, bool Filtered = false)
{
    public string QualifiedTable => $"readmodels.{Table}";
}

/// <summary>The registered read-model document types.</summary>
public sealed class DocumentTypes
{
    static readonly Regex TableName = new("^[a-z][a-z0-9_]{0,62}$");
    readonly Dictionary<Type, DocumentType> byType = new();

    public DocumentTypes Register<TDocument>(string table, bool filtered = false) where TDocument : class
    {
        if (!TableName.IsMatch(table)) throw new ArgumentException($"'{table}' is not a valid document table name.", nameof(table));
        if (byType.Values.Any(d => d.Table == table && d.ClrType != typeof(TDocument)))
        {
            throw new InvalidOperationException($"Document table '{table}' is already used by another type.");
        }
        byType[typeof(TDocument)] = new DocumentType(typeof(TDocument), table, filtered);
        return this;
    }

    public DocumentType For(Type type) =>
        byType.TryGetValue(type, out var document)
            ? document
            : throw new InvalidOperationException($"{type.Name} is not a registered document type.");

    public DocumentType For<TDocument>() => For(typeof(TDocument));

    public IReadOnlyCollection<DocumentType> All => byType.Values;
}
