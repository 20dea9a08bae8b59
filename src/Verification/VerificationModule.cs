using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Mrv.EventStore;
using Mrv.EventStore.Http;
using Mrv.Verification.Agencies;
using Mrv.Verification.Assignment;
using Mrv.Verification.Engagements;
using Mrv.Verification.SpotChecks;

namespace Mrv.Verification;

/// <summary>
/// Third-party verification (第三方核查): agencies, assignments, engagements, findings, opinions.
/// Knows nothing of the Registry; what it needs of an enterprise arrives on the command through
/// <see cref="Ports.IVerificationSubjects"/>, and the report follows an engagement through
/// <see cref="Ports.IEngagementOutcomes"/>, both implemented by the host.
/// </summary>
public static class VerificationModule
{
    public static void Register(EventStoreOptions store)
    {
        store.Events
            .Register<AgencyRegistered>("agency_registered.v1")
            .Register<AgencyScopeChanged>("agency_scope_changed.v1")
            .Register<VerifierRegistered>("verifier_registered.v1")
            .Register<VerifierLeft>("verifier_left.v1")
            .Register<ConsultancyDeclared>("agency_consultancy_declared.v1")
            .Register<GroupAffiliationDeclared>("agency_group_declared.v1")
            .Register<AgencySuspended>("agency_suspended.v1")
            .Register<AgencyBlacklisted>("agency_blacklisted.v1")
            .Register<AgencyReinstated>("agency_reinstated.v1")
            .Register<AgencyEvaluated>("agency_evaluated.v1")
            .Register<AgencyDrawn>("verification_agency_drawn.v1")
            .Register<AgencyAssignedDirectly>("verification_agency_assigned.v1")
            .Register<AssignmentDeclined>("verification_assignment_declined.v1")
            .Register<EngagementOpened>("engagement_opened.v1")
            .Register<EngagementAccepted>("engagement_accepted.v1")
            .Register<EngagementDeclined>("engagement_declined.v1")
            .Register<EngagementTeamPlanned>("engagement_team_planned.v1")
            .Register<EngagementDocumentsReviewed>("engagement_documents_reviewed.v1")
            .Register<EngagementSiteVisited>("engagement_site_visited.v1")
            .Register<FindingRaised>("finding_raised.v1")
            .Register<FindingAnswered>("finding_answered.v1")
            .Register<FindingClosed>("finding_closed.v1")
            .Register<FindingEscalated>("finding_escalated.v1")
            .Register<OpinionIssued>("engagement_opinion_issued.v1")
            .Register<EngagementSigned>("engagement_signed.v1")
            .Register<EngagementSignedOff>("engagement_signed_off.v1")
            .Register<EngagementSelectedForSpotCheck>("engagement_selected_for_spot_check.v1")
            .Register<SpotCheckDrawn>("spot_check_drawn.v1");
        store.Documents
            .Register<Agency>("verification_agencies")
            .Register<AgencyAssignment>("verification_assignments")
            .Register<AgencyWorkload>("verification_workloads")
            .Register<Engagement>("verification_engagements", filtered: true)
            .Register<SpotCheck>("verification_spot_checks");
        store.InlineProjections.Add(new FoldedProjection<Agency>(Agency.None, Agency.Evolve, [.. Agency.EventTypes]));
        store.InlineProjections.Add(new FoldedProjection<AgencyAssignment>(AgencyAssignment.None, AgencyAssignment.Evolve, [.. AgencyAssignment.EventTypes]));
        store.InlineProjections.Add(new AgencyWorkloadProjection());
        store.InlineProjections.Add(new FoldedProjection<Engagement>(Engagement.None, Engagement.Evolve, [.. Engagement.EventTypes]));
        store.InlineProjections.Add(new FoldedProjection<SpotCheck>(new SpotCheck(0, null), SpotCheck.Evolve, [.. SpotCheck.EventTypes]));
    }

