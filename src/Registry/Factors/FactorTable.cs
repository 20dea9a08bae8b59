using System.Globalization;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace Mrv.Registry.Factors;

/// <summary>
/// One factor: a number, or the explicit mark that no source confirmed it yet. An unconfirmed value
/// has no number, so nothing can compute with it by accident; it is shown as unconfirmed wherever used.
/// </summary>
public sealed record FactorValue(
    decimal? Value,
    bool Unconfirmed = false,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Note = null)
{
    public static FactorValue Of(decimal value) => new(value);
}

public sealed record FactorTableMeta(string CompiledNote, string EmissionFormula, string UnitsNote);

/// <summary>A fuel's default factors (GB/T 32151 series) and standard-coal coefficient (GB/T 2589), per <see cref="Unit"/>.</summary>
public sealed record Fuel(
    string Code, string NameZh, string NameEn, string Unit,
    FactorValue NcvGjPerUnit, FactorValue CarbonContentTcPerGj, FactorValue OxidationRate, FactorValue KgcePerUnit, string Source);

public sealed record EnergyConversion(
    FactorValue ElectricityEquivalentKgcePerKwh, FactorValue ElectricityEqualValueKgcePerKwh, FactorValue HeatKgcePerMj, string Source);

/// <summary>A grid emission factor for a data year or range ("2019-2020", "2021", "2022+"), series and region.</summary>
public sealed record GridFactor(string DataYear, string Series, string Region, FactorValue Tco2PerMwh, string Source);

public sealed record HeatFactor(FactorValue Tco2PerGj, string Source);

/// <summary>A power-sector allocation benchmark (基准值); only some rows of the reference file carry a Chinese name.</summary>
public sealed record AllocationBenchmark(
    string Period, string Category, FactorValue ElectricityTco2PerMwh, FactorValue HeatTco2PerGj, string Basis, string Source,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? NameZh = null);

public sealed record LoadCorrection(string Period, string LoadFactorRange, string Factor);

public sealed record CcerLimit(FactorValue Share, string Basis, string Source);

public sealed record Allocation(
    IReadOnlyDictionary<string, string> Formula, IReadOnlyList<AllocationBenchmark> Benchmarks,
    IReadOnlyList<LoadCorrection> LoadCorrection, CcerLimit CcerLimit);

public sealed record ProcessFactor(string Process, string NameZh, FactorValue Tco2PerT, string Source);

