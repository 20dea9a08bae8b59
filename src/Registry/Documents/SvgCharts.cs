using System.Globalization;
using System.Net;
using System.Text;

namespace Mrv.Registry.Documents;

/// <summary>One series of a bar chart (e.g. a year's monthly emissions).</summary>
public sealed record ChartSeries(string Name, IReadOnlyList<decimal?> Values);

/// <summary>A bar chart: categories along the bottom, one bar per series in each, a value axis with the unit.</summary>
public sealed record ChartModel(string Title, string Unit, IReadOnlyList<string> Categories, IReadOnlyList<ChartSeries> Series);

/// <summary>
/// Server-rendered SVG charts, shared by documents and pages: no script, prints as it shows, and
/// carries a text title and per-bar values for screen readers.
/// </summary>
public static class SvgCharts
{
    static readonly string[] Colours = ["#1f5f8b", "#e08a2e", "#5a9e4b", "#8e5ea2"];
    const int Width = 680, Height = 260, Left = 64, Right = 16, Top = 28, Bottom = 40;

    public static string Bars(ChartModel chart)
    {
        var values = chart.Series.SelectMany(s => s.Values).Where(v => v is not null).Select(v => v!.Value).ToList();
        var max = values.Count == 0 ? 1m : Math.Max(values.Max(), 0m);
        var step = NiceStep(max / 4m);
        // Counts are not split: an axis of whole things steps by whole numbers.
        if (values.All(v => v == decimal.Truncate(v))) step = Math.Max(1m, step);
        var top = step * Math.Max(1m, Math.Ceiling(max / step));
        var plotWidth = Width - Left - Right;
        var plotHeight = Height - Top - Bottom;
        var slot = plotWidth / (double)Math.Max(1, chart.Categories.Count);
        var barWidth = slot * 0.8 / Math.Max(1, chart.Series.Count);

        string F(double x) => x.ToString("0.#", CultureInfo.InvariantCulture);
        double Y(decimal v) => Top + plotHeight - (double)(v / top) * plotHeight;
        var text = new StringBuilder();
        text.Append($"""<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {Width} {Height}" width="100%" role="img" aria-label="{Escape(chart.Title)}">""");
        text.Append($"<title>{Escape(chart.Title)}</title>");
        text.Append($"""<text x="{Left}" y="16" font-size="12" fill="#333">{Escape(chart.Unit)}</text>""");

        for (var tick = 0m; tick <= top; tick += step)
        {
            var y = F(Y(tick));
            text.Append($"""<line x1="{Left}" x2="{Width - Right}" y1="{y}" y2="{y}" stroke="#ddd" stroke-width="1"/>""");
            text.Append($"""<text x="{Left - 6}" y="{y}" font-size="11" text-anchor="end" dominant-baseline="middle" fill="#555">{DocumentHelpers.Number(tick, step < 1 ? 1 : 0)}</text>""");
        }
        text.Append($"""<line x1="{Left}" x2="{Left}" y1="{Top}" y2="{Top + plotHeight}" stroke="#888"/>""");

        for (var c = 0; c < chart.Categories.Count; c++)
        {
            var x0 = Left + slot * c + slot * 0.1;
            for (var s = 0; s < chart.Series.Count; s++)
            {
                var value = c < chart.Series[s].Values.Count ? chart.Series[s].Values[c] : null;
                if (value is not { } v) continue;
                var y = Y(Math.Max(0m, v));
                text.Append($"""<rect x="{F(x0 + barWidth * s)}" y="{F(y)}" width="{F(barWidth - 1)}" height="{F(Top + plotHeight - y)}" fill="{Colours[s % Colours.Length]}">""");
                text.Append($"<title>{Escape(chart.Series[s].Name)} {Escape(chart.Categories[c])}: {DocumentHelpers.Number(v, 2)}</title></rect>");
            }
            text.Append($"""<text x="{F(Left + slot * c + slot / 2)}" y="{Height - Bottom + 16}" font-size="11" text-anchor="middle" fill="#333">{Escape(chart.Categories[c])}</text>""");
        }

        if (chart.Series.Count > 1)
        {
            var x = (double)Left;
            for (var s = 0; s < chart.Series.Count; s++)
            {
                text.Append($"""<rect x="{F(x)}" y="{Height - 14}" width="10" height="10" fill="{Colours[s % Colours.Length]}"/>""");
                text.Append($"""<text x="{F(x + 14)}" y="{Height - 5}" font-size="11" fill="#333">{Escape(chart.Series[s].Name)}</text>""");
                x += 24 + chart.Series[s].Name.Length * 9;
            }
        }
        text.Append("</svg>");
        return text.ToString();
    }

    /// <summary>1, 2 or 5 times a power of ten: axis steps people read at a glance.</summary>
    static decimal NiceStep(decimal rough)
    {
        if (rough <= 0) return 1m;
        var power = (decimal)Math.Pow(10, Math.Floor(Math.Log10((double)rough)));
        var fraction = rough / power;
        return (fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10) * power;
    }

    static string Escape(string text) => WebUtility.HtmlEncode(text);
}
