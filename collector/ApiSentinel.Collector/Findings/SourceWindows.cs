namespace ApiSentinel.Collector.Findings;

/// <summary>
/// The finding windows of one source (<see cref="ApiSentinel.Contract.ApiCall.Source"/>): its clients, least
/// recently seen first, and its own event time. Sources' clocks cannot be compared — a sensor may be skewed by a
/// year, a proxy may replay a backlog hours old — so each source's windows slide and expire on that source's
/// latest call time only, and one source's clock can never age out another's clients.
/// </summary>
internal sealed partial class SourceWindows(string name)
{
    public string Name { get; } = name;

    public Dictionary<string, LinkedListNode<ClientActivity>> Clients { get; } = new(StringComparer.Ordinal);

    /// <summary>Least recently seen first: the front is the next to expire or be evicted.</summary>
    public LinkedList<ClientActivity> Recency { get; } = new();

    /// <summary>The latest call time this source reported (its event time).</summary>
    public long LatestMicros { get; set; } = long.MinValue;

    /// <summary>
    /// A call time past <see cref="LatestMicros"/> by more than <see cref="FindingOptions.MaxUnconfirmedClockJumpMicros"/>,
    /// not taken yet: the next call confirms it (taken) or not (forgotten, counted). <see cref="long.MinValue"/> when none.
    /// </summary>
    public long UnconfirmedJumpMicros { get; set; } = long.MinValue;

    /// <summary>
    /// Advances this source's event time to a call's, unless the call jumps further ahead than
    /// <paramref name="maxJump"/>: such a time is taken only once a following call confirms it (lies within
    /// <paramref name="maxJump"/> of it, or beyond). Returns false for a jump left unconfirmed (the caller counts it).
    /// </summary>
    public bool Advance(long callMicros, long maxJump)
    {
        if (callMicros <= LatestMicros)
        {
            UnconfirmedJumpMicros = long.MinValue;
            return true;
        }
        if (LatestMicros == long.MinValue || callMicros - LatestMicros <= maxJump)
        {
            LatestMicros = callMicros;
            UnconfirmedJumpMicros = long.MinValue;
            return true;
        }
        if (UnconfirmedJumpMicros != long.MinValue && callMicros >= UnconfirmedJumpMicros - maxJump)
        {
            // Two calls agree the source's clock moved on: it did (a step, or calls resuming after a silence).
            LatestMicros = Math.Max(callMicros, UnconfirmedJumpMicros);
            UnconfirmedJumpMicros = long.MinValue;
            return true;
        }
        UnconfirmedJumpMicros = callMicros;
        return false;
    }

    /// <summary>Calls this source sent, and how many of them the last idle sweep had seen.</summary>
    public long Calls { get; set; }

    public long CallsAtLastSweep { get; set; }

    /// <summary>Wall-clock time (µs since the epoch, <see cref="TimeProvider"/>) of the sweep that last found new calls.</summary>
    public long LastHeardWallMicros { get; set; }
}
