using Mrv.Registry.Documents;
using Mrv.Registry.Enterprises;

namespace Mrv.Registry.Tests.Documents;

/// <summary>Fixed document models for golden-output tests (never from the database, so they never drift).</summary>
public static class DocumentSamples
{
    public static readonly DateTimeOffset AsOf = new(2026, 3, 31, 9, 30, 0, TimeSpan.FromHours(8));

    public static readonly IReadOnlyList<CoveredListRow> CoveredRows =
    [
        new("91150200MA0N2XTB1H", "包头北辰热电有限责任公司", "Baotou Beichen Thermal Power Co., Ltd.", "150200", "包头市", "power", "emissions"),
        new("91150200MA0N3CDE2K", "包头钢联特钢有限公司", null, "150200", "包头市", "steel", "energy"),
        new("91150600MA0P5QRS3L", "鄂尔多斯能源化工有限公司", "Ordos Energy & Chemicals Co.", "150600", "鄂尔多斯市", "chemical", "emissions"),
    ];

    public static CoveredListNotice Notice(string culture) => CoveredListNotice.Build(2024, CoveredRows, culture, AsOf);

    public static string Root => TemplateCatalog.FindRoot(null, AppContext.BaseDirectory);

    public static string GoldenFolder
    {
        get
        {
            for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            {
                var candidate = Path.Combine(directory.FullName, "tests", "Registry.Tests", "Documents", "Golden");
                if (Directory.Exists(candidate)) return candidate;
            }
            throw new DirectoryNotFoundException("tests/Registry.Tests/Documents/Golden");
        }
    }

    /// <summary>HTML with insignificant whitespace removed, so a golden file compares content, not indentation.</summary>
    public static string Normalize(string html) =>
        System.Text.RegularExpressions.Regex.Replace(
            System.Text.RegularExpressions.Regex.Replace(html.Replace("\r\n", "\n"), @">\s+<", ">\n<"), @"[ \t]+", " ").Trim();
}
