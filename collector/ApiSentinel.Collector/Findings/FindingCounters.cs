namespace ApiSentinel.Collector.Findings;

/// <summary>Running totals of the finding detector; the bounds that bite are counted so loss is never silent.</summary>
public sealed class FindingCounters
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

    /// <summary>Calls pushed out of a full per-client window before they aged out (<see cref="FindingOptions.MaxEventsPerWindow"/>).</summary>
    public long WindowEventsDropped;
}
