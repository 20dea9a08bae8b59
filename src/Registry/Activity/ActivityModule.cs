using Mrv.EventStore;
using Mrv.Registry.Enterprises;
using Mrv.Registry.Monitoring;

namespace Mrv.Registry.Activity;

/// <summary>Monthly data (月度信息化存证): activity per source and month against the approved plan, with evidence files.</summary>
public static class ActivityModule
{
    public static void Register(EventStoreOptions store)
    {
        store.Events
            .Register<MonthlyDataRecorded>("monthly_data_recorded.v1")
            .Register<EvidenceAttached>("evidence_attached.v1");
    }

    public static IEndpointRouteBuilder MapActivityEndpoints(this IEndpointRouteBuilder app)
    {
        var readers = new Microsoft.AspNetCore.Authorization.AuthorizeAttribute { Roles = EnterpriseAccess.ReaderRoles };
        var writers = new Microsoft.AspNetCore.Authorization.AuthorizeAttribute { Roles = MonitoringModule.EnterpriseOrDrc };
        var activity = app.MapGroup("/api/v1/enterprises/{id:guid}/activity").WithTags("Monthly data");
        activity.MapGet("/{year:int}", GetActivity.Year).RequireAuthorization(readers)
            .WithSummary("A year's monthly data: every recorded month with its history, and the evidence files");
        activity.MapGet("/{year:int}/{month:int}", GetActivity.Month).RequireAuthorization(readers)
            .WithSummary("One month's data, history and evidence");
        activity.MapPut("/{year:int}/{month:int}", RecordMonthlyData.Handle).RequireAuthorization(writers)
            .WithSummary("Record a month's data against the approved plan (the DRC on the enterprise's behalf with a reason); late entries are flagged");
        // No Accepts metadata: routing would answer another content type with a bare 415; the handlers answer problems.
        activity.MapPost("/{year:int}/import", ImportMonthlyData.Handle).RequireAuthorization(writers)
            .WithSummary("Record a year's monthly data from a text/csv body (UTF-8 or GB18030): every row valid, or nothing recorded");
        activity.MapGet("/{year:int}/import/template", MonthlyDataTemplate.Handle).RequireAuthorization(readers)
            .WithSummary("The CSV the import reads: its header and a January row per source and product of the approved plan, to fill in");
        activity.MapPost("/{year:int}/{month:int}/evidence", AttachEvidence.Handle).RequireAuthorization(writers)
            .WithSummary("Attach an evidence file (the body: PDF, JPEG, PNG, XLSX or CSV, at most 20 MB) to a month");
        activity.MapGet("/{year:int}/{month:int}/evidence/{evidenceId:guid}", GetActivity.Evidence).RequireAuthorization(readers)
            .WithSummary("Download an evidence file");
        return app;
    }
}
