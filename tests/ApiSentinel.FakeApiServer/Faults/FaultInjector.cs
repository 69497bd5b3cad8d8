namespace ApiSentinel.FakeApiServer.Faults;

/// <summary>
/// The faults tests inject: rules are tried in the order they were added; every matching delay is served, then the
/// first matching failure answers the request. Failures carry a kube <c>Status</c> body (reason from the code).
/// </summary>
public sealed class FaultInjector
{
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private readonly List<FaultRule> _rules = [];

    internal FaultInjector(TimeProvider time) => _time = time;

    /// <summary>Fails matching requests with <paramref name="status"/> (429, 500, 503, …).</summary>
    /// <param name="forDuration">Counted from now on the server's clock.</param>
    /// <param name="retryAfter">Sent as <c>Retry-After</c> (whole seconds, at least 1) and <c>details.retryAfterSeconds</c>.</param>
    public FaultRule Fail(int status, int times = int.MaxValue, TimeSpan? forDuration = null, string? verb = null, string? plural = null, TimeSpan? retryAfter = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(status, 400);
        ArgumentOutOfRangeException.ThrowIfLessThan(times, 1);
        return Add(new FaultRule(status, null, times, Deadline(forDuration), verb, plural, retryAfter));
    }

    /// <summary>Delays matching requests (on the server's clock) before they are served.</summary>
    public FaultRule Delay(TimeSpan delay, string? verb = null, string? plural = null) =>
        Add(new FaultRule(null, delay, int.MaxValue, null, verb, plural, null));

    private FaultRule Add(FaultRule rule)
    {
        lock (_gate)
        {
            _rules.Add(rule);
        }
        return rule;
    }

    public void Remove(FaultRule rule)
    {
        lock (_gate)
        {
            _rules.Remove(rule);
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _rules.Clear();
        }
    }

    /// <summary>The delays to serve and the failure to answer (null: serve the request) for one request.</summary>
    internal (TimeSpan Delay, FaultRule? Failure) Decide(FaultTarget target)
    {
        List<FaultRule> rules;
        lock (_gate)
        {
            rules = [.. _rules];
        }
        var now = _time.GetUtcNow();
        var delay = TimeSpan.Zero;
        foreach (var rule in rules.Where(r => r.Delay is not null && r.Matches(target, now) && r.TryTake()))
        {
            delay += rule.Delay!.Value;
        }
        var failure = rules.FirstOrDefault(r => r.Status is not null && r.Matches(target, now) && r.TryTake());
        return (delay, failure);
    }

    private DateTimeOffset? Deadline(TimeSpan? duration) => duration is { } d ? _time.GetUtcNow() + d : null;
}
