using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Mrv.Registry.Tests.Host;

/// <summary>
/// Every write operation of the OpenAPI document, fed broken input: malformed and oversized JSON,
/// invalid UTF-8, wrong types, huge and negative numbers, injection strings. A broken request is
/// always a 4xx problem answer, never a 500, and appends nothing. Hostile text where free text is
/// allowed (a reason, a note) may be accepted — and is then stored as the text it is.
/// </summary>
public sealed class MalformedInputSweepTests(RegistryFixture registry) : IClassFixture<RegistryFixture>
{
    const string Injection = "'; drop table eventstore.events; -- <script>alert('x')</script> \" OR 1=1 --";

    sealed record Operation(string Method, string Path, JsonObject? JsonSchema, bool CsvBody, bool OtherBody);

    [Fact]
    public async Task every_write_operation_answers_broken_input_with_a_4xx_problem_and_appends_nothing()
    {
        var document = JsonNode.Parse(await registry.Anonymous().GetStringAsync("/openapi/v1.json"))!.AsObject();
        var operations = Operations(document).ToList();
        operations.Count.ShouldBeGreaterThan(40, "the sweep should see the registry's write operations");

        var enterprise = await registry.ClientAsync("enterprise-demo");
        var demoId = (await (await enterprise.GetAsync("/api/v1/me")).JsonAsync()).GetProperty("scope").GetProperty("id").GetGuid();
        var callers = new (HttpClient Client, Guid Id)[] { (await registry.ClientAsync("drc"), Guid.NewGuid()), (enterprise, demoId) };

        var failures = new List<string>();
        foreach (var (client, id) in callers)
        {
            foreach (var operation in operations)
            {
                var url = Url(operation.Path, id);
                foreach (var (name, content, mustRefuse) in Payloads(operation))
                {
                    var before = await registry.CountAsync("select count(*) from eventstore.events");
                    var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(operation.Method), url) { Content = content });
                    var status = (int)response.StatusCode;
                    var after = await registry.CountAsync("select count(*) from eventstore.events");
                    var where = $"{operation.Method} {url} ({name}) → {status}";
                    var hasBody = operation.JsonSchema is not null || operation.CsvBody || operation.OtherBody;
                    if (status >= 500) failures.Add($"{where}: {await response.Content.ReadAsStringAsync()}");
                    else if (status >= 400)
                    {
                        if (response.Content.Headers.ContentType?.MediaType != "application/problem+json") failures.Add($"{where}: not a problem answer");
                        if (after != before) failures.Add($"{where}: refused yet appended {after - before} event(s)");
                    }
                    else if (hasBody && mustRefuse) failures.Add($"{where}: broken input was accepted");
                    else if (hasBody && after > before && !await StoredVerbatimAsync()) failures.Add($"{where}: hostile text was not stored as text");
                }
            }
        }

        failures.ShouldBeEmpty();
    }

    static IEnumerable<Operation> Operations(JsonObject document)
    {
        foreach (var (path, item) in document["paths"]!.AsObject())
        {
            foreach (var (method, operation) in item!.AsObject())
            {
                if (method is not ("post" or "put" or "patch" or "delete")) continue;
                var content = operation?["requestBody"]?["content"]?.AsObject();
                var schema = content?["application/json"]?["schema"] is { } json ? Resolve(document, json) : null;
                yield return new Operation(method.ToUpperInvariant(), path, schema, content?.ContainsKey("text/csv") == true,
                    content is not null && schema is null && content.ContainsKey("text/csv") == false);
            }
        }
    }

    static JsonObject? Resolve(JsonObject document, JsonNode schema)
    {
        if (schema["$ref"]?.GetValue<string>() is { } reference)
        {
            return document["components"]!["schemas"]![reference.Split('/')[^1]]?.AsObject();
        }
        return schema as JsonObject;
    }

    /// <summary>Path parameters with plausible values, so that requests reach the code that reads their bodies.</summary>
    static string Url(string path, Guid id) => System.Text.RegularExpressions.Regex.Replace(path, @"\{(\w+)(:[^}]*)?\}", match => match.Groups[1].Value switch
    {
        "year" => "2024",
        "month" => "6",
        "quarter" => "2",
        "league" => "150200",
        "period" => "13th_fyp",
        "username" => "league-baotou",
        "name" => "daily_activity",
        "code" => "G1-COAL",
        _ when match.Groups[2].Value.Contains("long") || match.Groups[2].Value.Contains("int") => "999999",
        _ => id.ToString(),
    });

    /// <summary>
    /// The newest event's stream still verifies, and where it kept hostile text, it kept it exactly:
    /// the text was data, never code, and was neither cut nor mangled.
    /// </summary>
    async Task<bool> StoredVerbatimAsync()
    {
        await using var admin = registry.Database.CreateAdminDataSource();
        await using var command = admin.CreateCommand("select stream_id, data::text from eventstore.events order by seq_id desc limit 1");
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        var (stream, data) = (reader.GetString(0), reader.GetString(1));
        var chain = await Mrv.EventStore.HashChainVerifier.VerifyAsync(admin, default, [stream]);
        var strings = Strings(JsonNode.Parse(data)).ToList();
        return chain.Intact && (!strings.Any(t => t.Contains("drop table", StringComparison.Ordinal)) || strings.Contains(Injection));
    }

    static IEnumerable<string> Strings(JsonNode? node) => node switch
    {
        JsonObject o => o.SelectMany(p => Strings(p.Value)),
        JsonArray a => a.SelectMany(Strings),
        JsonValue v when v.TryGetValue<string>(out var text) => [text],
        _ => [],
    };

    /// <summary>Each payload, and whether it must be refused (true) or may be legitimate text (false).</summary>
    static IEnumerable<(string Name, HttpContent Content, bool MustRefuse)> Payloads(Operation operation)
    {
        yield return ("malformed json", Json("{\"broken\": "), true);
        yield return ("invalid utf-8", new ByteArrayContent([0x7B, 0x22, 0x61, 0x22, 0x3A, 0x22, 0xC3, 0x28, 0xFF, 0xFE, 0x22, 0x7D])
        {
            Headers = { ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" } },
        }, true);
        yield return ("oversized", Json("{\"x\":\"" + new string('x', 1_200_000) + "\"}"), true);
        if (operation.JsonSchema?["properties"]?.AsObject() is { } properties)
        {
            var wrongTypes = new JsonObject();
            var hostile = new JsonObject();
            foreach (var (name, property) in properties)
            {
                var type = property?["type"]?.ToJsonString() ?? "";
                wrongTypes[name] = type.Contains("string") ? new JsonArray(new JsonObject { ["nested"] = true }) : JsonValue.Create("not a number or list");
                hostile[name] = type.Contains("integer") || type.Contains("number") ? JsonValue.Create(-1) : type.Contains("array")
                    ? new JsonArray(JsonValue.Create(Injection))
                    : JsonValue.Create(Injection);
            }
            yield return ("wrong types", Json(wrongTypes.ToJsonString()), true);
            yield return ("negative numbers and injection strings", Json(hostile.ToJsonString()), false);
            var huge = new JsonObject();
            foreach (var (name, property) in properties)
            {
                var type = property?["type"]?.ToJsonString() ?? "";
                huge[name] = JsonNode.Parse(type.Contains("integer") || type.Contains("number") ? "1e400" : type.Contains("array") ? "[1e400]" : "\"1e400\"");
            }
            yield return ("huge numbers", Json(huge.ToJsonString()), false);
        }
        if (operation.CsvBody)
        {
            yield return ("csv with invalid bytes", new ByteArrayContent([0x61, 0x2C, 0x62, 0x0A, 0xFF, 0xFE, 0x00, 0x01, 0x2C, 0x22])
            {
                Headers = { ContentType = new MediaTypeHeaderValue("text/csv") },
            }, true);
            yield return ("csv with injection", new StringContent($"credit_code,month,quantity\n{Injection},13,-5\n", Encoding.UTF8, "text/csv"), true);
        }
    }

    static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");
}
