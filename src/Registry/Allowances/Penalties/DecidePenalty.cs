using FluentValidation;
using Mrv.EventStore;
using Mrv.EventStore.Http;
using Mrv.Registry.Allowances.Accounts;
using Mrv.Registry.Calendar;

namespace Mrv.Registry.Allowances.Penalties;

/// <param name="AveragePriceYuan">The average transaction price (CNY per allowance) of the month before the deadline.</param>
/// <param name="Source">Where the price comes from (the exchange's monthly bulletin, with its date).</param>
public sealed record RecordMarketPriceRequest(decimal AveragePriceYuan, string Source);

public sealed class RecordMarketPriceRequestValidator : AbstractValidator<RecordMarketPriceRequest>
{
    public RecordMarketPriceRequestValidator()
    {
        RuleFor(r => r.AveragePriceYuan).GreaterThan(0).LessThanOrEqualTo(100_000);
        RuleFor(r => r.Source).NotEmpty().MaximumLength(500);
    }
}

public sealed record DecideFineRequest(decimal FineYuan, string? Reason);

public sealed class DecideFineRequestValidator : AbstractValidator<DecideFineRequest>
{
    public DecideFineRequestValidator()
    {
        RuleFor(r => r.FineYuan).GreaterThan(0);
        RuleFor(r => r.Reason).MaximumLength(2000);
    }
}

/// <summary>
/// GET /api/v1/penalty-cases?year= (drc; league its own) and GET /api/v1/penalty-cases/{enterpriseId}/{year}
/// (also the enterprise itself); POST …/market-price and …/fine (drc) — the price of the month
/// before the deadline, then the fine within 5–10 × price × tonnes missing.
/// </summary>
public static class DecidePenalty
{
    public static async Task<IResult> Get(Guid enterpriseId, int year, HttpContext http, EventLog log)
    {
        var found = await VisibleAsync(http, log, enterpriseId, year);
        if (found is null) return Problems.NotFound(http);
        http.Response.Headers.ETag = HttpCommands.ETagFor(found.Version);
        return TypedResults.Ok(found.State);
    }

    public static async Task<IResult> List(HttpContext http, EventLog log, string? year = null)
    {
        if (!DataYear.TryParse(year, out var dataYear) || dataYear is null) return DataYear.Invalid("year", http);
        var caller = Caller.From(http.User)!;
        var filter = new Dictionary<string, object> { ["year"] = dataYear };
        if (caller.Role == Roles.League) filter["leagueCode"] = caller.LeagueCode!;
        var page = await log.Documents.QueryAsync<PenaltyCase>(new DocumentQuery { Contains = filter, OrderBy = "enterpriseName", Limit = 10_000 }, http.RequestAborted);
        return TypedResults.Ok(new { year = dataYear, total = page.Total, items = page.Items.Select(d => d.Data) });
    }

    public static async Task<IResult> RecordPrice(Guid enterpriseId, int year, RecordMarketPriceRequest request, HttpContext http, EventLog log, TimeProvider time)
    {
        if (await VisibleAsync(http, log, enterpriseId, year) is null) return Problems.NotFound(http);
        var command = new PenaltyCase.RecordPrice(request.AveragePriceYuan, request.Source, Caller.From(http.User)!.Username);
        var now = time.GetUtcNow();
        return await http.ExecuteAsync(PenaltyCase.Decider, PenaltyCase.StreamId(enterpriseId, year), request,
            state => PenaltyCase.Decide(command, state, now), outcome => CommandResponse.Ok(outcome.Head.Version, outcome.State));
    }

    public static async Task<IResult> DecideFine(Guid enterpriseId, int year, DecideFineRequest request, HttpContext http, EventLog log, TimeProvider time)
    {
        if (await VisibleAsync(http, log, enterpriseId, year) is null) return Problems.NotFound(http);
        var command = new PenaltyCase.DecideFine(request.FineYuan, string.IsNullOrWhiteSpace(request.Reason) ? null : request.Reason, Caller.From(http.User)!.Username);
        var now = time.GetUtcNow();
        return await http.ExecuteAsync(PenaltyCase.Decider, PenaltyCase.StreamId(enterpriseId, year), request,
            state => PenaltyCase.Decide(command, state, now), outcome => CommandResponse.Ok(outcome.Head.Version, outcome.State));
    }

    static async Task<Aggregate<PenaltyCase>?> VisibleAsync(HttpContext http, EventLog log, Guid enterpriseId, int year)
    {
        if (!DataYear.IsValid(year)) return null;
        var found = await log.AggregateAsync(PenaltyCase.StreamId(enterpriseId, year), PenaltyCase.None, PenaltyCase.Evolve, ct: http.RequestAborted);
        var caller = Caller.From(http.User)!;
        return found.State.Exists && caller.CanSee(enterpriseId, found.State.LeagueCode) ? found : null;
    }
}
