using FluentValidation;
using Mrv.EventStore;
using Mrv.EventStore.Http;

namespace Mrv.Registry.Enterprises;

public sealed record AddFacilityRequest(string Code, string NameZh, string? NameEn);

public sealed class AddFacilityRequestValidator : AbstractValidator<AddFacilityRequest>
{
    public AddFacilityRequestValidator()
    {
        RuleFor(r => r.Code).Cascade(CascadeMode.Stop).NotEmpty().Matches(CodeMessages.PartCodePattern).WithErrorCode("code_format")
            .WithMessage(_ => CodeMessages.PartCode("code"));
        RuleFor(r => r.NameZh).NotEmpty().MaximumLength(200);
        RuleFor(r => r.NameEn).MaximumLength(200);
    }
}

/// <summary>POST /api/v1/enterprises/{id}/facilities (drc, league) — adds a facility under an enterprise.</summary>
public static class AddFacility
{
    public static async Task<IResult> Handle(Guid id, AddFacilityRequest request, HttpContext http, EventLog log, TimeProvider time)
    {
        if (await http.LoadVisibleAsync(log, id) is null) return Problems.NotFound(http);
        var command = new Enterprise.AddFacility(request.Code, request.NameZh, string.IsNullOrWhiteSpace(request.NameEn) ? null : request.NameEn,
            Caller.From(http.User)!.Username);
        var now = time.GetUtcNow();
        return await http.ExecuteAsync(Enterprise.Decider, Enterprise.StreamId(id), request,
            state => Enterprise.Decide(command, state, now),
            outcome => CommandResponse.Created($"/api/v1/enterprises/{id}/facilities/{request.Code}", outcome.Head.Version,
                outcome.State.FacilityOf(request.Code)));
    }
}
