using Mrv.EventStore;
using Mrv.EventStore.Http;

namespace Mrv.Registry.Documents;

/// <summary>Documents rendered from templates/ (HTML and PDF), issued documents and their authenticity check.</summary>
public static class DocumentsModule
{
    public static void Register(EventStoreOptions store)
    {
        store.Events.Register<DocumentIssued>("document_issued.v1");
        store.Documents.Register<IssuedDocument>("issued_documents");
        store.InlineProjections.Add(new IssuedDocumentProjection());
    }

    public static IServiceCollection AddMrvDocuments(this IServiceCollection services)
    {
        // Compiled when first needed, which start-up forces (see TemplatesAtStartup): a broken
        // template stops the host with its file and line.
        services.AddSingleton(provider =>
        {
            var environment = provider.GetRequiredService<IHostEnvironment>();
            var root = TemplateCatalog.FindRoot(provider.GetRequiredService<IConfiguration>()["Mrv:Templates:Path"],
                environment.ContentRootPath, AppContext.BaseDirectory);
            return TemplateCatalog.Load(root);
        });
        services.AddHostedService<TemplatesAtStartup>();
        services.AddSingleton<PdfPrinter>();
        services.AddSingleton<DocumentIssuer>();
        services.AddExceptionHandler<PdfUnavailableHandler>();
        return services;
    }

    public static IEndpointRouteBuilder MapDocumentEndpoints(this IEndpointRouteBuilder app)
    {
        var publicDocuments = app.MapGroup("/api/v1/public").WithTags("Documents").AllowAnonymous();
        publicDocuments.MapGet("/covered-list/{year:int}/document", CoveredListNotice.Render)
            .WithSummary("The year's covered-list notice, rendered now (format=html|pdf, lang=zh-CN|en)");
        publicDocuments.MapGet("/covered-list/{year:int}/documents", CoveredListNotice.ListIssued).WithSummary("Covered-list notices issued for a year");
        publicDocuments.MapGet("/covered-list/{year:int}/documents/{id:guid}", CoveredListNotice.DownloadIssued)
            .WithSummary("An issued covered-list notice, byte for byte");
        publicDocuments.MapPost("/documents/check", CheckDocument.Handle).DisableAntiforgery()
            .WithSummary("Is this file a document the registry issued? (multipart file or the raw bytes)");

        app.MapPost("/api/v1/covered-list/{year:int}/documents", CoveredListNotice.Issue).WithTags("Documents")
            .RequireAuthorization(Policies.Drc).WithSummary("Issue the year's covered-list notice (PDF)");
        return app;
    }
}

/// <summary>Loads and compiles every template before the host starts serving.</summary>
public sealed class TemplatesAtStartup(IServiceProvider services, ILogger<TemplatesAtStartup> logger) : IHostedLifecycleService
{
    public Task StartingAsync(CancellationToken cancellationToken)
    {
        var catalog = services.GetRequiredService<TemplateCatalog>();
        logger.LogInformation("Compiled {Count} document templates from {Root}", catalog.Documents.Count, catalog.Root);
        return Task.CompletedTask;
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
