using ApiSentinel.Collector.Findings;
using ApiSentinel.Collector.Specs;

namespace ApiSentinel.Collector.Catalog;

/// <summary>
/// The catalog as built at one moment: endpoints (highest risk first), behavioural findings, the spec
/// operations no traffic used, and the probed paths — requests that only ever got 404, which are evidence of
/// scanning or stale clients, not APIs (listing them as shadow endpoints buried the real ones).
/// </summary>
public sealed record CatalogSnapshot(
    IReadOnlyList<ApiEndpoint> Endpoints,
    IReadOnlyList<ApiEndpoint> ProbedPaths,
    IReadOnlyList<Finding> Findings,
    IReadOnlyList<(string Host, SpecOperation Operation)> UnusedSpecOperations,
    CatalogCounters Counters);
