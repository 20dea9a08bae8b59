using System.Globalization;
using Mrv.EventStore;
using Mrv.EventStore.Http;
using Mrv.Registry.Calendar;

namespace Mrv.Registry.Factors;

/// <param name="DataYear">The data year asked for; the table then holds only the rows that apply to it.</param>
/// <param name="AppliesToDataYear">Whether this version is the one that applies to <paramref name="DataYear"/>.</param>
/// <param name="Unconfirmed">Paths of the values no source confirmed: shown as such, never computed with.</param>
public sealed record FactorTableView(
    int Version, int EffectiveFromDataYear, string? Note, string? PublishedBy, DateTimeOffset PublishedAt,
    int? DataYear, bool? AppliesToDataYear, IReadOnlyList<string> Unconfirmed, FactorTable Table);

/// <summary>GET /api/v1/factors?version=&amp;dataYear= and GET /api/v1/factors/versions (any signed-in user).</summary>
public static class GetFactors
{
    public static Task<Aggregate<FactorTableVersions>> LoadAsync(EventLog log, CancellationToken ct) =>
        log.AggregateAsync(FactorTableVersions.StreamId, FactorTableVersions.None, FactorTableVersions.Evolve, ct: ct);

    /// <param name="version">A version number; without it, the version that applies to <paramref name="dataYear"/>, or the latest.</param>
    /// <param name="dataYear">A data year: only what applies to it, and from which version.</param>
    public static async Task<IResult> Get(HttpContext http, EventLog log, string? version = null, string? dataYear = null)
    {
        int? versionNumber = null;
        if (!string.IsNullOrWhiteSpace(version))
        {
            if (!int.TryParse(version, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) || parsed < 1)
            {
                return Problems.Validation("version", "version_format", new LocalizedText("version 须为正整数。", "version must be a positive whole number."), http);
            }
            versionNumber = parsed;
        }
        if (!DataYear.TryParse(dataYear, out var year)) return DataYear.Invalid("dataYear", http);

        var aggregate = await LoadAsync(log, http.RequestAborted);
        var versions = aggregate.State;
        var chosen = versionNumber is { } number ? versions.Find(number)
            : year is { } forYear ? versions.ApplyingTo(forYear)
            : versions.Latest;
        if (chosen is null)
        {
            return versionNumber is null && year is { } y && versions.Versions.Count > 0
                ? Problems.Result(404, "not-found", ProblemText.NotFoundTitle, new LocalizedText(
                    $"没有适用于 {y} 数据年度的因子表版本（最早的版本自 {versions.Versions.Min(v => v.EffectiveFromDataYear)} 年起适用）。",
                    $"No factor table version applies to data year {y} (the earliest applies from {versions.Versions.Min(v => v.EffectiveFromDataYear)}).").ToString(), http)
                : Problems.NotFound(http);
        }

        var table = year is { } applying ? chosen.Table.ForDataYear(applying) : chosen.Table;
        http.Response.Headers.ETag = HttpCommands.ETagFor(aggregate.Version);
        return TypedResults.Ok(new FactorTableView(
            chosen.Version, chosen.EffectiveFromDataYear, chosen.Note, chosen.PublishedBy, chosen.PublishedAt,
            year, year is { } asked ? versions.ApplyingTo(asked)?.Version == chosen.Version : null,
            [.. table.Values().Where(v => v.Value.Unconfirmed).Select(v => v.Path)],
            table));
    }

    public static async Task<IResult> Versions(HttpContext http, EventLog log)
    {
        var aggregate = await LoadAsync(log, http.RequestAborted);
        http.Response.Headers.ETag = HttpCommands.ETagFor(aggregate.Version);
        return TypedResults.Ok(new { items = aggregate.State.Versions.Select(FactorTableVersionSummary.Of) });
    }
}