/// <summary>
/// A factor table (排放因子表): the default factors emission accounting and energy conversion use.
/// Version 1 is <c>Factors/SeedData/emission-factors.json</c>, a copy of the shared reference file;
/// the DRC publishes later versions in the same format.
/// </summary>
public sealed record FactorTable(
    FactorTableMeta Meta, IReadOnlyList<Fuel> Fuels, EnergyConversion EnergyConversion, IReadOnlyList<GridFactor> GridFactors,
    HeatFactor HeatFactor, Allocation Allocation, IReadOnlyList<ProcessFactor> ProcessFactors)
{
    public const string SeedResource = "Mrv.Registry.Factors.SeedData.emission-factors.json";

    /// <summary>
    /// The format of the reference file: snake_case names, a factor as a number or the string
    /// "unconfirmed" (optionally followed by a note in brackets). Strict: an unknown or missing
    /// field is an error, so a published table cannot silently lose a value.
    /// </summary>
    public static readonly JsonSerializerOptions FileFormat = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new FileFormatValueConverter() },
    };

    public static FactorTable Parse(string json) =>
        JsonSerializer.Deserialize<FactorTable>(json, FileFormat) ?? throw new JsonException("The factor table is null.");

    public static FactorTable Parse(JsonElement json) =>
        json.Deserialize<FactorTable>(FileFormat) ?? throw new JsonException("The factor table is null.");

    public string ToFileFormat() => JsonSerializer.Serialize(this, FileFormat);

    public static string SeedJson()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(SeedResource)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>Every factor of the table with its path in the file format (<c>fuels[raw_coal].oxidation_rate</c>).</summary>
    public IEnumerable<(string Path, FactorValue Value)> Values()
    {
        foreach (var f in Fuels)
        {
            yield return ($"fuels[{f.Code}].ncv_gj_per_unit", f.NcvGjPerUnit);
            yield return ($"fuels[{f.Code}].carbon_content_tc_per_gj", f.CarbonContentTcPerGj);
            yield return ($"fuels[{f.Code}].oxidation_rate", f.OxidationRate);
            yield return ($"fuels[{f.Code}].kgce_per_unit", f.KgcePerUnit);
        }
        yield return ("energy_conversion.electricity_equivalent_kgce_per_kwh", EnergyConversion.ElectricityEquivalentKgcePerKwh);
        yield return ("energy_conversion.electricity_equal_value_kgce_per_kwh", EnergyConversion.ElectricityEqualValueKgcePerKwh);
        yield return ("energy_conversion.heat_kgce_per_mj", EnergyConversion.HeatKgcePerMj);
        foreach (var g in GridFactors) yield return ($"grid_factors[{g.DataYear}/{g.Series}/{g.Region}].tco2_per_mwh", g.Tco2PerMwh);
        yield return ("heat_factor.tco2_per_gj", HeatFactor.Tco2PerGj);
        foreach (var b in Allocation.Benchmarks)
        {
            yield return ($"allocation.benchmarks[{b.Period}/{b.Category}].electricity_tco2_per_mwh", b.ElectricityTco2PerMwh);
            yield return ($"allocation.benchmarks[{b.Period}/{b.Category}].heat_tco2_per_gj", b.HeatTco2PerGj);
        }
        yield return ("allocation.ccer_limit.share", Allocation.CcerLimit.Share);
        foreach (var p in ProcessFactors) yield return ($"process_factors[{p.Process}].tco2_per_t", p.Tco2PerT);
    }

    /// <summary>What applies to one data year: rows whose year or period covers it, and everything that has no year.</summary>
    public FactorTable ForDataYear(int year) => this with
    {
        GridFactors = [.. GridFactors.Where(g => YearRange.Parse(g.DataYear).Contains(year))],
        Allocation = Allocation with
        {
            Formula = Allocation.Formula
                .Where(f => !YearRange.TryParse(f.Key, out var period) || period.Contains(year))
                .ToDictionary(f => f.Key, f => f.Value),
            Benchmarks = [.. Allocation.Benchmarks.Where(b => YearRange.Parse(b.Period).Contains(year))],
            LoadCorrection = [.. Allocation.LoadCorrection.Where(l => YearRange.Parse(l.Period).Contains(year))],
        },
    };

    /// <summary>Reads a factor as the file writes it: a number, or "unconfirmed" with an optional "(note)".</summary>
    sealed class FileFormatValueConverter : JsonConverter<FactorValue>
    {
        const string Mark = "unconfirmed";

        public override FactorValue Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType == JsonTokenType.Number) return FactorValue.Of(reader.GetDecimal());
            var text = reader.TokenType == JsonTokenType.String ? reader.GetString()! : "";
            if (text == Mark) return new FactorValue(null, true);
            if (text.StartsWith(Mark + " (", StringComparison.Ordinal) && text.EndsWith(')'))
            {
                return new FactorValue(null, true, text[(Mark.Length + 2)..^1]);
            }
            throw new JsonException($"A factor is a number or \"{Mark}\", not {(text.Length > 0 ? $"\"{text}\"" : reader.TokenType.ToString())}.");
        }

        public override void Write(Utf8JsonWriter writer, FactorValue value, JsonSerializerOptions options)
        {
            if (value.Value is { } number) writer.WriteNumberValue(number);
            else writer.WriteStringValue(value.Note is null ? Mark : $"{Mark} ({value.Note})");
        }
    }
}

/// <summary>A data year or a range of them as the table writes it: "2021", "2019-2020", or "2022+" (open-ended).</summary>
public sealed partial record YearRange(int From, int? To)
{
    public bool Contains(int year) => year >= From && (To is null || year <= To);

    public bool Overlaps(YearRange other) => From <= (other.To ?? int.MaxValue) && other.From <= (To ?? int.MaxValue);

    public static bool TryParse(string? text, out YearRange range)
    {
        range = new YearRange(0, 0);
        var match = text is null ? Match.Empty : Pattern().Match(text);
        if (!match.Success) return false;
        var from = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        int? to = match.Groups[2].Success ? int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture)
            : match.Groups[3].Success ? null : from;
        if (to < from) return false;
        range = new YearRange(from, to);
        return true;
    }

    public static YearRange Parse(string text) =>
        TryParse(text, out var range) ? range : throw new FormatException($"'{text}' is not a year, a range of years or an open-ended year.");

    [GeneratedRegex(@"^(\d{4})(?:-(\d{4})|(\+))?$")]
    private static partial Regex Pattern();
}
