using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Mrv.EventStore.Http;
using Npgsql;

namespace Mrv.Registry.Tests.Host;

/// <summary>
/// What a request meets while PostgreSQL is down, restarting or recovering — as seen in the kill -9
/// drill of tests/Faults.Tests — answers 503 with Retry-After; a database error of another kind stays a 500.
/// </summary>
public sealed class DatabaseUnavailableTests
{
    public static TheoryData<string> Unavailable =>
    [
        "57P01", // terminating connection due to unexpected postmaster exit (or an administrator's command)
        "57P02", // terminating connection because of crash of another server process
        "57P03", // the database system is starting up / in recovery / not yet accepting connections
        "08006", // connection failure
        "53300", // too many connections
        "refused", "broken", "pool",
    ];

    static Exception Failure(string kind) => kind switch
    {
        "refused" => new NpgsqlException("Failed to connect to 127.0.0.1:5432", new SocketException((int)SocketError.ConnectionRefused)),
        "broken" => new NpgsqlException("Exception while reading from stream", new EndOfStreamException()),
        "pool" => new NpgsqlException("The connection pool has been exhausted", new TimeoutException()),
        _ => new PostgresException("the server cannot serve", "FATAL", "FATAL", kind),
    };

    static async Task<HttpResponseMessage> AnswerToAsync(Exception failure)
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        builder.Services.AddProblemDetails();
        await using var app = builder.Build();
        app.UseMrvProblems();
        app.MapPost("/write", () => { throw failure; });
        await app.StartAsync();
        return await app.GetTestClient().PostAsync("/write", null);
    }

    [Theory]
    [MemberData(nameof(Unavailable))]
    public async Task a_database_that_cannot_serve_answers_503_with_retry_after(string kind)
    {
        var response = await AnswerToAsync(Failure(kind));

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.ServiceUnavailable);
        problem.GetProperty("type").GetString().ShouldBe("/problems/unavailable");
        response.Headers.RetryAfter.ShouldNotBeNull();
    }

    [Fact]
    public async Task a_database_error_of_another_kind_stays_a_500()
    {
        var response = await AnswerToAsync(new PostgresException("duplicate key", "ERROR", "ERROR", PostgresErrorCodes.UniqueViolation));

        await response.ShouldBeProblemAsync(HttpStatusCode.InternalServerError);
        response.Headers.RetryAfter.ShouldBeNull();
    }
}
