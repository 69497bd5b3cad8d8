namespace ApiSentinel.FakeApiServer.Faults;

/// <summary>
/// One injected fault: requests that match (verb, resource plural, namespace, subresource; null matches any) either
/// fail with a status (and a <c>Retry-After</c> when given) or are delayed. A rule stops matching after
/// <see cref="Times"/> hits or once its duration has passed on the server's clock.
/// </summary>
public sealed class FaultRule
{
    private int _hits;

    internal FaultRule(int? status, TimeSpan? delay, int times, DateTimeOffset? until, string? verb, string? plural, TimeSpan? retryAfter)
    {
        Status = status;
        Delay = delay;
        Times = times;
        Until = until;
        Verb = verb;
        Plural = plural;
        RetryAfter = retryAfter;
    }

    /// <summary>The status a failing rule answers with; null for a delay.</summary>
    public int? Status { get; }
    public TimeSpan? Delay { get; }
    public int Times { get; }
    public DateTimeOffset? Until { get; }
    public string? Verb { get; }
    public string? Plural { get; }
    public TimeSpan? RetryAfter { get; }
    /// <summary>Restricts the rule to one namespace: <c>server.Faults.Fail(503).Namespace = "shop";</c>.</summary>
    public string? Namespace { get; set; }

    /// <summary>Restricts the rule to a subresource (<c>status</c>); the main resource has none.</summary>
    public string? Subresource { get; set; }

    /// <summary>How many requests this rule has acted on.</summary>
    public int Hits => Volatile.Read(ref _hits);

    internal bool Matches(FaultTarget target, DateTimeOffset now) =>
        (Until is null || now < Until)
        && Hits < Times
        && (Verb is null || string.Equals(Verb, target.Verb, StringComparison.OrdinalIgnoreCase))
        && (Plural is null || Plural == target.Plural)
        && (Namespace is null || Namespace == target.Namespace)
        && (Subresource is null || Subresource == target.Subresource);

    /// <summary>Counts a hit unless the rule ran out meanwhile (two requests racing for the last one).</summary>
    internal bool TryTake()
    {
        while (true)
        {
            var hits = Volatile.Read(ref _hits);
            if (hits >= Times)
            {
                return false;
            }
            if (Interlocked.CompareExchange(ref _hits, hits + 1, hits) == hits)
            {
                return true;
            }
        }
    }
}
