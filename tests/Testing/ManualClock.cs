namespace Mrv.Testing;

/// <summary>A clock the test moves by hand.</summary>
public sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    DateTimeOffset now = start;

    public ManualClock() : this(new DateTimeOffset(2026, 3, 1, 8, 0, 0, TimeSpan.FromHours(8))) { }

    public override DateTimeOffset GetUtcNow() => now.ToUniversalTime();

    public void Advance(TimeSpan by) => now += by;

    public void Set(DateTimeOffset to) => now = to;
}
