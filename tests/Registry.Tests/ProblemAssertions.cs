using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Mrv.Registry.Tests;

public static class ProblemAssertions
{
    /// <summary>The answer is an RFC 9457 problem with this status; returns its body.</summary>
    public static async Task<JsonElement> ShouldBeProblemAsync(this HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(status, text);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json", text);
        var problem = JsonDocument.Parse(text).RootElement;
        problem.GetProperty("status").GetInt32().ShouldBe((int)status);
        problem.GetProperty("title").GetString().ShouldNotBeNullOrWhiteSpace();
        return problem;
    }

    /// <summary>The problem names this field with this rule; returns the message.</summary>
    public static string ShouldNameField(this JsonElement problem, string field, string rule)
    {
        var violation = problem.GetProperty("violations").EnumerateArray()
            .FirstOrDefault(v => v.GetProperty("field").GetString() == field && v.GetProperty("rule").GetString() == rule);
        violation.ValueKind.ShouldBe(JsonValueKind.Object, $"no violation of rule '{rule}' on field '{field}' in {problem}");
        problem.GetProperty("errors").GetProperty(field).GetArrayLength().ShouldBeGreaterThan(0);
        return violation.GetProperty("message").GetString()!;
    }

    public static Task<JsonElement> JsonAsync(this HttpResponseMessage response) => response.Content.ReadFromJsonAsync<JsonElement>();
}
