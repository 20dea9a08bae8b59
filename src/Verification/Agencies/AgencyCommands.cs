using FluentValidation;
using Microsoft.AspNetCore.Http;
using Mrv.EventStore;
using Mrv.EventStore.Http;
using Mrv.Verification.Ports;

namespace Mrv.Verification.Agencies;

/// <summary>An agency as the API shows it: the folded record and its status today.</summary>
public sealed record AgencyView(string Status, Agency Agency)
{
    public static AgencyView Of(Agency agency, DateTimeOffset now) => new(agency.StatusOn(BusinessDay.Of(now)), agency);
}

/// <summary>Who sees an agency (the DRC every one, a verifier their own) and the one way an agency command runs.</summary>
public static class AgencyCommands
{
    public static bool CanSee(this Caller caller, Guid agencyId) => caller.IsDrc || caller.Role == Roles.Verifier && caller.AgencyId == agencyId;

    /// <summary>The agency's read model, or null when it does not exist or the caller may not see it.</summary>
    public static async Task<Document<Agency>?> LoadVisibleAsync(this HttpContext http, EventLog log, Guid id)
    {
        var caller = Caller.From(http.User);
        if (caller is null || !caller.CanSee(id)) return null;
        return await log.Documents.LoadAsync<Agency>(Agency.StreamId(id), http.RequestAborted);
    }

    public static async Task<IResult> RunAsync(Guid id, object request, HttpContext http, EventLog log, TimeProvider time,
        Func<Agency, string, DateTimeOffset, IReadOnlyList<object>> decide, Func<WriteOutcome<Agency>, DateTimeOffset, CommandResponse>? respond = null)
    {
        if (await http.LoadVisibleAsync(log, id) is null) return Problems.NotFound(http);
        var by = Caller.From(http.User)!.Username;
        var now = time.GetUtcNow();
        return await http.ExecuteAsync(Agency.Decider, Agency.StreamId(id), request,
            state => decide(state, by, now),
            outcome => respond?.Invoke(outcome, now) ?? CommandResponse.Ok(outcome.Head.Version, AgencyView.Of(outcome.State, now)));
    }
}

/// <summary>
/// Shape rules the agency requests share; the industries and the credit-code check come from the
/// host. A missing value is reported once, by NotEmpty; the other rules pass it over.
/// </summary>
public static class AgencyRules
{
    public static IRuleBuilderOptions<T, IReadOnlyList<string>> Industries<T>(this IRuleBuilder<T, IReadOnlyList<string>> rule, IVerificationSubjects subjects, string field) =>
        rule.NotEmpty().Must(codes => codes is null || codes.All(subjects.Industries.Contains)).WithErrorCode("industry_unknown")
            .WithMessage(_ => OneOf(field, subjects.Industries));

    public static IRuleBuilderOptions<T, string> CreditCode<T>(this IRuleBuilder<T, string> rule, IVerificationSubjects subjects) =>
        rule.NotEmpty().Must(code => string.IsNullOrEmpty(code) || subjects.IsValidCreditCode(code)).WithErrorCode("credit_code")
            .WithMessage(_ => new LocalizedText(
                "统一社会信用代码无效（18 位，校验码须符合 GB 32100-2015）。",
                "The unified social credit code is not valid (18 characters with a GB 32100-2015 check character).").ToString());

    public static string OneOf(string field, IEnumerable<string> values) => new LocalizedText(
        $"{field} 须为以下之一：{string.Join("、", values)}。", $"{field} must be one of: {string.Join(", ", values)}.").ToString();

    /// <summary>A verifier's account name, as user accounts are named.</summary>
    public const string UsernamePattern = "^[a-z0-9][a-z0-9._-]{2,63}$";
}
