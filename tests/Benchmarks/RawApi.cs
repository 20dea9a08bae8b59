using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Mrv.Benchmarks;

/// <summary>
/// The API benchmark's baseline: a bare minimal API in a process of its own, each request doing one
/// PostgreSQL statement on a pooled connection — a document read by key, or one row inserted. What
/// the registry adds on top (authentication, authorisation, validation, deciding, hashing, inline
/// projections, the audit) is what the ratio measures.
/// </summary>
public static class RawApi
{
    public const string Table = "bench_raw_api.rows";

    public static async Task<int> RunAsync(string[] args)
    {
        if (args is not [_, var connectionString, var url])
        {
            Console.Error.WriteLine("Usage: Mrv.Benchmarks raw-api CONNECTION_STRING URL");
            return 2;
        }
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls(url);
        await using var dataSource = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(connectionString)
        {
            MaxPoolSize = 64, MaxAutoPrepare = 16, AutoPrepareMinUsages = 2, NoResetOnClose = true,
        }.ConnectionString);
        var app = builder.Build();

        // One read by primary key of a document of the registry's own read models (an enterprise's report summary).
        app.MapGet("/raw/single-query/{id}", async (string id, CancellationToken ct) =>
        {
            await using var command = dataSource.CreateCommand("select data::text from readmodels.report_summaries where id = $1");
            command.Parameters.Add(new() { Value = id });
            var data = await command.ExecuteScalarAsync(ct) as string;
            return data is null ? Results.NotFound() : Results.Text(data, "application/json");
        });

        // One insert of the request's JSON body.
        app.MapPost("/raw/single-insert", async (HttpRequest request, CancellationToken ct) =>
        {
            using var reader = new StreamReader(request.Body);
            var body = await reader.ReadToEndAsync(ct);
            await using var command = dataSource.CreateCommand($"insert into {Table} (data) values ($1::jsonb) returning id");
            command.Parameters.Add(new() { Value = body });
            var id = (long)(await command.ExecuteScalarAsync(ct))!;
            return Results.Created($"/raw/rows/{id}", new { id });
        });

        app.MapGet("/raw/health", () => Results.Ok());
        await app.RunAsync();
        return 0;
    }
}
