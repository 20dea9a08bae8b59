using System.Collections.Immutable;
using FluentValidation;
using Mrv.EventStore;
using Mrv.EventStore.Http;
using Mrv.Registry.Accounting;
using Mrv.Registry.Calendar;
using Mrv.Registry.Enterprises;

namespace Mrv.Registry.Allowances.Allocation;

/// <summary>The DRC set (or corrected) a product's intensity benchmark (碳排放强度基准值) for an allocation year.</summary>
public sealed record IntensityBenchmarkSet(int Year, string Product, decimal Tco2PerTonne, string Source, string? SetBy, DateTimeOffset SetAt);

public sealed record IntensityBenchmark(string Product, decimal Tco2PerTonne, string Source, string? SetBy, DateTimeOffset SetAt);

/// <summary>
/// The intensity benchmarks of an allocation year for sectors other than power, folded from
/// <c>intensity-benchmarks-{year}</c>. They are entered by the DRC with their source; the registry
/// has no such figures of its own and invents none.
/// </summary>
public sealed record IntensityBenchmarks(int Year, ImmutableList<IntensityBenchmark> Benchmarks)
{
    public static string StreamId(int year) => $"intensity-benchmarks-{year}";

    public IntensityBenchmark? Of(string product) => Benchmarks.Find(b => b.Product == product);

    public static IntensityBenchmarks Evolve(IntensityBenchmarks state, object @event) => @event switch
    {
        IntensityBenchmarkSet s => new(s.Year, state.Benchmarks.RemoveAll(b => b.Product == s.Product)
            .Add(new IntensityBenchmark(s.Product, s.Tco2PerTonne, s.Source, s.SetBy, s.SetAt)).Sort((a, b) => string.CompareOrdinal(a.Product, b.Product))),
        _ => state,
    };

    public static Decider<IntensityBenchmarks> DeciderFor(int year) => new("intensity_benchmarks", new IntensityBenchmarks(year, []), Evolve);

    public sealed record Set(string Product, decimal Tco2PerTonne, string Source, string? By);

    public static IReadOnlyList<object> Decide(Set c, IntensityBenchmarks state, DateTimeOffset now) =>
        state.Of(c.Product) is { } current && current.Tco2PerTonne == c.Tco2PerTonne && current.Source == c.Source
            ? []
            : [new IntensityBenchmarkSet(state.Year, c.Product, c.Tco2PerTonne, c.Source, c.By, now)];

    public static async Task<IntensityBenchmarks> LoadAsync(EventLog log, int year, CancellationToken ct)
    {
        var decider = DeciderFor(year);
        return (await log.AggregateAsync(StreamId(year), decider.Initial, decider.Evolve, ct: ct)).State;
    }
}

/// <param name="Source">Where the figure comes from (the sector's allocation plan, with its document number).</param>
public sealed record SetIntensityBenchmarkRequest(decimal Tco2PerTonne, string Source);

public sealed class SetIntensityBenchmarkRequestValidator : AbstractValidator<SetIntensityBenchmarkRequest>
{
    public SetIntensityBenchmarkRequestValidator()
    {
        RuleFor(r => r.Tco2PerTonne).GreaterThan(0).LessThanOrEqualTo(100);
        RuleFor(r => r.Source).NotEmpty().MaximumLength(500);
    }
}

/// <summary>PUT /api/v1/allowances/benchmarks/{year}/{product} (drc) and GET /api/v1/allowances/benchmarks/{year} (drc, league).</summary>
public static class SetIntensityBenchmark
{
    public static Task<IResult> Handle(int year, string product, SetIntensityBenchmarkRequest request, HttpContext http, TimeProvider time)
    {
        if (!DataYear.IsValid(year)) return Task.FromResult(DataYear.Invalid("year", http));
        if (!Products.IsMaterial(product) || !Products.All.Contains(product))
        {
            return Task.FromResult(Problems.Validation(
                [new FieldViolation("product", "product_unknown", CodeMessages.OneOf("product", [.. Products.All.Where(Products.IsMaterial)]))], http));
        }
        var command = new IntensityBenchmarks.Set(product, request.Tco2PerTonne, request.Source, Caller.From(http.User)!.Username);
        var now = time.GetUtcNow();
        return http.ExecuteAsync(IntensityBenchmarks.DeciderFor(year), IntensityBenchmarks.StreamId(year), request,
            state => IntensityBenchmarks.Decide(command, state, now), outcome => CommandResponse.Ok(outcome.Head.Version, outcome.State));
    }

    public static async Task<IResult> Get(int year, HttpContext http, EventLog log)
    {
        if (!DataYear.IsValid(year)) return DataYear.Invalid("year", http);
        return TypedResults.Ok(await IntensityBenchmarks.LoadAsync(log, year, http.RequestAborted));
    }
}
