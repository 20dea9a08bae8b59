namespace Mrv.Testing;

/// <summary>Waits for something another process or thread brings about (a background rebuild, a takeover).</summary>
public static class Eventually
{
    public static async Task<T> WaitAsync<T>(Func<Task<T>> probe, Func<T, bool> done, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var value = await probe();
            if (done(value)) return value;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Condition not met within {timeout}; last value: {value}");
            await Task.Delay(25);
        }
    }
}
