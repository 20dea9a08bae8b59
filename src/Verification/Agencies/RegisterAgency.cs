using FluentValidation;
using Microsoft.AspNetCore.Http;
using Mrv.EventStore;
using Mrv.EventStore.Http;
using Mrv.Verification.Ports;

namespace Mrv.Verification.Agencies;

/// <param name="Scopes">The industries the agency may verify (the host's industry codes).</param>
/// <param name="WorkloadCap">How many engagements of one data year the agency may hold.</param>
public sealed record RegisterAgencyRequest(string NameZh, string? NameEn, string CreditCode, IReadOnlyList<string> Scopes, int WorkloadCap);

public sealed class RegisterAgencyRequestValidator : AbstractValidator<RegisterAgencyRequest>
{
    public RegisterAgencyRequestValidator(IVerificationSubjects subjects)
    {
        RuleFor(r => r.NameZh).NotEmpty().MaximumLength(200);
        RuleFor(r => r.NameEn).MaximumLength(200);
        RuleFor(r => r.CreditCode).CreditCode(subjects);
        RuleFor(r => r.Scopes).Industries(subjects, "scopes");
        RuleFor(r => r.WorkloadCap).InclusiveBetween(1, 10_000);
    }
}

/// <param name="Reason">Why the scope or cap changes (e.g. a new accreditation).</param>
public sealed record ChangeAgencyScopeRequest(IReadOnlyList<string> Scopes, int WorkloadCap, string Reason);

public sealed class ChangeAgencyScopeRequestValidator : AbstractValidator<ChangeAgencyScopeRequest>
{
    public ChangeAgencyScopeRequestValidator(IVerificationSubjects subjects)
    {
        RuleFor(r => r.Scopes).Industries(subjects, "scopes");
        RuleFor(r => r.WorkloadCap).InclusiveBetween(1, 10_000);
        RuleFor(r => r.Reason).NotEmpty().MaximumLength(2000);
    }
}

/// <summary>
/// POST /api/v1/verification/agencies (drc) — registers an agency with its scope and workload cap;
/// POST …/agencies/{id}/scope changes them with a reason.
/// </summary>
public static class RegisterAgency
{
    public static async Task<IResult> Handle(RegisterAgencyRequest request, HttpContext http, EventLog log, TimeProvider time)
    {
        var taken = await log.Documents.QueryAsync<Agency>(new DocumentQuery { Contains = new { creditCode = request.CreditCode }, Limit = 1 }, http.RequestAborted);
        if (taken.Items.Count > 0)
        {
            throw new DomainRuleViolation("agency.credit_code_taken",
                $"统一社会信用代码 {request.CreditCode} 已登记为核查机构。", $"The credit code {request.CreditCode} is already registered as an agency.");
        }
        var now = time.GetUtcNow();
        var id = Guid.CreateVersion7(now);
        var command = new Agency.Register(id, request.NameZh, string.IsNullOrWhiteSpace(request.NameEn) ? null : request.NameEn, request.CreditCode,
            request.Scopes, request.WorkloadCap, Caller.From(http.User)!.Username);
        return await http.ExecuteAsync(Agency.Decider, Agency.StreamId(id), request,
            state => Agency.Decide(command, state, now),
            outcome => CommandResponse.Created($"/api/v1/verification/agencies/{id}", outcome.Head.Version, AgencyView.Of(outcome.State, now)));
    }

    public static Task<IResult> ChangeScope(Guid id, ChangeAgencyScopeRequest request, HttpContext http, EventLog log, TimeProvider time) =>
        AgencyCommands.RunAsync(id, request, http, log, time, (state, by, now) =>
            Agency.Decide(new Agency.ChangeScope(request.Scopes, request.WorkloadCap, request.Reason, by), state, now));
}
