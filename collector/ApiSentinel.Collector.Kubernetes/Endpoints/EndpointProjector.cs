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
/// <remarks>
/// "Unseen" is measured on the traffic's clock, not the wall clock alone: from an endpoint's last call to the newest
/// call the catalog holds (never later than now). Measured against the wall clock, a replayed capture recorded ten
/// days ago would have every endpoint deleted at its first flush (the README's demo did exactly that with the 7-day
/// default), and a fleet of sensors that went silent would retire the whole catalog although no traffic says any
/// endpoint went away. Capped at now, so a sensor whose clock runs ahead cannot age the others early.
/// <para>The namespace is sticky: an endpoint stays where it was last written (the ledger's knowledge, handed in) until
/// a <em>different</em> namespace resolves. When none of its servers resolves any more — pod IPs rotate during a
/// rollout, and the EndpointSlice may lag the traffic — it does not fall back to the configured namespace, which
/// would delete and recreate the resource (and its Events) at every rollout.</para>
/// <para>Every resource carries the collector's instance label (<see cref="ApiSentinelLabels.Collector"/>): the sink lists
/// and deletes only its own instance's resources, so two collectors writing to one cluster leave each other's alone.</para>
/// </remarks>
public sealed class EndpointProjector(
    Func<EndpointSnapshot, string, V1Alpha1ApiEndpoint> project,
    ServerNamespaceResolver resolver,
    string fallbackNamespace,
    TimeSpan inactiveAfter,
    TimeSpan deleteAfter,
    string instance = Configuration.KubernetesSinkDefaults.Instance)
{
    private Dictionary<string, Cached> _cache = new(StringComparer.Ordinal);

    public TimeSpan InactiveAfter => inactiveAfter;

    public TimeSpan DeleteAfter => deleteAfter;

    public string FallbackNamespace => fallbackNamespace;

    public string Instance => instance;

    /// <summary>
    /// Every resource <paramref name="snapshot"/> wants at <paramref name="now"/>, in the catalog's order;
    /// <paramref name="lastNamespaces"/> (resource name → namespace last written) keeps namespaces sticky.
    /// </summary>
    public IReadOnlyList<V1Alpha1ApiEndpoint> Wanted(CatalogSnapshot snapshot, DateTimeOffset now,
        IReadOnlyDictionary<string, string>? lastNamespaces = null)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var nowMicros = TrafficNowMicros(snapshot, now.ToUnixTimeMilliseconds() * 1000);
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
            var ns = resolver.NamespaceOf(endpoint.Servers)
                ?? (lastNamespaces is not null && lastNamespaces.TryGetValue(endpoint.Identity, out var last) ? last : null)
                ?? (_cache.TryGetValue(endpoint.Identity, out var previous) ? previous.Namespace : null)
                ?? fallbackNamespace;
            if (!_cache.TryGetValue(endpoint.Identity, out var cached) ||
                cached.Marker != endpoint.ChangeMarker || cached.Namespace != ns || cached.Inactive != inactive)
            {
                var resource = project(endpoint, ns);
                resource.Metadata.Labels ??= new Dictionary<string, string>();
                resource.Metadata.Labels[ApiSentinelLabels.Collector] = instance;
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

    /// <summary>
    /// The traffic's clock as the sink's orphan rule reads it: the newest call of the catalog capped at
    /// <paramref name="now"/>; null for an empty catalog (no traffic says anything has aged).
    /// </summary>
    public static DateTimeOffset? TrafficNow(CatalogSnapshot snapshot, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        if (snapshot.Endpoints.Count == 0)
        {
            return null;
        }
        var micros = TrafficNowMicros(snapshot, now.ToUnixTimeMilliseconds() * 1000);
        return DateTimeOffset.UnixEpoch + TimeSpan.FromMicroseconds(micros);
    }

    /// <summary>The newest call of the catalog, or <paramref name="wallMicros"/> if that is earlier (see the remarks).</summary>
    internal static long TrafficNowMicros(CatalogSnapshot snapshot, long wallMicros)
    {
        var newest = long.MinValue;
        foreach (var endpoint in snapshot.Endpoints)
        {
            newest = Math.Max(newest, endpoint.LastSeenMicros);
        }
        return newest == long.MinValue ? wallMicros : Math.Min(newest, wallMicros);
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
