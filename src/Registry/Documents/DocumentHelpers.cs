using System.Globalization;
using HandlebarsDotNet;

namespace Mrv.Registry.Documents;

/// <summary>
/// The helpers every template may use, bound to one culture:
/// <c>{{number x 2}}</c>, <c>{{tonnes x}}</c>, <c>{{tce x}}</c>, <c>{{percent x 1}}</c>,
/// <c>{{date d}}</c> (2026年3月31日 / 31 March 2026), <c>{{datetime t}}</c>, <c>{{label "industry" code}}</c>,
/// <c>{{{barChart chart}}}</c> (an inline SVG), <c>{{#ifEquals a b}}…{{/ifEquals}}</c>.
/// </summary>
public static class DocumentHelpers
{
    /// <summary>Documents show times in China Standard Time (UTC+8), the registry's business time.</summary>
    public static readonly TimeSpan ChinaStandardTime = TimeSpan.FromHours(8);

    public static void Register(IHandlebars engine, string culture)
    {
        var zh = culture == "zh-CN";
        engine.RegisterHelper("number", (Context _, Arguments a) => (object)Number(a.At<object?>(0), DecimalsOf(a, 1, 0)));
        engine.RegisterHelper("tonnes", (Context _, Arguments a) => (object)Unit(a, zh ? " 吨CO₂" : " t CO₂"));
        engine.RegisterHelper("tce", (Context _, Arguments a) => (object)Unit(a, zh ? " 吨标准煤" : " tce"));
        engine.RegisterHelper("percent", (Context _, Arguments a) => (object)Percent(a.At<object?>(0), DecimalsOf(a, 1, 1)));
        engine.RegisterHelper("date", (Context _, Arguments a) => (object)Date(a.At<object?>(0), zh));
        engine.RegisterHelper("datetime", (Context _, Arguments a) => (object)DateTime(a.At<object?>(0), zh));
        engine.RegisterHelper("label", (Context _, Arguments a) => (object)Labels.Of(a.At<string>(0) ?? "", a.At<object?>(1)?.ToString(), culture));
        engine.RegisterHelper("barChart", (EncodedTextWriter output, Context _, Arguments a) =>
            output.WriteSafeString(a[0] is ChartModel chart ? SvgCharts.Bars(chart) : ""));
        engine.RegisterHelper("ifEquals", (EncodedTextWriter output, BlockHelperOptions options, Context context, Arguments a) =>
        {
            if (Equals(a[0]?.ToString(), a[1]?.ToString())) options.Template(output, context);
            else options.Inverse(output, context);
        });
    }

    const string Dash = "—";

    static string Unit(Arguments arguments, string unit) =>
        AsDecimal(arguments.At<object?>(0)) is null ? Dash : Number(arguments[0], DecimalsOf(arguments, 1, 2)) + unit;

    static int DecimalsOf(Arguments arguments, int position, int fallback) => arguments.Length <= position ? fallback : arguments[position] switch
    {
        int decimals => decimals,
        long decimals => (int)decimals,
        var other when int.TryParse(other?.ToString(), CultureInfo.InvariantCulture, out var decimals) => decimals,
        _ => fallback,
    };

    // Helpers run for every figure of a document: the format strings are made once.
    static readonly string[] Formats = [.. Enumerable.Range(0, 9).Select(d => "N" + d)];

    static string FormatOf(int decimals) => decimals is >= 0 and < 9 ? Formats[decimals] : "N" + decimals;

    static decimal? AsDecimal(object? value) => value switch
    {
        null => null,
        decimal d => d,
        int i => i,
        long l => l,
        double d => (decimal)d,
        string s when decimal.TryParse(s, NumberStyles.Number, CultureInfo.InvariantCulture, out var parsed) => parsed,
        _ => null,
    };

    /// <summary>Thousands separators and a fixed number of decimals; "—" for no value.</summary>
    public static string Number(object? value, int decimals) =>
        AsDecimal(value) is { } number ? number.ToString(FormatOf(decimals), CultureInfo.InvariantCulture) : Dash;

    /// <summary>A difference with its sign: +1,234.500, -0.400, 0.000.</summary>
    public static string SignedNumber(decimal value, int decimals) => (value > 0 ? "+" : "") + Number(value, decimals);

    /// <summary>A fraction as a percentage: 0.14 → 14.0%.</summary>
    public static string Percent(object? value, int decimals) =>
        AsDecimal(value) is { } fraction ? (fraction * 100m).ToString(FormatOf(decimals), CultureInfo.InvariantCulture) + "%" : Dash;

    public static string Date(object? value, bool zh)
    {
        DateOnly? date = value switch
        {
            DateOnly d => d,
            DateTimeOffset t => DateOnly.FromDateTime(t.ToOffset(ChinaStandardTime).DateTime),
            DateTime t => DateOnly.FromDateTime(t),
            _ => null,
        };
        if (date is not { } day) return Dash;
        return zh ? $"{day.Year}年{day.Month}月{day.Day}日" : day.ToString("d MMMM yyyy", CultureInfo.InvariantCulture);
    }

    public static string DateTime(object? value, bool zh)
    {
        if (value is not DateTimeOffset time) return Date(value, zh);
        var local = time.ToOffset(ChinaStandardTime);
        return $"{Date(time, zh)} {local:HH:mm}" + (zh ? "（北京时间）" : " (UTC+8)");
    }
}

public static class ArgumentsExtensions
{
    public static T At<T>(this Arguments arguments, int index) => arguments.Length > index && arguments[index] is T value ? value : default!;
}
