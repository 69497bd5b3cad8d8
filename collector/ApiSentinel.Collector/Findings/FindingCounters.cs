namespace ApiSentinel.Collector.Findings;

/// <summary>Running totals of the finding detector; the bounds that bite are counted so loss is never silent.</summary>
public sealed partial class FindingCounters
{
    public long CallsObserved;

    /// <summary>Calls with no client address (HAR input): no per-client behaviour can be attributed to them.</summary>
    public long CallsWithoutClient;

    /// <summary>Clients whose state was dropped because <see cref="FindingOptions.MaxTrackedClients"/> was reached.</summary>
    public long ClientsEvicted;

    /// <summary>Clients whose state was dropped because they had been idle longer than every window.</summary>
    public long ClientsExpired;

    /// <summary>Closed findings dropped because <see cref="FindingOptions.MaxFindings"/> was reached.</summary>
    public long FindingsDropped;

    /// <summary>Calls from sources beyond <see cref="FindingOptions.MaxSources"/>: catalogued, not tracked for findings.</summary>
    public long CallsFromUntrackedSources;

    /// <summary>Sources closed out because they had been silent (by the collector's clock) longer than every window.</summary>
    public long SourcesExpired;

    /// <summary>
    /// Calls stamped further ahead of their source's clock than <see cref="FindingOptions.MaxUnconfirmedClockJumpMicros"/>
    /// that the next call did not confirm: observed, but they did not move the source's clock.
    /// </summary>
    public long UnconfirmedClockJumps;

    /// <summary>Calls pushed out of a full per-client window before they aged out (<see cref="FindingOptions.MaxEventsPerWindow"/>).</summary>
    public long WindowEventsDropped;
}
