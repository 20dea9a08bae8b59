using System.Globalization;
using Mrv.EventStore.Http;

namespace Mrv.Registry.Portal;

/// <summary>
/// Numbers and dates typed into a form, read the way the API's JSON reads them (invariant culture,
/// thousands separators allowed); what does not parse becomes a field error by that field, in the
/// visitor's language. An empty box is no figure at all, and the API's validator says whether one was needed.
/// </summary>
public sealed class FormParse
{
    readonly List<FieldViolation> violations = [];

    public IReadOnlyList<FieldViolation> Violations => violations;

    public decimal? Number(IFormCollection form, string field) => Number(form[field], field);

    public decimal? Number(string? text, string field)
    {
        var figure = Figure(text);
        if (figure.Length == 0) return null;
        if (decimal.TryParse(figure, NumberStyles.Number, CultureInfo.InvariantCulture, out var number)) return number;
        Error(field, "number", PortalText.T("请输入数字。", "Enter a number."));
        return null;
    }

    public int? Integer(IFormCollection form, string field) => Whole(form[field], field) is { } whole
        ? whole is >= int.MinValue and <= int.MaxValue ? (int)whole : Refused(field)
        : null;

    public long? Whole(string? text, string field)
    {
        var figure = Figure(text);
        if (figure.Length == 0) return null;
        if (long.TryParse(figure, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number)) return number;
        return Refused(field);
    }

    public DateOnly? Date(IFormCollection form, string field, bool required = true)
    {
        var text = form[field].ToString().Trim();
        if (text.Length == 0 && !required) return null;
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)) return date;
        Error(field, "date", PortalText.T("请输入日期，如 2025-05-10。", "Enter a date such as 2025-05-10."));
        return null;
    }

    /// <summary>A field the page itself could not make sense of (an account named neither by number nor by credit code).</summary>
    public void Error(string field, string message) => Error(field, "format", message);

    void Error(string field, string rule, string message) => violations.Add(new FieldViolation(field, rule, message));

    int? Refused(string field)
    {
        Error(field, "integer", PortalText.T("请输入整数。", "Enter a whole number."));
        return null;
    }

    static string Figure(string? text) => text?.Trim().Replace(",", "", StringComparison.Ordinal) ?? "";
}
