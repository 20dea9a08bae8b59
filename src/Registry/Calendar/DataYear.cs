using System.Globalization;
using Mrv.EventStore;
using Mrv.EventStore.Http;

namespace Mrv.Registry.Calendar;

/// <summary>A data year (数据年度): the calendar year whose emissions and energy a report covers.</summary>
public static class DataYear
{
    /// <summary>From 2013, when China's regional ETS pilots started reporting, on.</summary>
    public const int First = 2013;
    public const int Last = 2100;

    public static bool IsValid(int year) => year is >= First and <= Last;

    public static string Rule(string field) => new LocalizedText(
        $"{field} 须为 {First} 至 {Last} 之间的年份。", $"{field} must be a year from {First} to {Last}.").ToString();

    /// <summary>An optional year from the query string: null when absent, false when it is not a valid year.</summary>
    public static bool TryParse(string? text, out int? year)
    {
        year = null;
        if (string.IsNullOrWhiteSpace(text)) return true;
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) || !IsValid(parsed)) return false;
        year = parsed;
        return true;
    }

    public static IResult Invalid(string field, HttpContext http) => Problems.Validation([new FieldViolation(field, "year", Rule(field))], http);
}
