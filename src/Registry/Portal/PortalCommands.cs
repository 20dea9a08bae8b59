using System.Text.Json;
using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using Mrv.EventStore;
using Mrv.EventStore.Http;
using Mrv.EventStore.Serialization;
using Mrv.Registry.Allowances;
using Mrv.Registry.Csv;
using Mrv.Registry.Security;

namespace Mrv.Registry.Portal;

/// <summary>What a form submission came to: success with the API's answer, or errors to show next to fields.</summary>
/// <param name="Code">The stable code of a refused rule (<c>allocation.self_approval</c>), when the decision gave one.</param>
public sealed record FormOutcome(
    bool Succeeded, int Status, JsonElement? Body, IReadOnlyDictionary<string, string[]> FieldErrors, string? Message, string? Code = null)
{
    public static readonly FormOutcome None = new(false, 0, null, new Dictionary<string, string[]>(), null);

    public string? ErrorFor(string field) => FieldErrors.TryGetValue(field, out var messages) ? string.Join(" ", messages) : null;

    /// <summary>The rule's code, from the decision or from the problem answer's <c>code</c>.</summary>
    public string? ProblemCode => Code ?? (Body is { ValueKind: JsonValueKind.Object } body && body.TryGetProperty("code", out var code) ? code.GetString() : null);

    /// <summary>The movement was refused because the session is not recent enough or lacks the second factor: signing in again fixes it.</summary>
    public bool NeedsSignInAgain => ProblemCode is MovementSecurityFilter.RecentLoginRequired or MovementSecurityFilter.SecondFactorRequired;

    /// <summary>A CSV upload's refusal by row and column, as <c>CsvUpload.RowProblem</c> answers it (an import's success may count its rows instead).</summary>
    public IReadOnlyList<ImportRowError> RowErrors =>
        !Succeeded && Body is { ValueKind: JsonValueKind.Object } body && body.TryGetProperty("rows", out var rows) && rows.ValueKind == JsonValueKind.Array
            ? rows.Deserialize<List<ImportRowError>>(EventTypes.SerializerOptions) ?? []
            : [];

    /// <summary>The refusal's words, or the first field error when there is no general one.</summary>
    public string? Problem => Succeeded ? null : Message ?? FieldErrors.Values.SelectMany(m => m).FirstOrDefault();
}

/// <summary>Which of a page's forms was just sent and what came of it: errors show by that form's fields only.</summary>
public sealed record FormState(string? Active, FormOutcome Outcome)
{
    public static readonly FormState None = new(null, FormOutcome.None);

    public string? ErrorFor(string form, string field) => Active == form ? Outcome.ErrorFor(field) : null;

    public string? ProblemFor(string form) => Active == form ? Outcome.Message : null;
}

public static class FormValues
{
    /// <summary>What was typed into a field of the form just sent, as typed; null on a GET.</summary>
    public static string? Typed(this HttpRequest request, string field) =>
        request.HasFormContentType && request.Form.TryGetValue(field, out var typed) ? typed.ToString() : null;
}

/// <summary>
/// Runs a portal form through the very handler the API uses, in-process: the same validator, the
/// same decide function, the same access rules and the same problem answers — a page holds no
/// business rule of its own. Field errors come back under the API's field names.
/// </summary>
public static class PortalCommands
{
    /// <param name="unreadable">Fields the form could not read as the request's types (a number that is not one): they are
    /// refused with the validator's findings on the other fields, as the API refuses JSON it cannot read.</param>
    public static async Task<FormOutcome> RunAsync<TRequest>(HttpContext http, TRequest request, Func<Task<IResult>> handler,
        IReadOnlyList<FieldViolation>? unreadable = null) where TRequest : class
    {
        if (await ValidateAsync(http, request, unreadable) is { } invalid) return invalid;
        try
        {
            return await AuditedAsync(http, Inspect(await handler()));
        }
        catch (DomainRuleViolation violation)
        {
            return new FormOutcome(false, 409, null, new Dictionary<string, string[]>(), violation.Text.ToString(), violation.Code);
        }
        catch (ConcurrencyException)
        {
            return new FormOutcome(false, 412, null, new Dictionary<string, string[]>(), ProblemText.VersionDetail.ToString());
        }
    }

