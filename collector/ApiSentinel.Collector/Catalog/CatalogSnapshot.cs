using System.Collections.Immutable;
using ApiSentinel.Collector.Findings;
using ApiSentinel.Collector.Specs;

namespace ApiSentinel.Collector.Catalog;

/// <summary>
/// The catalog as built at one moment: endpoints (highest risk first), behavioural findings, the spec
/// operations no traffic used, and the probed paths — requests that only ever got 404, which are evidence of
/// scanning or stale clients, not APIs (listing them as shadow endpoints buried the real ones).
/// </summary>
/// <remarks>
/// Immutable: every list is frozen, every endpoint an <see cref="EndpointSnapshot"/> copied from the live aggregate,
/// the counters a copy. Ingest, spec changes and later builds never change a snapshot already returned, so any
/// number of threads may read, serialise or diff it without locks while the catalog's owner goes on.
/// </remarks>
public sealed class CatalogSnapshot
{
    internal CatalogSnapshot(
        long generation,
        IEnumerable<EndpointSnapshot> endpoints,
        IEnumerable<EndpointSnapshot> probedPaths,
        IEnumerable<EndpointSnapshot> staticAssets,
        IEnumerable<Finding> findings,
        IEnumerable<(string Host, SpecOperation Operation)> unusedSpecOperations,
        IEnumerable<EndpointRename> renames,
        CatalogTotals counters)
    {
        Generation = generation;
        Endpoints = endpoints.ToImmutableArray();
        ProbedPaths = probedPaths.ToImmutableArray();
        StaticAssets = staticAssets.ToImmutableArray();
        Findings = findings.ToImmutableArray();
        UnusedSpecOperations = unusedSpecOperations.ToImmutableArray();
        Renames = renames.ToImmutableArray();
        Counters = counters;
    }

    /// <summary>The build's number, 1 for a catalog's first: a later snapshot of the same catalog has a larger one.</summary>
    public long Generation { get; }

    public IReadOnlyList<EndpointSnapshot> Endpoints { get; }

    public IReadOnlyList<EndpointSnapshot> ProbedPaths { get; }

    /// <summary>
    /// Static assets (pages, scripts, style sheets, images, fonts), highest risk first: listed apart from the APIs
    /// so <c>/index.html</c> and <c>/app.js</c> are not ranked among them; still scanned, and a secret in one is
    /// a <see cref="FindingKinds.SecretInStaticAsset"/> finding.
    /// </summary>
    public IReadOnlyList<EndpointSnapshot> StaticAssets { get; }

    public IReadOnlyList<Finding> Findings { get; }

    public IReadOnlyList<(string Host, SpecOperation Operation)> UnusedSpecOperations { get; }

    /// <summary>
    /// Endpoints of the previous build (endpoints, probed paths and static assets alike) now listed under another
    /// key, in old-key order; empty on a first build. Two old endpoints merged into one both name the survivor.
    /// </summary>
    public IReadOnlyList<EndpointRename> Renames { get; }

    /// <summary>The catalog's totals when this snapshot was built (a copy: ingest does not move it).</summary>
    public CatalogTotals Counters { get; }
}
