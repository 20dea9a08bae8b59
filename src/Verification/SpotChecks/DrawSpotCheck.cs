using FluentValidation;
using Microsoft.AspNetCore.Http;
using Mrv.EventStore;
using Mrv.EventStore.Http;
using Mrv.Verification.Assignment;
using Mrv.Verification.Engagements;

namespace Mrv.Verification.SpotChecks;

public sealed record DrawSpotCheckRequest(int Count);

public sealed class DrawSpotCheckRequestValidator : AbstractValidator<DrawSpotCheckRequest>
{
    public DrawSpotCheckRequestValidator() => RuleFor(r => r.Count).InclusiveBetween(1, 1_000);
}

/// <summary>
/// POST /api/v1/verification/spot-checks/{year} (drc) — draws a random sample (双随机抽查) of the
/// year's signed engagements with a recorded seed, and marks each sampled engagement in the same
/// transaction; the DRC reviews them before determining (核定), overriding with a reason where the
/// review finds a different figure. GET …/spot-checks/{year} shows the draw.
/// </summary>
public static class DrawSpotCheck
{
    public static async Task<IResult> Handle(int year, DrawSpotCheckRequest request, HttpContext http, EventLog log, TimeProvider time)
    {
        var signed = await log.Documents.QueryAsync<Engagement>(
            new DocumentQuery { Contains = new { year, status = EngagementStatuses.Signed }, Limit = 10_000 }, http.RequestAborted);
        var now = time.GetUtcNow();
        var by = Caller.From(http.User)!.Username;
        var metadata = HttpCommands.MetadataOf(http);
        var command = new SpotCheck.Draw([.. signed.Items.Select(d => d.Data.Id)], request.Count, SeededDraw.NewSeed(), by);
        return await http.ExecuteAsync(SpotCheck.DeciderFor(year), SpotCheck.StreamId(year), request,
            state => SpotCheck.Decide(command, state, now),
            outcome => CommandResponse.Created($"/api/v1/verification/spot-checks/{year}", outcome.Head.Version, outcome.State),
            async (transaction, ct) =>
            {
                foreach (var drawn in transaction.AppendedOf<SpotCheckDrawn>())
                {
                    foreach (var engagementId in drawn.Sample)
                    {
                        await transaction.DecideAndAppendAsync(log, Engagement.Decider, Engagement.StreamId(engagementId),
                            state => Engagement.Decide(new Engagement.SelectForSpotCheck(drawn.Seed, by), state, now), metadata, ct);
                    }
                }
            });
    }

    public static async Task<IResult> Get(int year, HttpContext http, EventLog log)
    {
        var document = await log.Documents.LoadAsync<SpotCheck>(SpotCheck.StreamId(year), http.RequestAborted);
        if (document is null) return Problems.NotFound(http);
        http.Response.Headers.ETag = HttpCommands.ETagFor(document.Version);
        return TypedResults.Ok(document.Data);
    }
}