    /// <summary>
    /// The request's shape checked by the API's validator for it, together with the fields the form could
    /// not read: null when all pass, else the errors by field.
    /// </summary>
    public static async Task<FormOutcome?> ValidateAsync<TRequest>(HttpContext http, TRequest request, IReadOnlyList<FieldViolation>? unreadable = null)
        where TRequest : class
    {
        var errors = (unreadable ?? []).Select(v => (Field: v.Field, v.Message)).ToList();
        if (http.RequestServices.GetService<IValidator<TRequest>>() is { } validator)
        {
            var validation = await validator.ValidateAsync(request, http.RequestAborted);
            errors.AddRange(validation.Errors.Where(e => errors.All(u => u.Field != e.PropertyName)).Select(e => (e.PropertyName, e.ErrorMessage)));
        }
        return errors.Count == 0
            ? null
            : new FormOutcome(false, 400, null,
                errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray()), ProblemText.ValidationDetail.ToString());
    }

    /// <summary>
    /// A movement of allowances: the API guards those endpoints with <see cref="MovementSecurityFilter"/>,
    /// so the portal asks the same filter first, and a session too old or without the second factor is
    /// refused before the handler runs, with the filter's own answer.
    /// </summary>
    public static async Task<FormOutcome> RunMovementAsync<TRequest>(HttpContext http, TRequest request, Func<Task<IResult>> handler,
        IReadOnlyList<FieldViolation>? unreadable = null) where TRequest : class
    {
        var now = http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
        return MovementSecurityFilter.Refusal(http, now) is { } refused ? await AuditedAsync(http, Inspect(refused)) : await RunAsync(http, request, handler, unreadable);
    }

    /// <summary>A refused form goes to the access audit as the API's 401 or 403 would, though the page itself answers 200.</summary>
    static async Task<FormOutcome> AuditedAsync(HttpContext http, FormOutcome outcome)
    {
        if (outcome.Status is StatusCodes.Status401Unauthorized or StatusCodes.Status403Forbidden)
        {
            await http.RequestServices.GetRequiredService<AccessAudit>().RecordAsync(http,
                outcome.Status == StatusCodes.Status403Forbidden ? AccessKinds.Forbidden : AccessKinds.Unauthenticated, Caller.From(http.User)?.Username, outcome.Status);
        }
        return outcome;
    }

    /// <summary>Reads an endpoint's answer: its status, its JSON body, and for a problem its field errors and detail.</summary>
    public static FormOutcome Inspect(IResult result)
    {
        var status = result is IStatusCodeHttpResult { StatusCode: { } code } ? code : 200;
        object? value = result is IValueHttpResult valued ? valued.Value : null;
        var body = value is null ? (JsonElement?)null : JsonSerializer.SerializeToElement(value, value.GetType(), EventTypes.SerializerOptions);
        if (status < 400) return new FormOutcome(true, status, body, new Dictionary<string, string[]>(), null);

        var errors = new Dictionary<string, string[]>();
        string? detail = null;
        if (body is { ValueKind: JsonValueKind.Object } problem)
        {
            if (problem.TryGetProperty("violations", out var violations) && violations.ValueKind == JsonValueKind.Array)
            {
                foreach (var group in violations.EnumerateArray().GroupBy(v => v.GetProperty("field").GetString() ?? ""))
                {
                    errors[group.Key] = group.Select(v => v.GetProperty("message").GetString() ?? "").ToArray();
                }
            }
            detail = problem.TryGetProperty("detail", out var d) ? d.GetString() : null;
        }
        return new FormOutcome(false, status, body, errors, detail);
    }
}
