using ApiSentinel.Collector.Findings;

namespace ApiSentinel.Collector.Catalog;

/// <summary>
/// The catalog's and the finding detector's running totals as one build saw them: read-only, so every reader of a
/// snapshot sees the same figures (the live <see cref="CatalogCounters"/> and <see cref="FindingCounters"/> go on
/// counting). The finding detector's bounds are here too — a service that reads only snapshots must still be able
/// to show that a bound dropped data.
/// </summary>
public sealed record CatalogTotals
{
    public long Calls { get; init; }

    /// <summary>Endpoints folded into another when their templates turned out to be the same.</summary>
    public long EndpointsMerged { get; init; }

    /// <summary>Calls whose path the templater could not place in its bounded trie (counted, still catalogued).</summary>
    public long TemplaterTruncatedCalls { get; init; }

    public long HostOverflowCalls { get; init; }

    public long MethodOverflowCalls { get; init; }

    public long EndpointOverflowCalls { get; init; }

    /// <summary>Calls that named no host (filed under host <c>(other)</c>).</summary>
    public long InvalidHostCalls { get; init; }

    /// <summary>Calls whose method is no RFC 9110 token of at most 24 characters (filed under method <c>(other)</c>).</summary>
    public long InvalidMethodCalls { get; init; }

    /// <summary>Calls whose status was outside 100..999 (kept as a call, not as a status code).</summary>
    public long InvalidStatusCalls { get; init; }

    /// <summary>Calls with no client address (HAR input).</summary>
    public long CallsWithoutClient { get; init; }

    /// <summary>Clients whose finding windows were dropped at <see cref="FindingOptions.MaxTrackedClients"/>.</summary>
    public long FindingClientsEvicted { get; init; }

    /// <summary>Closed findings dropped at <see cref="FindingOptions.MaxFindings"/>.</summary>
    public long FindingsDropped { get; init; }

    /// <summary>Calls pushed out of a full per-client window before they aged out.</summary>
    public long FindingWindowEventsDropped { get; init; }

    /// <summary>Calls from sources past <see cref="FindingOptions.MaxSources"/>: catalogued, not tracked for findings.</summary>
    public long CallsFromUntrackedSources { get; init; }

    /// <summary>Calls stamped far ahead of their source's clock that no following call confirmed (they did not move it).</summary>
    public long UnconfirmedClockJumps { get; init; }

    /// <summary>Calls whose hour of usage was not counted: their endpoint had <see cref="HourlyUsage.MaxPendingHours"/> hours pending.</summary>
    public long UsageCallsDropped { get; init; }

    internal static CatalogTotals Of(CatalogCounters c, FindingCounters f) => new()
    {
        Calls = c.Calls,
        EndpointsMerged = c.EndpointsMerged,
        TemplaterTruncatedCalls = c.TemplaterTruncatedCalls,
        HostOverflowCalls = c.HostOverflowCalls,
        MethodOverflowCalls = c.MethodOverflowCalls,
        EndpointOverflowCalls = c.EndpointOverflowCalls,
        InvalidHostCalls = c.InvalidHostCalls,
        InvalidMethodCalls = c.InvalidMethodCalls,
        InvalidStatusCalls = c.InvalidStatusCalls,
        CallsWithoutClient = c.CallsWithoutClient,
        FindingClientsEvicted = f.ClientsEvicted,
        FindingsDropped = f.FindingsDropped,
        FindingWindowEventsDropped = f.WindowEventsDropped,
        CallsFromUntrackedSources = f.CallsFromUntrackedSources,
        UnconfirmedClockJumps = f.UnconfirmedClockJumps,
    };
}
