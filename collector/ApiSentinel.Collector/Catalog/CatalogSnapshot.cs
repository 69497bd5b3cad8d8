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
    CatalogCounters Counters)
{
    /// <summary>
    /// Static assets (pages, scripts, style sheets, images, fonts), highest risk first: listed apart from the APIs
    /// so <c>/index.html</c> and <c>/app.js</c> are not ranked among them; still scanned, and a secret in one is
    /// a <see cref="FindingKinds.SecretInStaticAsset"/> finding.
    /// </summary>
    public IReadOnlyList<ApiEndpoint> StaticAssets { get; init; } = [];
}
