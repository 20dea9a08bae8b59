using System.Globalization;
using Mrv.EventStore.Http;

namespace Mrv.Registry.Portal;

/// <summary>
/// Figures typed into a portal form, read as the API reads JSON numbers (invariant culture): what is
/// not a number becomes an error of that field in the visitor's language, before any command runs.
/// An empty box is no figure at all, and the API's validator says whether one was needed.
/// </summary>
public sealed class FormInput
{
    readonly List<FieldViolation> errors = [];

    public long? Whole(string? text, string field)
    {
        var trimmed = text?.Trim().Replace(",", "", StringComparison.Ordinal);
        if (string.IsNullOrEmpty(trimmed)) return null;
        if (long.TryParse(trimmed, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)) return value;
        errors.Add(new FieldViolation(field, "whole_number", PortalText.T("请输入整数。", "Enter a whole number.")));
        return null;
    }

    public decimal? Number(string? text, string field)
    {
        var trimmed = text?.Trim().Replace(",", "", StringComparison.Ordinal);
        if (string.IsNullOrEmpty(trimmed)) return null;
        if (decimal.TryParse(trimmed, NumberStyles.Number, CultureInfo.InvariantCulture, out var value)) return value;
        errors.Add(new FieldViolation(field, "number", PortalText.T("请输入数字。", "Enter a number.")));
        return null;
    }

    public void Error(string field, string message) => errors.Add(new FieldViolation(field, "format", message));

    /// <summary>The typing errors as a refused form, or null when every figure could be read.</summary>
    public FormOutcome? Refused => errors.Count == 0
        ? null
        : new FormOutcome(false, 400, null, errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray()),
            ProblemText.ValidationDetail.ToString());
}
