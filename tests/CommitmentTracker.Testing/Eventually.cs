namespace CommitmentTracker.Testing;

/// <summary>Waits for a condition that becomes true asynchronously (a consumer ran, a process answered).</summary>
public static class Eventually
{
    public static async Task<T> GetAsync<T>(Func<Task<T>> probe, Func<T, bool> done, TimeSpan timeout, string what)
    {
        ArgumentNullException.ThrowIfNull(probe);
        ArgumentNullException.ThrowIfNull(done);
        var deadline = DateTime.UtcNow + timeout;
        T last;
        while (true)
        {
            last = await probe();
            if (done(last))
            {
                return last;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out after {timeout.TotalSeconds:0.#} s waiting for {what}. Last value: {last}");
            }

            await Task.Delay(25);
        }
    }

    public static Task UntilAsync(Func<Task<bool>> condition, TimeSpan timeout, string what) =>
        GetAsync(condition, ok => ok, timeout, what);
}
