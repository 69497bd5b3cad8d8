using ApiSentinel.Collector.Catalog;
using ApiSentinel.Collector.Kubernetes.Namespaces;
using ApiSentinel.Crds;
using ApiSentinel.Crds.ApiEndpoints;

namespace ApiSentinel.Collector.Kubernetes.Endpoints;

/// <summary>
/// The resources a snapshot wants: each endpoint projected (the crds' projection, handed in) into its server's
/// namespace, marked <c>inactive</c> once unseen for <see cref="InactiveAfter"/>, and left out once unseen for
/// <see cref="DeleteAfter"/> (so its resource is deleted). A projection is reused while its endpoint's change marker,
/// namespace and state stay the same: a steady catalog of thousands costs no re-projection per flush.
/// </summary>
public sealed class EndpointProjector(
    Func<EndpointSnapshot, string, V1Alpha1ApiEndpoint> project,
    ServerNamespaceResolver resolver,
    string fallbackNamespace,
    TimeSpan inactiveAfter,
    TimeSpan deleteAfter)
{
    private Dictionary<string, Cached> _cache = new(StringComparer.Ordinal);

    public TimeSpan InactiveAfter => inactiveAfter;

    public TimeSpan DeleteAfter => deleteAfter;

    public string FallbackNamespace => fallbackNamespace;

    /// <summary>Every resource <paramref name="snapshot"/> wants at <paramref name="now"/>, in the catalog's order.</summary>
    public IReadOnlyList<V1Alpha1ApiEndpoint> Wanted(CatalogSnapshot snapshot, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var nowMicros = now.ToUnixTimeMilliseconds() * 1000;
        var next = new Dictionary<string, Cached>(snapshot.Endpoints.Count, StringComparer.Ordinal);
        var result = new List<V1Alpha1ApiEndpoint>(snapshot.Endpoints.Count);
        foreach (var endpoint in snapshot.Endpoints)
        {
            var unseen = TimeSpan.FromMicroseconds(Math.Max(0, nowMicros - endpoint.LastSeenMicros));
            if (unseen >= deleteAfter)
            {
                continue;
            }
            var inactive = unseen >= inactiveAfter;
            var ns = resolver.NamespaceOf(endpoint.Servers, fallbackNamespace);
            if (!_cache.TryGetValue(endpoint.Identity, out var cached) ||
                cached.Marker != endpoint.ChangeMarker || cached.Namespace != ns || cached.Inactive != inactive)
            {
                var resource = project(endpoint, ns);
                if (inactive)
                {
                    MarkInactive(resource);
                }
                cached = new Cached(endpoint.ChangeMarker, ns, inactive, resource);
            }
            // Two endpoints never share an identity; should a bug make them, the first (riskiest) keeps the name.
            if (next.TryAdd(endpoint.Identity, cached))
            {
                result.Add(cached.Resource);
            }
        }
        _cache = next;
        return result;
    }

    private static void MarkInactive(V1Alpha1ApiEndpoint resource)
    {
        resource.Metadata.Labels ??= new Dictionary<string, string>();
        resource.Metadata.Labels[ApiSentinelLabels.State] = EndpointStates.Inactive;
        resource.Status ??= new ApiEndpointStatus();
        resource.Status.State = EndpointStates.Inactive;
    }

    private sealed record Cached(string Marker, string Namespace, bool Inactive, V1Alpha1ApiEndpoint Resource);
}
