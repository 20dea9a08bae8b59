using System.Globalization;
using Mrv.EventStore;
using Mrv.EventStore.Http;
using Mrv.Registry.Calendar;
using Mrv.Registry.Documents;
using Mrv.Registry.DualControl.Targets;

namespace Mrv.Registry.DualControl.Assessment;

public sealed record BulletinCell(string Indicator, string Achieved, string Expected, string Status, string StatusLabel);
public sealed record BulletinRow(string Code, string Name, string Level, string LevelLabel, IReadOnlyList<BulletinCell> Cells, bool Restricted);
public sealed record BulletinHeading(string Indicator, string Name, string Unit);
public sealed record BulletinLevel(string Code, string Name, string Meaning, int Leagues);
public sealed record BulletinRestriction(string Name, string Scope, DateTimeOffset Since, string Reason);

/// <summary>
/// 节能降碳目标完成情况及预警 — the document model of the yearly regional bulletin: a colour-coded
/// table of every league/city's indicators and level, the levels counted, the restrictions in force,
/// and charts of each league's reductions against the pro-rata path.
/// </summary>
public sealed record BulletinDocument(
    int Year, string Period, DateTimeOffset? AssessedUpTo, IReadOnlyList<BulletinHeading> Headings, IReadOnlyList<BulletinRow> Rows,
    IReadOnlyList<BulletinLevel> Levels, IReadOnlyList<BulletinRestriction> Restrictions, ChartModel EnergyChart, ChartModel CarbonChart,
    Letterhead Letterhead, Footer Footer)
{
    public const string Document = "regional-bulletin";

    /// <summary>The indicators every league is assessed on, in the table's order (the region-only total is left out).</summary>
    static readonly string[] Columns = [Indicators.EnergyIntensity, Indicators.EnergyIncrement, Indicators.EnergyGrowth, Indicators.CarbonIntensity];

    public static BulletinDocument Build(RegionalBulletin bulletin, string culture, DateTimeOffset generatedAt)
    {
        var zh = culture == "zh-CN";
        string Of(LegendEntry entry) => zh ? entry.NameZh : entry.NameEn;
        string LevelName(string code) => bulletin.Levels.FirstOrDefault(l => l.Code == code) is { } l ? Of(l) : code;
        string StatusName(string code) => bulletin.Statuses.FirstOrDefault(s => s.Code == code) is { } s ? Of(s) : code;
        string Format(decimal value) => value.ToString("N2", CultureInfo.InvariantCulture);

        var headings = Columns.Select(c => bulletin.Indicators.First(i => i.Code == c))
            .Select(i => new BulletinHeading(i.Code, Of(i), zh ? i.DescriptionZh : i.DescriptionEn)).ToList();
        var rows = bulletin.Leagues.Select(league => new BulletinRow(league.Code, zh ? league.NameZh : league.NameEn, league.Level, LevelName(league.Level),
            Columns.Select(column => league.Indicators.FirstOrDefault(i => i.Indicator == column) is { } progress
                ? new BulletinCell(column, Format(progress.Achieved), Format(progress.Expected), progress.Status, StatusName(progress.Status))
                : new BulletinCell(column, "—", "—", "", "")).ToList(),
            league.RestrictionInForce)).ToList();

        ChartModel Chart(string indicator, string titleZh, string titleEn) => new(
            zh ? $"{bulletin.Year}年{titleZh}：实际与进度目标" : $"{titleEn} in {bulletin.Year}: achieved and the path",
            zh ? "比基年下降（%）" : "% below the base year",
            bulletin.Leagues.Select(l => zh ? l.NameZh : l.Code).ToList(),
            [
                new ChartSeries(zh ? "实际" : "Achieved", bulletin.Leagues.Select(l => l.Indicators.FirstOrDefault(i => i.Indicator == indicator)?.Achieved).ToList()),
                new ChartSeries(zh ? "进度目标" : "Path", bulletin.Leagues.Select(l => l.Indicators.FirstOrDefault(i => i.Indicator == indicator)?.Expected).ToList()),
            ]);

        return new BulletinDocument(
            bulletin.Year, zh ? bulletin.Period.NameZh : bulletin.Period.NameEn, bulletin.AssessedUpTo, headings, rows,
            bulletin.Levels.Select(l => new BulletinLevel(l.Code, Of(l), zh ? l.DescriptionZh : l.DescriptionEn,
                bulletin.Counts.FirstOrDefault(c => c.Level == l.Code)?.Leagues ?? 0)).ToList(),
            bulletin.RestrictionsInForce.Select(r => new BulletinRestriction(zh ? r.NameZh : r.NameEn, zh ? r.ScopeZh : r.ScopeEn, r.Since, r.Reason)).ToList(),
            Chart(Indicators.EnergyIntensity, "单位GDP能耗降低", "Energy intensity reduction"),
            Chart(Indicators.CarbonIntensity, "单位GDP二氧化碳排放降低", "Carbon intensity reduction"),
            new Letterhead(DocumentParts.Drc.For(new CultureInfo(culture)), null),
            DocumentParts.Footer(culture, generatedAt));
    }

    /// <summary>GET /api/v1/public/bulletin/{year}/document?format=html|pdf&amp;lang=&amp;period= (anyone).</summary>
    public static async Task<IResult> Render(int year, HttpContext http, EventLog log, TemplateCatalog templates, PdfPrinter printer, TimeProvider time,
        string? format = null, string? period = null)
    {
        if (!DataYear.IsValid(year)) return DataYear.Invalid("year", http);
        if (!DocumentResponses.TryFormat(format, out var wanted)) return DocumentResponses.BadFormat(http);
        var periods = await GetTargets.AllAsync(log, http.RequestAborted);
        var chosen = period is null ? periods.LastOrDefault(p => p.Years.Covers(year)) : periods.FirstOrDefault(p => p.Code == period && p.Years.Covers(year));
        if (chosen is null) return Problems.NotFound(http);
        var culture = DocumentResponses.CultureOf(http);
        var bulletin = await PublicBulletin.BuildAsync(log, chosen, year, http.RequestAborted);
        var rendered = templates.Render(Document, culture, Build(bulletin, culture, time.GetUtcNow()));
        return await DocumentResponses.RenderAsync(http, rendered, wanted, $"bulletin-{year}", printer);
    }
}
