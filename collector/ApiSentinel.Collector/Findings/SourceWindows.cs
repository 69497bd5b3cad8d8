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

    /// <summary>Calls this source sent, and how many of them the last idle sweep had seen.</summary>
    public long Calls { get; set; }

    public long CallsAtLastSweep { get; set; }

    /// <summary>Wall-clock time (µs since the epoch, <see cref="TimeProvider"/>) of the sweep that last found new calls.</summary>
    public long LastHeardWallMicros { get; set; }
}
