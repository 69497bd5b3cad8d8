using ApiSentinel.Collector.Kubernetes.Configuration;

namespace ApiSentinel.Collector.Kubernetes.Writes;

/// <summary>
/// Exponential backoff with "equal jitter": attempt n waits between half and all of min(cap, base·2ⁿ⁻¹), so retries
/// of many entries (or many collectors) spread out instead of arriving together, and a delay never drops to zero —
/// a failing server is never hot-looped. A server's <c>Retry-After</c> is a floor, not replaced by the jitter.
/// </summary>
public sealed class RetryBackoff(TimeSpan initial, TimeSpan cap, Random random)
{
    public static RetryBackoff Default(Random? random = null) =>
        new(KubernetesSinkDefaults.RetryBase, KubernetesSinkDefaults.RetryCap, random ?? Random.Shared);

    public TimeSpan Cap => cap;

    /// <summary>The delay before attempt <paramref name="failures"/> + 1, after that many consecutive failures (≥ 1).</summary>
    public TimeSpan Delay(int failures, TimeSpan? retryAfter = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(failures, 1);
        var exponent = Math.Min(failures - 1, 30);
        var ceiling = Math.Min(cap.TotalMilliseconds, initial.TotalMilliseconds * Math.Pow(2, exponent));
        double jittered;
        lock (random)
        {
            jittered = (ceiling / 2) + (random.NextDouble() * ceiling / 2);
        }
        var delay = TimeSpan.FromMilliseconds(jittered);
        return retryAfter is { } floor && floor > delay ? Min(floor, cap * 4) : delay;
    }

    // A Retry-After of hours (a misconfigured proxy) must not park the sink for hours: a few caps at most.
    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
