using ApiSentinel.Collector.Catalog;
using ApiSentinel.Collector.Specs;

namespace ApiSentinel.Collector.Kubernetes.Specs;

/// <summary>
/// Which observed endpoints one spec describes — those on a host it is bound to (its own servers and the ApiSpec's
/// hosts), with the engine's own host rule (<see cref="SpecIndex"/>: case-insensitive, a port-less host covers every
/// port) — and how they stand against the specs: the figures of an ApiSpec's status.
/// </summary>
public sealed class SpecCoverage
{
    private readonly SpecIndex _index;

    public SpecCoverage(ApiSpec spec, IEnumerable<string> hosts)
    {
        ArgumentNullException.ThrowIfNull(spec);
        _index = SpecIndex.Of([new SpecBinding(spec, (hosts ?? []).ToArray())]);
    }

    /// <summary>Endpoints (not probed paths or static assets) on the spec's hosts; shadow and non-conformant among them.</summary>
    public SpecCounts Count(CatalogSnapshot? snapshot)
    {
        if (snapshot is null)
        {
            return default;
        }
        long endpoints = 0, shadow = 0, nonConformant = 0;
        foreach (var endpoint in snapshot.Endpoints)
        {
            if (!_index.Covers(endpoint.Key.Host))
            {
                continue;
            }
            endpoints++;
            if (endpoint.IsShadow)
            {
                shadow++;
            }
            else if (endpoint.SpecState == SpecStates.NonConformant)
            {
                nonConformant++;
            }
        }
        return new SpecCounts(endpoints, shadow, nonConformant);
    }
}
