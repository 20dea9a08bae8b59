using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Localization;
using Mrv.EventStore;
using Mrv.EventStore.Http;
using Mrv.Registry.Accounting;
using Mrv.Registry.Activity;
using Mrv.Registry.Admin;
using Mrv.Registry.Allowances;
using Mrv.Registry.Audit;
using Mrv.Registry.Auth;
using Mrv.Registry.Calendar;
using Mrv.Registry.Documents;
using Mrv.Registry.Portal;
using Mrv.Registry.DualControl;
using Mrv.Registry.Enterprises;
using Mrv.Registry.Factors;
using Mrv.Registry.Health;
using Mrv.Registry.Monitoring;
using Mrv.Registry.Regions;
using Mrv.Registry.Security;
using Mrv.Registry.Reporting;
using Mrv.Registry.Verifying;
using Mrv.Verification;
using Npgsql;

namespace Mrv.Registry.Hosting;

/// <summary>Composes the registry host: modules, event store, auth, problems, localization, OpenAPI.</summary>
public static class RegistryApp
{
    public static readonly CultureInfo[] Cultures = [new("zh-CN"), new("en")];

    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddMrvRegistry(builder.Configuration);
        var app = builder.Build();
        app.UseMrvRegistry();
        return app;
    }

    public static EventStoreOptions StoreOptions()
    {
        var store = new EventStoreOptions();
        AuthModule.Register(store);
        AdminModule.Register(store);
        DocumentsModule.Register(store);
        DualControlModule.Register(store);
        EnterprisesModule.Register(store);
        FactorsModule.Register(store);
        CalendarModule.Register(store);
        MonitoringModule.Register(store);
        ActivityModule.Register(store);
        ReportingModule.Register(store);
        AllowancesModule.Register(store);
        VerificationModule.Register(store);
        return store;
    }

    public static IServiceCollection AddMrvRegistry(this IServiceCollection services, IConfiguration configuration)
    {
        ValidationFilter.ConfigureFluentValidation();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(provider => RegistryDatabase.From(provider.GetRequiredService<IConfiguration>()));
        services.AddSingleton(provider => NpgsqlDataSource.Create(provider.GetRequiredService<RegistryDatabase>().AppConnectionString));
        var store = StoreOptions();
        // One database per province: its events all carry the province's tenant (set before the first event, never changed).
        if (configuration["Mrv:Tenant"] is { Length: > 0 } tenant) store.Tenant = tenant;
        services.AddMrvEventStore(store);
        services.AddSingleton<Demo.DemoData>();
        services.AddHostedService<MigrateOnStartup>();
        if (configuration.GetValue("Mrv:Daemon:Enabled", true))
        {
            services.AddProjectionDaemon(new DaemonOptions { NodeName = RegistryDatabase.NodeName(configuration) });
        }
        if (!string.IsNullOrEmpty(configuration.GetConnectionString("Replica")))
        {
            services.AddSingleton(provider => new ReplicaReads(
                provider.GetRequiredService<NpgsqlDataSource>(),
                NpgsqlDataSource.Create(provider.GetRequiredService<RegistryDatabase>().ReplicaConnectionString!),
                TimeSpan.FromMilliseconds(configuration.GetValue("Mrv:Replica:MaxWaitMs", 500)),
                provider.GetRequiredService<ILogger<ReplicaReads>>()));
        }
        services.AddSingleton<RebuildJobs>();

        services.AddValidatorsFrom<RegistryMarker>();
        services.AddMrvAuth();
        services.AddHttpContextAccessor();
        services.AddMrvSecurity(configuration);
        services.AddMrvDocuments();
        services.AddMrvPortal();
        services.AddMrvFactors();
        services.AddMrvDualControl();
        services.AddMrvAllowances();
        services.AddMrvVerifying();
        services.AddProblemDetails();
        services.AddOpenApi();
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
        services.ConfigureHttpJsonOptions(options =>
        {
            options.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
            options.SerializerOptions.Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
            options.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower));
        });
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        return services;
    }

    public static WebApplication UseMrvRegistry(this WebApplication app)
    {
        app.UseSecurityHeaders();
        app.UseRequestLocalization(options =>
        {
            options.DefaultRequestCulture = new RequestCulture("zh-CN");
            options.SupportedCultures = Cultures;
            options.SupportedUICultures = Cultures;
            options.FallBackToParentCultures = true;
            options.FallBackToParentUICultures = true;
            options.RequestCultureProviders =
            [
                new QueryStringRequestCultureProvider { QueryStringKey = "lang", UIQueryStringKey = "lang" },
                new CookieRequestCultureProvider(),
                new AcceptLanguageHeaderRequestCultureProvider(),
            ];
        });
        app.UseMrvProblems();
        app.UseJsonBodyLimit();
        app.UseStaticFiles();
        app.UseMrvReplicaReads();
        app.UseAuthentication();
        app.UseAccessAudit();
        app.UseRateLimiter();
        app.UseAuthorization();

        app.MapOpenApi().AllowAnonymous();
        app.MapHealthChecks("/health", new HealthCheckOptions { ResponseWriter = WriteHealth }).AllowAnonymous();

        var api = app.MapGroup("").AddEndpointFilter<ValidationFilter>();
        api.MapAuthEndpoints();
        api.MapAdminEndpoints();
        api.MapAuditEndpoints();
        api.MapSecurityEndpoints();
        api.MapDocumentEndpoints();
        app.MapPortal();
        api.MapDualControlEndpoints();
        api.MapRegionsEndpoints();
        api.MapEnterprisesEndpoints();
        api.MapFactorsEndpoints();
        api.MapCalendarEndpoints();
        api.MapAccountingEndpoints();
        api.MapMonitoringEndpoints();
        api.MapActivityEndpoints();
        api.MapReportingEndpoints();
        api.MapAllowancesEndpoints();
        api.MapVerificationEndpoints();
        api.MapVerifyingEndpoints();
        return app;
    }

    static Task WriteHealth(HttpContext http, Microsoft.Extensions.Diagnostics.HealthChecks.HealthReport report)
    {
        http.Response.ContentType = "application/json";
        return http.Response.WriteAsync(JsonSerializer.Serialize(new
        {
            status = report.Status.ToString().ToLowerInvariant(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString().ToLowerInvariant(), e.Value.Description }),
        }));
    }
}

/// <summary>Marks this assembly for assembly scanning.</summary>
public sealed class RegistryMarker;
