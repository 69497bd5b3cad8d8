namespace ApiSentinel.Collector.Kubernetes.Watching;

/// <summary>
/// Exponential backoff with "equal jitter": the n-th consecutive failure waits a uniformly random time in
/// [c/2, c) where c = min(max, initial·2ⁿ). The jitter spreads collectors retrying against a restarted API server;
/// keeping half of the ceiling fixed means no delay is ever near zero, so a source that fails at once cannot spin.
/// Not thread-safe: one per retry loop.
/// </summary>
public sealed class ExponentialBackoff
{
    /// <summary>The first delay's ceiling.</summary>
    public static readonly TimeSpan DefaultInitial = TimeSpan.FromSeconds(1);

    /// <summary>The ceiling no delay exceeds (client-go's watch backoff caps at 30 s as well).</summary>
    public static readonly TimeSpan DefaultMax = TimeSpan.FromSeconds(30);

    private readonly TimeSpan _initial;
    private readonly TimeSpan _max;
    private readonly Random _random;
    private int _failures;

    public ExponentialBackoff(Random? random = null)
        : this(DefaultInitial, DefaultMax, random)
    {
    }

    public ExponentialBackoff(TimeSpan initial, TimeSpan max, Random? random = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(initial, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(max, initial);
        _initial = initial;
        _max = max;
        _random = random ?? Random.Shared;
    }

    /// <summary>Consecutive failures so far.</summary>
    public int Failures => _failures;

    /// <summary>The ceiling of the next delay (before jitter).</summary>
    public TimeSpan Ceiling =>
        TimeSpan.FromTicks((long)Math.Min(_max.Ticks, _initial.Ticks * Math.Pow(2, Math.Min(_failures, 40))));

    /// <summary>The delay before the next attempt; each call counts one more consecutive failure.</summary>
    public TimeSpan NextDelay()
    {
        var ceiling = Ceiling;
        _failures++;
        var fraction = 0.5 + (_random.NextDouble() / 2);
        return TimeSpan.FromTicks((long)(ceiling.Ticks * fraction));
    }

    /// <summary>An attempt worked: the next failure starts from the initial delay again.</summary>
    public void Reset() => _failures = 0;
}
