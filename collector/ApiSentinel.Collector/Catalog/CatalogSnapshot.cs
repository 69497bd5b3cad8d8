using ApiSentinel.Collector.Findings;
using ApiSentinel.Collector.Specs;

namespace ApiSentinel.Collector.Catalog;

/// <summary>
/// The catalog as built at one moment: endpoints (highest risk first), behavioural findings, and the spec
/// operations no traffic used.
/// </summary>
public sealed record CatalogSnapshot(
    IReadOnlyList<ApiEndpoint> Endpoints,
    IReadOnlyList<Finding> Findings,
    IReadOnlyList<(string Host, SpecOperation Operation)> UnusedSpecOperations,
    CatalogCounters Counters);
