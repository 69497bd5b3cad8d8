namespace ApiSentinel.Sensor.Daemon.Upload;

/// <summary>
/// Exponential backoff with full jitter: the n-th consecutive failure waits a uniformly random time in
/// [0, min(max, initial·2ⁿ)). Full jitter spreads a fleet of sensors reconnecting to a restarted collector
/// instead of having them retry in lock step.
/// </summary>
internal sealed class ReconnectBackoff
{
    private readonly TimeSpan _initial;
    private readonly TimeSpan _max;
    private readonly Random _random;
    private int _failures;

    public ReconnectBackoff(TimeSpan initial, TimeSpan max, Random random)
    {
        _initial = initial;
        _max = max;
        _random = random;
    }

    /// <summary>The ceiling of the next delay (before jitter).</summary>
    public TimeSpan Ceiling => TimeSpan.FromTicks((long)Math.Min(_max.Ticks, _initial.Ticks * Math.Pow(2, Math.Min(_failures, 40))));

    /// <summary>The delay before the next attempt; each call counts one more consecutive failure.</summary>
    public TimeSpan NextDelay()
    {
        var ceiling = Ceiling;
        _failures++;
        return TimeSpan.FromTicks((long)(_random.NextDouble() * ceiling.Ticks));
    }

    /// <summary>A connection worked: the next failure starts from the initial delay again.</summary>
    public void Reset() => _failures = 0;
}
