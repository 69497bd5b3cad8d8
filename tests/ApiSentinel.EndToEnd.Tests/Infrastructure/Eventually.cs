namespace ApiSentinel.EndToEnd.Tests.Infrastructure;

/// <summary>
/// Waits for a condition on a system that converges asynchronously (calls travel sensor → collector → build),
/// with a generous bound: a test asserts *what* is reached, never how fast.
/// </summary>
internal static class Eventually
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Evaluates <paramref name="probe"/> every 250 ms until it returns a value that satisfies
    /// <paramref name="done"/>, and returns that value. On time-out throws with the last value and
    /// <paramref name="describe"/>'s account (the processes' output).
    /// </summary>
    public static async Task<T> MatchAsync<T>(Func<Task<T>> probe, Func<T, bool> done, string what,
        Func<string>? describe = null, TimeSpan? timeout = null)
    {
        var limit = timeout ?? DefaultTimeout;
        var deadline = DateTime.UtcNow + limit;
        T last = await probe();
        while (!done(last))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{what}: not reached within {limit.TotalSeconds:0} s; last value: {last}\n{describe?.Invoke()}");
            }
            await Task.Delay(250);
            last = await probe();
        }
        return last;
    }
}
