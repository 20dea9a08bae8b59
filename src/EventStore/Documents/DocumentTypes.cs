using System.Text.RegularExpressions;

namespace Mrv.EventStore;

/// <summary>A read-model document type and the table (in schema <c>readmodels</c>) that holds it.</summary>
public sealed record DocumentType(Type ClrType, string Table)
{
    public string QualifiedTable => $"readmodels.{Table}";
}

/// <summary>The registered read-model document types.</summary>
public sealed class DocumentTypes
{
    static readonly Regex TableName = new("^[a-z][a-z0-9_]{0,62}$");
    readonly Dictionary<Type, DocumentType> byType = new();

    public DocumentTypes Register<TDocument>(string table) where TDocument : class
    {
        if (!TableName.IsMatch(table)) throw new ArgumentException($"'{table}' is not a valid document table name.", nameof(table));
        if (byType.Values.Any(d => d.Table == table && d.ClrType != typeof(TDocument)))
        {
            throw new InvalidOperationException($"Document table '{table}' is already used by another type.");
        }
        byType[typeof(TDocument)] = new DocumentType(typeof(TDocument), table);
        return this;
    }

    public DocumentType For(Type type) =>
        byType.TryGetValue(type, out var document)
            ? document
            : throw new InvalidOperationException($"{type.Name} is not a registered document type.");

    public DocumentType For<TDocument>() => For(typeof(TDocument));

    public IReadOnlyCollection<DocumentType> All => byType.Values;
}
