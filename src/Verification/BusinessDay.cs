namespace Mrv.Verification;

/// <summary>Deadlines and periods are calendar days in China Standard Time (UTC+8), as everywhere in the registry.</summary>
public static class BusinessDay
{
    public static readonly TimeSpan ChinaStandardTime = TimeSpan.FromHours(8);

    public static DateOnly Of(DateTimeOffset at) => DateOnly.FromDateTime(at.ToOffset(ChinaStandardTime).DateTime);
}
