using System.Text.Json;
using System.Text.Json.Serialization;

namespace Mrv.EventStore.Serialization;

/// <summary>
/// The stored names of event types. Events are stored under a stable alias such as
/// <c>enterprise_registered.v1</c>, never under a CLR name, so classes can be renamed and moved
/// without touching the log. Changing an event's shape means a new alias.
/// </summary>
public sealed class EventTypes
{
    readonly Dictionary<Type, string> aliasByType = new();
    readonly Dictionary<string, Type> typeByAlias = new(StringComparer.Ordinal);

    public static JsonSerializerOptions SerializerOptions { get; } = CreateSerializerOptions();

    public EventTypes Register<TEvent>(string alias) where TEvent : class => Register(typeof(TEvent), alias);

    public EventTypes Register(Type type, string alias)
    {
        if (string.IsNullOrWhiteSpace(alias) || !System.Text.RegularExpressions.Regex.IsMatch(alias, "^[a-z][a-z0-9_]*\\.v[0-9]+$"))
        {
            throw new ArgumentException($"Event alias '{alias}' must look like 'something_happened.v1'.", nameof(alias));
        }
        if (typeByAlias.TryGetValue(alias, out var existing) && existing != type)
        {
            throw new InvalidOperationException($"Event alias '{alias}' is already used by {existing.Name}.");
        }
        if (aliasByType.TryGetValue(type, out var existingAlias) && existingAlias != alias)
        {
            throw new InvalidOperationException($"{type.Name} is already registered as '{existingAlias}'.");
        }
        aliasByType[type] = alias;
        typeByAlias[alias] = type;
        return this;
    }

    public string AliasFor(Type type) =>
        aliasByType.TryGetValue(type, out var alias)
            ? alias
            : throw new UnknownEventTypeException($"{type.FullName} is not a registered event type; register it with a stable alias before appending it.");

    public bool IsRegistered(Type type) => aliasByType.ContainsKey(type);

    public Type TypeFor(string alias) =>
        typeByAlias.TryGetValue(alias, out var type)
            ? type
            : throw new UnknownEventTypeException($"The log holds events of type '{alias}', which no module registers.");

    public IReadOnlyCollection<string> Aliases => typeByAlias.Keys;

    /// <summary>The event's data in canonical (jsonb text) form, as UTF-8.</summary>
    public byte[] SerializeCanonical(object @event) =>
        CanonicalJson.ToUtf8(JsonSerializer.SerializeToUtf8Bytes(@event, @event.GetType(), SerializerOptions));

    /// <summary>The event's data in canonical (jsonb text) form.</summary>
    public string Serialize(object @event) => System.Text.Encoding.UTF8.GetString(SerializeCanonical(@event));

    public object Deserialize(string alias, string json) =>
        JsonSerializer.Deserialize(json, TypeFor(alias), SerializerOptions)
        ?? throw new JsonException($"Event of type '{alias}' has null data.");

    static JsonSerializerOptions CreateSerializerOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.Never,
            NumberHandling = JsonNumberHandling.Strict,
            // Chinese text stays readable in answers and documents; these are never embedded in HTML unescaped.
            Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower));
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}

public sealed class UnknownEventTypeException(string message) : InvalidOperationException(message);
