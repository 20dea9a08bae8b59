using Mrv.EventStore;
using Mrv.EventStore.Http;
using Mrv.Registry.Enterprises;

namespace Mrv.Registry.Monitoring;

/// <summary>Monitoring plans (数据质量控制方案): drafted by the enterprise, approved or returned by the DRC or league/city, versioned.</summary>
public static class MonitoringModule
{
    /// <summary>An enterprise keeps its own data; the DRC may act on its behalf.</summary>
    public const string EnterpriseOrDrc = Roles.Enterprise + "," + Roles.Drc;

    public static void Register(EventStoreOptions store)
    {
        store.Events
            .Register<MonitoringPlanDrafted>("monitoring_plan_drafted.v1")
            .Register<MonitoringPlanSubmitted>("monitoring_plan_submitted.v1")
            .Register<MonitoringPlanApproved>("monitoring_plan_approved.v1")
            .Register<MonitoringPlanReturned>("monitoring_plan_returned.v1");
    }

    public static IEndpointRouteBuilder MapMonitoringEndpoints(this IEndpointRouteBuilder app)
    {
        var readers = new Microsoft.AspNetCore.Authorization.AuthorizeAttribute { Roles = EnterpriseAccess.ReaderRoles };
        var writers = new Microsoft.AspNetCore.Authorization.AuthorizeAttribute { Roles = EnterpriseOrDrc };
        var plans = app.MapGroup("/api/v1/enterprises/{id:guid}/monitoring-plans").WithTags("Monitoring plans");
        plans.MapGet("/{year:int}", GetMonitoringPlan.Handle).RequireAuthorization(readers)
            .WithSummary("A year's monitoring plan: every version, the latest, and the one in force");
        plans.MapPut("/{year:int}", SaveMonitoringPlan.Handle).RequireAuthorization(writers)
            .WithSummary("Save the plan's draft (a revision after a decision opens a new version)");
        plans.MapPost("/{year:int}/submit", ReviewMonitoringPlan.Submit).RequireAuthorization(writers)
            .WithSummary("Submit the draft for approval");
        plans.MapPost("/{year:int}/approve", ReviewMonitoringPlan.Approve).RequireAuthorization(Policies.DrcOrLeague)
            .WithSummary("Approve the submitted version: it is in force from now on");
        plans.MapPost("/{year:int}/return", ReviewMonitoringPlan.Return).RequireAuthorization(Policies.DrcOrLeague)
            .WithSummary("Return the submitted version with reasons");
        return app;
    }
}
