namespace ApiSentinel.Collector.Catalog;

/// <summary>Running totals of the catalog; bounds that drop data have their own counters.</summary>
public sealed partial class CatalogCounters
{
    public long Calls;
    /// <summary>Endpoints folded into another when their templates turned out to be the same.</summary>
    public long EndpointsMerged;
    /// <summary>Calls whose path the templater could not place in its bounded trie (counted, still catalogued).</summary>
    public long TemplaterTruncatedCalls;
    /// <summary>Calls filed under host <c>(other)</c> because <see cref="CatalogOptions.MaxHosts"/> hosts existed.</summary>
    public long HostOverflowCalls;
    /// <summary>Calls filed under method <c>(other)</c> because their host had <see cref="CatalogOptions.MaxMethodsPerHost"/> methods.</summary>
    public long MethodOverflowCalls;
    /// <summary>Calls filed under the catch-all endpoint because <see cref="CatalogOptions.MaxEndpoints"/> endpoints existed.</summary>
    public long EndpointOverflowCalls;
    /// <summary>Calls filed under host <c>(other)</c> because they named no host at all (an empty host from gRPC).</summary>
    public long InvalidHostCalls;
    /// <summary>Calls filed under method <c>(other)</c> because theirs is no RFC 9110 token of at most 24 characters.</summary>
    public long InvalidMethodCalls;
    /// <summary>Calls whose status is no HTTP status code (outside 100..999): catalogued, the status not kept as a code.</summary>
    public long InvalidStatusCalls;
    /// <summary>Calls with no client address (HAR input): not counted as internal or external, and not tracked per client.</summary>
    public long CallsWithoutClient;
}
