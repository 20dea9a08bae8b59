using FluentValidation;
using Mrv.EventStore;
using Mrv.EventStore.Http;

namespace Mrv.Registry.Enterprises;

public sealed record RenameRequest(string NameZh, string? NameEn);

/// <param name="ClosedOn">The day it stopped operating (关停日期).</param>
public sealed record CloseRequest(DateOnly? ClosedOn, string Reason);

public sealed class RenameRequestValidator : AbstractValidator<RenameRequest>
{
    public RenameRequestValidator()
    {
        RuleFor(r => r.NameZh).NotEmpty().MaximumLength(200);
        RuleFor(r => r.NameEn).MaximumLength(200);
    }
}

public sealed class CloseRequestValidator : AbstractValidator<CloseRequest>
{
    public CloseRequestValidator()
    {
        RuleFor(r => r.ClosedOn).NotNull();
        RuleFor(r => r.Reason).NotEmpty().MaximumLength(1000);
    }
}

/// <summary>
/// POST /api/v1/enterprises/{id}/facilities/{code}/rename|close and …/sources/{code}/rename|close
/// (drc, league): renames and closures are events; nothing is edited or deleted.
/// </summary>
public static class ChangeFacilityOrSource
{
    public static Task<IResult> RenameFacility(Guid id, string code, RenameRequest request, HttpContext http, EventLog log, TimeProvider time) =>
        Rename(new Enterprise.Rename(false, code, request.NameZh, Optional(request.NameEn), By(http)), id, request, http, log, time);

    public static Task<IResult> RenameSource(Guid id, string code, RenameRequest request, HttpContext http, EventLog log, TimeProvider time) =>
        Rename(new Enterprise.Rename(true, code, request.NameZh, Optional(request.NameEn), By(http)), id, request, http, log, time);

    public static Task<IResult> CloseFacility(Guid id, string code, CloseRequest request, HttpContext http, EventLog log, TimeProvider time) =>
        Close(new Enterprise.Close(false, code, request.ClosedOn!.Value, request.Reason, By(http)), id, request, http, log, time);

    public static Task<IResult> CloseSource(Guid id, string code, CloseRequest request, HttpContext http, EventLog log, TimeProvider time) =>
        Close(new Enterprise.Close(true, code, request.ClosedOn!.Value, request.Reason, By(http)), id, request, http, log, time);

    static Task<IResult> Rename(Enterprise.Rename command, Guid id, RenameRequest request, HttpContext http, EventLog log, TimeProvider time) =>
        ChangeAsync(command.IsSource, id, command.Code, request, http, log, state => Enterprise.Decide(command, state, time.GetUtcNow()));

    static Task<IResult> Close(Enterprise.Close command, Guid id, CloseRequest request, HttpContext http, EventLog log, TimeProvider time) =>
        ChangeAsync(command.IsSource, id, command.Code, request, http, log, state => Enterprise.Decide(command, state, time.GetUtcNow()));

    static string By(HttpContext http) => Caller.From(http.User)!.Username;

    static string? Optional(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;

    static async Task<IResult> ChangeAsync(
        bool isSource, Guid id, string code, object request, HttpContext http, EventLog log, Func<Enterprise, IReadOnlyList<object>> decide)
    {
        var enterprise = await http.LoadVisibleAsync(log, id);
        if (enterprise is null || (isSource ? enterprise.Data.SourceOf(code) is null : enterprise.Data.FacilityOf(code) is null))
        {
            return Problems.NotFound(http);
        }
        return await http.ExecuteAsync(Enterprise.Decider, Enterprise.StreamId(id), request, decide,
            outcome => CommandResponse.Ok(outcome.Head.Version, isSource ? outcome.State.SourceOf(code) : outcome.State.FacilityOf(code)));
    }
}
