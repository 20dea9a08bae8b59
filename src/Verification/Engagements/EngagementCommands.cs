using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Mrv.EventStore;
using Mrv.EventStore.Http;
using Mrv.Verification.Agencies;
using Mrv.Verification.Ports;

namespace Mrv.Verification.Engagements;

/// <summary>An engagement as the API shows it: the folded record, its deadline and whether it is overdue, and where the report stands.</summary>
public sealed record EngagementView(Engagement Engagement, DateOnly DueOn, bool Overdue, SubjectReport? Report)
{
    public static EngagementView Of(Engagement engagement, DateOnly dueOn, DateTimeOffset now, SubjectReport? report = null) =>
        new(engagement, dueOn, IsOverdue(engagement.Status, dueOn, now), report);

    public static bool IsOverdue(string status, DateOnly dueOn, DateTimeOffset now) => EngagementStatuses.IsOutstanding(status) && BusinessDay.Of(now) > dueOn;
}

/// <summary>The verifier a command is acted by, their agency, the time, and the year's verification deadline.</summary>
public sealed record Acting(Verifier Verifier, Agency Agency, DateTimeOffset Now, DateOnly DueOn);

/// <summary>
/// Who sees an engagement — the DRC all; a league/city those of its enterprises; the enterprise its
/// own; a verifier those of their agency — and the one way an engagement command runs. What a caller
/// may not see does not exist for them (404), so a verifier of another agency learns nothing.
/// </summary>
public static class EngagementCommands
{
    public static bool CanSee(this Caller caller, Engagement engagement) => caller.Role switch
    {
        Roles.Drc => true,
        Roles.League => engagement.LeagueCode == caller.LeagueCode,
        Roles.Enterprise => engagement.EnterpriseId == caller.EnterpriseId,
        Roles.Verifier => engagement.AgencyId == caller.AgencyId,
        _ => false,
    };

    public static async Task<Document<Engagement>?> LoadVisibleAsync(this HttpContext http, EventLog log, Guid id)
    {
        var caller = Caller.From(http.User);
        var document = await log.Documents.LoadAsync<Engagement>(Engagement.StreamId(id), http.RequestAborted);
        return document is not null && caller is not null && caller.CanSee(document.Data) ? document : null;
    }

    /// <summary>
    /// A command on a visible engagement: decide on the folded stream, append, answer the engagement.
    /// <paramref name="beforeCommit"/> adds writes to the same transaction (the report following).
    /// </summary>
    public static async Task<IResult> RunAsync(Guid id, object request, HttpContext http, Func<Engagement, DateTimeOffset, IReadOnlyList<object>> decide,
        Func<Engagement, DateTimeOffset, Func<EventTransaction, CancellationToken, Task>>? beforeCommit = null)
    {
        var log = http.RequestServices.GetRequiredService<EventLog>();
        var document = await http.LoadVisibleAsync(log, id);
        if (document is null) return Problems.NotFound(http);
        return await WriteAsync(document.Data, request, http, (state, now, _) => decide(state, now), beforeCommit);
    }

    /// <summary>
    /// A verifier's command: the caller acts as the person of their agency registered with their
    /// account (their signature, their place on the team); an account with no such person is refused.
    /// </summary>
    public static async Task<IResult> RunAsVerifierAsync(Guid id, object request, HttpContext http, Func<Engagement, Acting, IReadOnlyList<object>> decide,
        Func<Engagement, DateTimeOffset, Func<EventTransaction, CancellationToken, Task>>? beforeCommit = null)
    {
        var log = http.RequestServices.GetRequiredService<EventLog>();
        var document = await http.LoadVisibleAsync(log, id);
        if (document is null) return Problems.NotFound(http);
        var agency = (await log.Documents.LoadAsync<Agency>(Agency.StreamId(document.Data.AgencyId), http.RequestAborted))!.Data;
        var caller = Caller.From(http.User)!;
        var actor = agency.VerifierByUsername(caller.Username) ?? throw new DomainRuleViolation("engagement.not_a_verifier",
            $"账号“{caller.Username}”未登记为本机构的核查人员，不能代表机构办理核查任务。",
            $"The account '{caller.Username}' is not registered as a verifier of the agency and cannot act on its engagements.");
        return await WriteAsync(document.Data, request, http, (state, now, dueOn) => decide(state, new Acting(actor, agency, now, dueOn)), beforeCommit);
    }

    static async Task<IResult> WriteAsync(Engagement engagement, object request, HttpContext http,
        Func<Engagement, DateTimeOffset, DateOnly, IReadOnlyList<object>> decide,
        Func<Engagement, DateTimeOffset, Func<EventTransaction, CancellationToken, Task>>? beforeCommit)
    {
        var now = http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
        var dueOn = await http.RequestServices.GetRequiredService<IVerificationSubjects>().VerificationDueAsync(engagement.Year, http.RequestAborted);
        return await http.ExecuteAsync(Engagement.Decider, Engagement.StreamId(engagement.Id), request,
            state => decide(state, now, dueOn),
            outcome => CommandResponse.Ok(outcome.Head.Version, EngagementView.Of(outcome.State, dueOn, now)),
            beforeCommit?.Invoke(engagement, now));
    }

    /// <summary>The agency's verifiers named by a request, all of them, or a rule violation naming the first unknown one.</summary>
    public static IReadOnlyList<Verifier> VerifiersOf(this Agency agency, IEnumerable<Guid> ids) =>
        [.. ids.Select(id => agency.VerifierOf(id) ?? throw Agency.UnknownVerifier(id))];
}
