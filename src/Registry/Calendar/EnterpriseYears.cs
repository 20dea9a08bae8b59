using Mrv.EventStore;
using Mrv.EventStore.Http;
using Mrv.Registry.Enterprises;

namespace Mrv.Registry.Calendar;

/// <summary>The data year of an enterprise, as every route <c>/enterprises/{id}/…/{year}</c> reaches it.</summary>
public static class EnterpriseYears
{
    /// <summary>
    /// The enterprise when the caller may see it and the year is a data year; otherwise the problem to
    /// answer. Visibility is checked first, so the years of a hidden enterprise leak nothing (404).
    /// </summary>
    public static async Task<(Enterprise? Enterprise, IResult? Problem)> LoadEnterpriseYearAsync(this HttpContext http, EventLog log, Guid id, int year)
    {
        var enterprise = await http.LoadVisibleAsync(log, id);
        if (enterprise is null) return (null, Problems.NotFound(http));
        return DataYear.IsValid(year) ? (enterprise.Data, null) : (null, DataYear.Invalid("year", http));
    }
}
