using Mrv.EventStore;
using Mrv.EventStore.Http;
using Mrv.Registry.Enterprises;

namespace Mrv.Registry.Reporting;

/// <summary>The annual report (排放报告 / 能源利用状况报告): assembled from the year's data, checked, submitted, verified, determined.</summary>
public static class ReportingModule
{
    public static void Register(EventStoreOptions store)
    {
        store.Events
            .Register<ReportOpened>("report_opened.v1")
            .Register<ReportGapsExplained>("report_gaps_explained.v1")
            .Register<ReportSubmitted>("report_submitted.v1")
            .Register<ReportVerificationStarted>("report_verification_started.v1")
            .Register<ReportVerifiedFiguresRecorded>("report_verified_figures_recorded.v1")
            .Register<ReportDetermined>("report_determined.v1")
            .Register<ReportReopened>("report_reopened.v1");
        store.Documents.Register<ReportSummary>("report_summaries");
        store.AsyncProjections.Add(new ReportSummaryProjection());
    }

    public static IEndpointRouteBuilder MapReportingEndpoints(this IEndpointRouteBuilder app)
    {
        var readers = new Microsoft.AspNetCore.Authorization.AuthorizeAttribute { Roles = EnterpriseAccess.ReaderRoles };
        var writers = new Microsoft.AspNetCore.Authorization.AuthorizeAttribute { Roles = Monitoring.MonitoringModule.EnterpriseOrDrc };
        var reports = app.MapGroup("/api/v1/enterprises/{id:guid}/reports").WithTags("Annual reports");
        reports.MapGet("/{year:int}/document", EmissionReportDocument.Render).RequireAuthorization(readers)
            .WithSummary("The annual report as a document (format=html|pdf, lang=zh-CN|en, asOf=)");
        reports.MapGet("/{year:int}/determination-letter", DeterminationLetter.Render).RequireAuthorization(readers)
            .WithSummary("The determination notice (核定通知书) of a determined report (format=html|pdf, lang=zh-CN|en)");
        reports.MapPost("/{year:int}/determination-letter", DeterminationLetter.Issue).RequireAuthorization(Policies.Drc)
            .WithSummary("Issue the determination notice as a PDF (once per determination and language)");
        reports.MapGet("/{year:int}/documents", DeterminationLetter.ListIssued).RequireAuthorization(readers)
            .WithSummary("Determination notices issued for the report");
        reports.MapGet("/{year:int}/documents/{documentId:guid}", DeterminationLetter.DownloadIssued).RequireAuthorization(readers)
            .WithSummary("An issued determination notice, byte for byte");
        reports.MapGet("/{year:int}", GetReport.Handle).RequireAuthorization(readers)
            .WithSummary("The annual report with its calculation explained line by line and its checks; asOf= as the registry knew it then");
        reports.MapPost("/{year:int}/gaps", ExplainGaps.Handle).RequireAuthorization(writers)
            .WithSummary("Explain months without data");
        reports.MapPost("/{year:int}/submit", SubmitReport.Handle).RequireAuthorization(Policies.Enterprise)
            .WithSummary("Submit the report: its calculation is frozen in the event (refused while data-quality errors remain)");
        reports.MapPost("/{year:int}/verification", VerifyReport.Start).RequireAuthorization(Policies.Drc)
            .WithSummary("Start verification of a submitted report under an engagement");
        reports.MapPost("/{year:int}/verified-figures", VerifyReport.RecordFigures).RequireAuthorization(Policies.Drc)
            .WithSummary("Record the engagement's signed-off figures: the report becomes verified");
        reports.MapPost("/{year:int}/determine", DetermineReport.Handle).RequireAuthorization(Policies.Drc)
            .WithSummary("Determine (核定) the year's figures: accept the verified ones or override them with a reason");
        reports.MapPost("/{year:int}/reopen", ReopenReport.Handle).RequireAuthorization(Policies.Drc)
            .WithSummary("Reopen a submitted report with a reason (back to draft; the history is kept)");

        app.MapGet("/api/v1/reports", ListReports.Handle).RequireAuthorization(Policies.DrcOrLeague).WithTags("Annual reports")
            .WithSummary("A year's reports with their status (drc: all; league: its own league/city)");
        return app;
    }
}