    /// <summary>The module's request validators; the host registers the two ports.</summary>
    public static IServiceCollection AddMrvVerification(this IServiceCollection services) => services.AddValidatorsFrom<Agency>();

    public static IEndpointRouteBuilder MapVerificationEndpoints(this IEndpointRouteBuilder app)
    {
        var drcOrVerifier = new AuthorizeAttribute { Roles = Roles.Drc + "," + Roles.Verifier };
        var verification = app.MapGroup("/api/v1/verification").WithTags("Verification");

        var agencies = verification.MapGroup("/agencies");
        agencies.MapPost("/", RegisterAgency.Handle).RequireAuthorization(Policies.Drc)
            .WithSummary("Register a verification agency with its scope (industries) and yearly workload cap");
        agencies.MapGet("/", ListAgencies.List).RequireAuthorization(drcOrVerifier)
            .WithSummary("Agencies with their status today (drc: all; a verifier: their own)");
        agencies.MapGet("/{id:guid}", ListAgencies.Get).RequireAuthorization(drcOrVerifier)
            .WithSummary("An agency: scope, cap, verifiers, declared services and group, standing, evaluations");
        agencies.MapPost("/{id:guid}/scope", RegisterAgency.ChangeScope).RequireAuthorization(Policies.Drc)
            .WithSummary("Change the agency's scope and workload cap, with a reason");
        agencies.MapPost("/{id:guid}/verifiers", RegisterVerifier.Handle).RequireAuthorization(Policies.Drc)
            .WithSummary("Register a verifier (person) with qualifications, industries and the account they sign with");
        agencies.MapPost("/{id:guid}/verifiers/{verifierId:guid}/leave", RegisterVerifier.Leave).RequireAuthorization(Policies.Drc)
            .WithSummary("Record that a verifier left the agency");
        agencies.MapPost("/{id:guid}/consultancy", DeclareConsultancy.Handle).RequireAuthorization(drcOrVerifier)
            .WithSummary("Declare consulting or report preparation for an enterprise (a conflict of interest for five years)");
        agencies.MapPost("/{id:guid}/group", DeclareGroup.Handle).RequireAuthorization(drcOrVerifier)
            .WithSummary("Declare the agency's group and the group's enterprises (a conflict of interest)");
        agencies.MapPost("/{id:guid}/suspend", ChangeAgencyStatus.Suspend).RequireAuthorization(Policies.Drc)
            .WithSummary("Suspend the agency for a period, with a reason");
        agencies.MapPost("/{id:guid}/blacklist", ChangeAgencyStatus.Blacklist).RequireAuthorization(Policies.Drc)
            .WithSummary("Blacklist the agency (five years or lifetime) by a decision, with a reason; published");
        agencies.MapPost("/{id:guid}/reinstate", ChangeAgencyStatus.Reinstate).RequireAuthorization(Policies.Drc)
            .WithSummary("Lift a suspension or blacklisting, with a reason");
        agencies.MapPost("/{id:guid}/evaluations/{year:int}", EvaluateAgency.Handle).RequireAuthorization(Policies.Drc)
            .WithSummary("Record the year's evaluation: quality, timeliness, compliance");

        verification.MapGet("/eligibility", GetEligibility.Handle).RequireAuthorization(Policies.Drc)
            .WithSummary("Every agency, eligible or not for an enterprise-year (?enterprise=&year=), with every reason");
        var assignments = verification.MapGroup("/assignments");
        assignments.MapGet("/{enterpriseId:guid}/{year:int}", AssignAgency.Get).RequireAuthorization(Policies.Drc)
            .WithSummary("An enterprise-year's assignments: draws with seed and candidates, direct assignments with reasons, declines");
        assignments.MapPost("/{enterpriseId:guid}/{year:int}/draw", AssignAgency.Draw).RequireAuthorization(Policies.Drc)
            .WithSummary("Draw an agency among the eligible (seed and candidates recorded); also reassigns after a decline");
        assignments.MapPost("/{enterpriseId:guid}/{year:int}/direct", AssignAgency.Direct).RequireAuthorization(Policies.Drc)
            .WithSummary("Assign an eligible agency directly, with a reason");
        assignments.MapPost("/{year:int}/batch", AssignYear.Handle).RequireAuthorization(Policies.Drc)
            .WithSummary("Draw an agency for every submitted, unassigned report of the year; answers what it did per enterprise");

        var engagements = verification.MapGroup("/engagements");
        engagements.MapGet("/", ListEngagements.List).RequireAuthorization(Policies.AnyUser)
            .WithSummary("Engagements the caller may see (?year=&status=&agency=&enterprise=&overdue=), with deadline and overdue flag");
        engagements.MapGet("/{id:guid}", ListEngagements.Get).RequireAuthorization(Policies.AnyUser)
            .WithSummary("An engagement: team, fieldwork, findings with answers, opinion, signatures, deadline, report status");
        engagements.MapPost("/{id:guid}/accept", AcceptEngagement.Accept).RequireAuthorization(Policies.Verifier)
            .WithSummary("Accept, declaring no conflict of interest (signed by the caller's verifier); the report goes under verification");
        engagements.MapPost("/{id:guid}/decline", AcceptEngagement.Decline).RequireAuthorization(Policies.Verifier)
            .WithSummary("Decline with a reason; the DRC reassigns without this agency");
        engagements.MapPost("/{id:guid}/plan", PlanEngagement.Handle).RequireAuthorization(Policies.Verifier)
            .WithSummary("Plan the team: lead verifier, members, and an independent technical reviewer");
        engagements.MapPost("/{id:guid}/document-review", RecordFieldwork.ReviewDocuments).RequireAuthorization(Policies.Verifier)
            .WithSummary("Record the document review");
        engagements.MapPost("/{id:guid}/site-visit", RecordFieldwork.VisitSite).RequireAuthorization(Policies.Verifier)
            .WithSummary("Record the site visit and who attended");
        engagements.MapPost("/{id:guid}/findings", Findings.Raise).RequireAuthorization(Policies.Verifier)
            .WithSummary("Raise a finding on a source and month, with a proposed correction");
        engagements.MapPost("/{id:guid}/findings/{number:int}/answer", Findings.Answer).RequireAuthorization(Policies.Enterprise)
            .WithSummary("The enterprise answers a finding, saying whether it corrected its data");
        engagements.MapPost("/{id:guid}/findings/{number:int}/close", Findings.Close).RequireAuthorization(Policies.Verifier)
            .WithSummary("Close an answered finding");
        engagements.MapPost("/{id:guid}/findings/{number:int}/escalate", Findings.Escalate).RequireAuthorization(Policies.Verifier)
            .WithSummary("Escalate a finding to the DRC (it stays open)");
        engagements.MapPost("/{id:guid}/opinion", IssueOpinion.Handle).RequireAuthorization(Policies.Verifier)
            .WithSummary("Issue the opinion with verified figures per source, differences and the material-misstatement flag");
        engagements.MapPost("/{id:guid}/sign", SignOff.Handle).RequireAuthorization(Policies.Verifier)
            .WithSummary("Sign the opinion as lead verifier or technical reviewer; the second signature makes the report verified");

        var spotChecks = verification.MapGroup("/spot-checks");
        spotChecks.MapPost("/{year:int}", DrawSpotCheck.Handle).RequireAuthorization(Policies.Drc)
            .WithSummary("Draw a random sample of the year's signed engagements for review (seed recorded)");
        spotChecks.MapGet("/{year:int}", DrawSpotCheck.Get).RequireAuthorization(Policies.Drc)
            .WithSummary("The year's spot-check draw: seed, candidates, sample");

        app.MapGet("/api/v1/public/blacklist", PublicBlacklist.Handle).AllowAnonymous().WithTags("Public")
            .WithSummary("Agencies on the blacklist today: decision, reason, period (five years or lifetime)");
        return app;
    }
}
