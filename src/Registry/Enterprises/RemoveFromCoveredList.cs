using FluentValidation;
using Mrv.EventStore;
using Mrv.EventStore.Http;
using Mrv.Registry.Calendar;

namespace Mrv.Registry.Enterprises;

/// <param name="Reason">One of <see cref="RemovalReasons"/>; two consecutive years below the threshold is entered by hand until emission data exist.</param>
public sealed record RemoveFromCoveredListRequest(string Reason, string? Note);

public sealed class RemoveFromCoveredListRequestValidator : AbstractValidator<RemoveFromCoveredListRequest>
{
    public RemoveFromCoveredListRequestValidator()
    {
        RuleFor(r => r.Reason).Cascade(CascadeMode.Stop).NotEmpty().Must(r => RemovalReasons.All.Contains(r)).WithErrorCode("reason_unknown")
            .WithMessage(_ => CodeMessages.OneOf("reason", RemovalReasons.All));
        RuleFor(r => r.Note).NotEmpty().When(r => r.Reason == RemovalReasons.Other).WithErrorCode("required_for_reason")
            .WithMessage(_ => new LocalizedText("原因为 other 时须说明（note）。", "A removal for another reason needs a note.").ToString());
        RuleFor(r => r.Note).MaximumLength(1000);
    }
}

/// <summary>POST /api/v1/enterprises/{id}/covered-list/{year}/remove (drc) — takes the enterprise off that year's list, with a reason.</summary>
public static class RemoveFromCoveredList
{
    public static async Task<IResult> Handle(Guid id, int year, RemoveFromCoveredListRequest request, HttpContext http, EventLog log, TimeProvider time)
    {
        if (!DataYear.IsValid(year)) return DataYear.Invalid("year", http);
        if (await http.LoadVisibleAsync(log, id) is null) return Problems.NotFound(http);
        var command = new Enterprise.Remove(year, request.Reason, string.IsNullOrWhiteSpace(request.Note) ? null : request.Note, Caller.From(http.User)!.Username);
        var now = time.GetUtcNow();
        return await http.ExecuteAsync(Enterprise.Decider, Enterprise.StreamId(id), request,
            state => Enterprise.Decide(command, state, now),
            outcome => CommandResponse.Ok(outcome.Head.Version, outcome.State.CoveredIn(year)));
    }
}
