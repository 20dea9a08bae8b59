using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Mrv.EventStore;
using Mrv.EventStore.Http;
using Mrv.Registry.Activity;
using Mrv.Registry.Reporting;
using Mrv.Verification.Agencies;
using Mrv.Verification.Engagements;
using Mrv.Verification.Ports;

namespace Mrv.Registry.Portal.Pages.Verification;

/// <summary>One finding as a page shows it, with the forms the caller may use on it.</summary>
public sealed record FindingCard(Engagement Engagement, Finding Finding, bool CanAnswer, bool CanResolve, FormState Form)
{
    public string AnswerForm => $"answer-{Finding.Number}";
    public string ResolveForm => $"resolve-{Finding.Number}";
    public string Anchor => AnchorOf(Engagement.Id, Finding.Number);

    public static string AnchorOf(Guid engagementId, int number) => $"finding-{engagementId:N}-{number}";
    public string? SourceName => Engagement.Reported.Sources.FirstOrDefault(s => s.SourceCode == Finding.SourceCode)?.NameZh;
}

/// <summary>
/// An engagement (核查任务) for everyone who may see it: the report's figures, the enterprise's
/// evidence, fieldwork, findings, the opinion and who has signed. Each form runs the API's own
/// handler; what a form may do is decided there, so a refused step shows the API's answer.
/// </summary>
[Authorize(Policy = Policies.AnyUser)]
public sealed class EngagementModel(EventLog log, IVerificationSubjects subjects, IEngagementOutcomes outcomes, TimeProvider time) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }
    [BindProperty(SupportsGet = true)] public string? Done { get; set; }

    public EngagementView? View { get; private set; }
    public Engagement E => View!.Engagement;
    /// <summary>The verifier the caller is, for a verifier of the engagement's agency.</summary>
    public Verifier? Me { get; private set; }
    public IReadOnlyList<Verifier> AgencyVerifiers { get; private set; } = [];
    public IReadOnlyList<EvidenceFile> Evidence { get; private set; } = [];
    /// <summary>The annual report as its stream has it now (the list behind the API's view follows a moment later).</summary>
    public AnnualReport? Report { get; private set; }
    public FormState Form { get; private set; } = FormState.None;

    Caller Visitor => Caller.From(User)!;
    public bool IsVerifier => Visitor.Role == Roles.Verifier && Me is not null;
    public bool IsEnterprise => Visitor.Role == Roles.Enterprise;
    /// <summary>Whether the caller reads the enterprise's own pages (the report, evidence files): verifiers see the engagement only.</summary>
    public bool ReadsEnterprise => Visitor.Role is Roles.Drc or Roles.League or Roles.Enterprise;
    public bool IsLead => Me is not null && E.Team?.Lead.VerifierId == Me.Id;

    public FindingCard CardOf(Finding finding) => new(E, finding,
        CanAnswer: IsEnterprise && finding.Status != FindingStatuses.Closed && E.Status != EngagementStatuses.Signed,
        CanResolve: IsVerifier && finding.Status != FindingStatuses.Closed && E.Status != EngagementStatuses.Signed,
        Form);

    /// <summary>What was typed into a field of the form just sent, else <paramref name="fallback"/>.</summary>
    public string? Value(string field, string? fallback = null) => Request.Typed(field) ?? fallback;

    public string? Notice => Done switch
    {
        "accept" => PortalText.T("已接受任务，并声明与该企业不存在利益冲突。", "Accepted, declaring no conflict of interest with the enterprise."),
        "decline" => PortalText.T("已拒绝任务，等待主管部门重新分配。", "Declined; the DRC will reassign the engagement."),
        "plan" => PortalText.T("核查组已保存。", "The team is saved."),
        "review" => PortalText.T("已记录文件评审。", "The document review is recorded."),
        "visit" => PortalText.T("已记录现场核查。", "The site visit is recorded."),
        "raise" => PortalText.T("已提出不符合项，等待企业答复。", "The finding is raised and waits for the enterprise's answer."),
        "answer" => PortalText.T("答复已提交。", "The answer is sent."),
        "close" => PortalText.T("不符合项已关闭。", "The finding is closed."),
        "escalate" => PortalText.T("不符合项已上报主管部门。", "The finding is escalated to the DRC."),
        "opinion" => PortalText.T("核查结论已出具，等待签字。", "The opinion is issued and waits for the signatures."),
        "sign" => PortalText.T("已签字。", "Signed."),
        _ => null,
    };

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() ? Page() : NotFound();

    public Task<IActionResult> OnPostAcceptAsync(bool noConflictOfInterest, string? statement)
    {
        var request = new AcceptEngagementRequest(noConflictOfInterest, Blank(statement));
        return RunAsync("accept", request, () => AcceptEngagement.Accept(Id, request, HttpContext, outcomes));
    }

    public Task<IActionResult> OnPostDeclineAsync(string? reason)
    {
        var request = new DeclineEngagementRequest(reason ?? "");
        return RunAsync("decline", request, () => AcceptEngagement.Decline(Id, request, HttpContext, log));
    }

    public Task<IActionResult> OnPostPlanAsync(Guid leadId, Guid[]? memberIds, Guid reviewerId, string? notes)
    {
        var parse = new FormParse();
        var request = new PlanEngagementRequest(leadId, memberIds ?? [], reviewerId, parse.Date(Request.Form, "siteVisitPlannedOn", required: false), Blank(notes));
        return RunAsync("plan", request, () => PlanEngagement.Handle(Id, request, HttpContext), parse);
    }

    public Task<IActionResult> OnPostReviewAsync(string? summary)
    {
        var parse = new FormParse();
        var request = new DocumentReviewRequest(parse.Date(Request.Form, "reviewedOn") ?? default, summary ?? "");
        return RunAsync("review", request, () => RecordFieldwork.ReviewDocuments(Id, request, HttpContext), parse);
    }

    public Task<IActionResult> OnPostVisitAsync(Guid[]? verifierIds, string? enterpriseAttendees, string? summary)
    {
        var parse = new FormParse();
        var attendees = (enterpriseAttendees ?? "").Split(['\n', ',', '，', '、'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var request = new SiteVisitRequest(parse.Date(Request.Form, "visitedOn") ?? default, verifierIds ?? [], attendees, summary ?? "");
        return RunAsync("visit", request, () => RecordFieldwork.VisitSite(Id, request, HttpContext), parse);
    }

    public Task<IActionResult> OnPostRaiseAsync(string? sourceCode, int? month, string? description, string? proposedCorrection)
    {
        var request = new RaiseFindingRequest(sourceCode ?? "", month, description ?? "", Blank(proposedCorrection));
        return RunAsync("raise", request, () => Findings.Raise(Id, request, HttpContext));
    }

    public Task<IActionResult> OnPostAnswerAsync(int number, string? answer, bool dataCorrected)
    {
        var request = new AnswerFindingRequest(answer ?? "", dataCorrected);
        return RunAsync($"answer-{number}", request, () => Findings.Answer(Id, number, request, HttpContext), done: "answer");
    }

    public Task<IActionResult> OnPostCloseAsync(int number, string? note)
    {
        var request = new ResolveFindingRequest(note ?? "");
        return RunAsync($"resolve-{number}", request, () => Findings.Close(Id, number, request, HttpContext), done: "close");
    }

    public Task<IActionResult> OnPostEscalateAsync(int number, string? note)
    {
        var request = new ResolveFindingRequest(note ?? "");
        return RunAsync($"resolve-{number}", request, () => Findings.Escalate(Id, number, request, HttpContext), done: "escalate");
    }

    public Task<IActionResult> OnPostOpinionAsync(string? opinion, string? summary)
    {
        var parse = new FormParse();
        var sources = new List<VerifiedSourceRequest>();
        for (var i = 0; Request.Form.ContainsKey($"sources[{i}].sourceCode"); i++)
        {
            sources.Add(new VerifiedSourceRequest(Request.Form[$"sources[{i}].sourceCode"].ToString(),
                parse.Number(Request.Form, $"sources[{i}].emissionsTco2") ?? 0, parse.Number(Request.Form, $"sources[{i}].energyTce") ?? 0));
        }
        var request = new IssueOpinionRequest(opinion ?? "", summary ?? "", sources);
        return RunAsync("opinion", request, () => IssueOpinion.Handle(Id, request, HttpContext), parse);
    }

    public Task<IActionResult> OnPostSignAsync(string? role)
    {
        var request = new SignOffRequest(role ?? "");
        return RunAsync("sign", request, () => SignOff.Handle(Id, request, HttpContext, outcomes));
    }

    async Task<IActionResult> RunAsync<TRequest>(string form, TRequest request, Func<Task<IResult>> handler, FormParse? parse = null, string? done = null)
        where TRequest : class
    {
        var outcome = await PortalCommands.RunAsync(HttpContext, request, handler, parse?.Violations);
        if (outcome.Status == 404) return NotFound();
        if (outcome.Succeeded)
        {
            done ??= form;
            var anchor = done switch
            {
                "plan" => "#team",
                "review" or "visit" => "#fieldwork",
                "raise" or "answer" or "close" or "escalate" => "#findings",
                "opinion" or "sign" => $"#{done}",
                _ => "",
            };
            return LocalRedirect($"/verification/engagements/{Id}?done={done}{anchor}");
        }
        Form = new FormState(form, outcome);
        return await LoadAsync() ? Page() : NotFound();
    }

    async Task<bool> LoadAsync()
    {
        View = await PortalReads.GetAsync<EngagementView>(HttpContext, () => ListEngagements.Get(Id, HttpContext, log, subjects, time));
        if (View is null) return false;
        if (Visitor.Role == Roles.Verifier && await AgencyCommands.LoadVisibleAsync(HttpContext, log, E.AgencyId) is { } agency)
        {
            Me = agency.Data.VerifierByUsername(Visitor.Username);
            AgencyVerifiers = [.. agency.Data.Verifiers.Where(v => v.IsActive)];
        }
        Report = (await AnnualReport.LoadAsync(log, E.EnterpriseId, E.Year, ct: HttpContext.RequestAborted)).State;
        Evidence = [.. (await ActivityYear.LoadAsync(log, E.EnterpriseId, E.Year, ct: HttpContext.RequestAborted)).State.Evidence.OrderBy(e => e.Month)];
        return true;
    }

    static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
