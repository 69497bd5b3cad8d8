namespace ApiSentinel.Collector.Catalog;

/// <summary>Running totals of the catalog; bounds that drop data have their own counters.</summary>
public sealed class CatalogCounters
{
    public long Calls;
    /// <summary>Endpoints folded into another when their templates turned out to be the same.</summary>
    public long EndpointsMerged;
    /// <summary>Calls whose path the templater could not place in its bounded trie (counted, still catalogued).</summary>
    public long TemplaterTruncatedCalls;
}
