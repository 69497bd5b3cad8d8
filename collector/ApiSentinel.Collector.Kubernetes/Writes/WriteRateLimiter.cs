namespace ApiSentinel.Collector.Kubernetes.Writes;

/// <summary>
/// The client-side limit on requests to the API server that every writer of the collector shares (resources, their
/// status, Events, ApiSpec status): a token bucket of <c>burst</c> tokens refilled at <c>qps</c> per second, as
/// client-go's default limiter. A caller waits for a token; nothing is dropped, so a burst of changes is spread out
/// rather than lost, and the API server never sees more than the configured rate.
/// </summary>
public sealed class WriteRateLimiter
{
    private readonly TimeProvider _time;
    private readonly double _qps;
    private readonly int _burst;
    private readonly Lock _gate = new();
    private double _tokens;
    private long _refilledAt;
    private long _waits;

    public WriteRateLimiter(double qps, int burst, TimeProvider time)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(qps);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(burst);
        ArgumentNullException.ThrowIfNull(time);
        _qps = qps;
        _burst = burst;
        _time = time;
        _tokens = burst;
        _refilledAt = time.GetTimestamp();
    }

    public double Qps => _qps;

    public int Burst => _burst;

    /// <summary>How many times a caller had to wait for a token (the limit biting).</summary>
    public long Waits => Interlocked.Read(ref _waits);

    /// <summary>Takes one token, waiting (on the injected clock) until one is available.</summary>
    public async ValueTask WaitAsync(CancellationToken cancellationToken)
    {
        var waited = false;
        while (true)
        {
            TimeSpan delay;
            lock (_gate)
            {
                Refill();
                if (_tokens >= 1)
                {
                    _tokens -= 1;
                    if (waited)
                    {
                        Interlocked.Increment(ref _waits);
                    }
                    return;
                }
                delay = TimeSpan.FromSeconds((1 - _tokens) / _qps);
            }
            waited = true;
            await Task.Delay(delay < TimeSpan.FromMilliseconds(1) ? TimeSpan.FromMilliseconds(1) : delay, _time, cancellationToken)
                .ConfigureAwait(false);
        }
    }

    private void Refill()
    {
        var now = _time.GetTimestamp();
        _tokens = Math.Min(_burst, _tokens + (_time.GetElapsedTime(_refilledAt, now).TotalSeconds * _qps));
        _refilledAt = now;
    }
}
