using Mrv.EventStore;
using Mrv.EventStore.Http;

namespace Mrv.Registry.Admin;

/// <summary>Rebuilds started from the API run in the background on this node; their state shows in the projection list.</summary>
public sealed class RebuildJobs(ProjectionAdmin admin, IHostApplicationLifetime lifetime, ILogger<RebuildJobs> logger)
{
    public void Start(string projection) => _ = Task.Run(async () =>
    {
        try
        {
            var result = await admin.RebuildAsync(projection, ct: lifetime.ApplicationStopping);
            logger.LogInformation("Rebuilt {Projection}: {Events} events up to {Seq} in {Took}", projection, result.Events, result.UpToSeqId, result.Took);
        }
        catch (Exception e)
        {
            logger.LogError(e, "Rebuilding {Projection} failed; the previous documents stay in place", projection);
        }
    });
}

/// <summary>GET /api/v1/admin/projections and friends (drc): status, rebuilds, dead letters.</summary>
public static class Projections
{
    static readonly LocalizedText RebuildRunning = new("该投影正在重建，请等待完成。", "This projection is already being rebuilt; wait for it to finish.");

    public static async Task<IResult> List(ProjectionAdmin admin, HttpContext http) =>
        TypedResults.Ok(await admin.StatusAsync(http.RequestAborted));

    public static async Task<IResult> Rebuild(string name, ProjectionAdmin admin, EventStoreOptions store, RebuildJobs jobs, HttpContext http)
    {
        if (store.AsyncProjections.All(p => p.Name != name)) return Problems.NotFound(http);
        var status = (await admin.StatusAsync(http.RequestAborted)).Single(s => s.Name == name);
        if (status.State == ProjectionAdmin.Rebuilding) throw new DomainRuleViolation("projection.rebuild_in_progress", RebuildRunning);
        jobs.Start(name);
        return TypedResults.Accepted("/api/v1/admin/projections", status with { State = ProjectionAdmin.Rebuilding });
    }

    public static async Task<IResult> DeadLetters(ProjectionAdmin admin, HttpContext http, string? projection = null, string? status = null) =>
        TypedResults.Ok(await admin.DeadLettersAsync(projection, status, http.RequestAborted));

    public static async Task<IResult> Retry(long id, ProjectionAdmin admin, HttpContext http) =>
        await admin.RetryAsync(id, Caller.From(http.User)!.Username, http.RequestAborted) is { } letter
            ? TypedResults.Ok(letter)
            : Problems.NotFound(http);

    public static async Task<IResult> Skip(long id, ProjectionAdmin admin, HttpContext http) =>
        await admin.SkipAsync(id, Caller.From(http.User)!.Username, http.RequestAborted) is { } letter
            ? TypedResults.Ok(letter)
            : Problems.NotFound(http);
}
