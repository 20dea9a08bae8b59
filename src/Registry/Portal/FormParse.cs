using System.Globalization;
using Mrv.EventStore.Http;

namespace Mrv.Registry.Portal;

/// <summary>
/// Numbers and dates typed into a form, read the way the API's JSON reads them; what does not
/// parse becomes a field error by that field, in the visitor's language.
/// </summary>
public sealed class FormParse
{
    readonly List<FieldViolation> violations = [];

    public IReadOnlyList<FieldViolation> Violations => violations;

    public decimal? Number(IFormCollection form, string field)
    {
        var text = form[field].ToString().Trim();
        if (text.Length == 0) return null;
        if (decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var number)) return number;
        violations.Add(new FieldViolation(field, "number", PortalText.T("请输入数字。", "Enter a number.")));
        return null;
    }

    public int? Integer(IFormCollection form, string field)
    {
        var text = form[field].ToString().Trim();
        if (text.Length == 0) return null;
        if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number)) return number;
        violations.Add(new FieldViolation(field, "integer", PortalText.T("请输入整数。", "Enter a whole number.")));
        return null;
    }

    public DateOnly? Date(IFormCollection form, string field, bool required = true)
    {
        var text = form[field].ToString().Trim();
        if (text.Length == 0 && !required) return null;
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)) return date;
        violations.Add(new FieldViolation(field, "date", PortalText.T("请输入日期，如 2025-05-10。", "Enter a date such as 2025-05-10.")));
        return null;
    }
}
