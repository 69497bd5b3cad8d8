using k8s.Models;

namespace ApiSentinel.Collector.Kubernetes.Namespaces;

/// <summary>
/// IP → (namespace, Service), from the Services' cluster IPs and the EndpointSlices' addresses (pod IPs, keyed by the
/// slice's <c>kubernetes.io/service-name</c> label), kept current by watches (<see cref="ServerNamespaceWatch"/>)
/// feeding <see cref="UpsertService"/> and friends. An endpoint's resource goes to the namespace of the first of its
/// servers (in their sorted order, so the answer never depends on arrival order) that resolves; when an address
/// belongs to several Services, the smallest (namespace, name) wins, again for determinism.
/// </summary>
/// <remarks>
/// The sensor-reported <c>EndpointSnapshot.Namespaces</c> are deliberately not used: they come from a sensor's view of
/// its node and are not checked against the cluster, while a namespace taken from a watched Service exists (a write
/// into a namespace that does not would fail on every flush). Writers and readers may be on any thread.
/// </remarks>
public sealed class ServerNamespaceResolver
{
    private const string ServiceNameLabel = "kubernetes.io/service-name";

    private readonly Lock _gate = new();
    // Per address, how many sources (a Service, its slices) name each location: removing one source keeps the others'.
    private readonly Dictionary<string, SortedDictionary<ServerLocation, int>> _byIp = new(StringComparer.Ordinal);
    private readonly Dictionary<SourceKey, (ServerLocation Location, string[] Ips)> _sources = [];
    private readonly TaskCompletionSource _servicesSynced = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _slicesSynced = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes once both lists have been read: before it, an unresolved address may only be not-yet-known.</summary>
    public Task Synced => Task.WhenAll(_servicesSynced.Task, _slicesSynced.Task);

    /// <summary>Addresses known.</summary>
    public int Addresses
    {
        get
        {
            lock (_gate)
            {
                return _byIp.Count;
            }
        }
    }

    public void UpsertService(V1Service service)
    {
        ArgumentNullException.ThrowIfNull(service);
        if (service.Metadata is not { Name: { } name, NamespaceProperty: { } ns })
        {
            return;
        }
        var ips = (service.Spec?.ClusterIPs ?? []).Append(service.Spec?.ClusterIP ?? "");
        Set(new SourceKey(SourceKind.Service, ns, name), new ServerLocation(ns, name), ips);
    }

    public void DeleteService(V1Service service)
    {
        ArgumentNullException.ThrowIfNull(service);
        if (service.Metadata is { Name: { } name, NamespaceProperty: { } ns })
        {
            Remove(new SourceKey(SourceKind.Service, ns, name));
        }
    }

    public void UpsertSlice(V1EndpointSlice slice)
    {
        ArgumentNullException.ThrowIfNull(slice);
        if (slice.Metadata is not { Name: { } name, NamespaceProperty: { } ns })
        {
            return;
        }
        var key = new SourceKey(SourceKind.Slice, ns, name);
        // A slice not (or no longer) owned by a Service names no service: it resolves nothing.
        if (slice.Metadata.Labels?.TryGetValue(ServiceNameLabel, out var service) != true || string.IsNullOrEmpty(service))
        {
            Remove(key);
            return;
        }
        var ips = (slice.Endpoints ?? []).SelectMany(e => e.Addresses ?? []);
        Set(key, new ServerLocation(ns, service), ips);
    }

    public void DeleteSlice(V1EndpointSlice slice)
    {
        ArgumentNullException.ThrowIfNull(slice);
        if (slice.Metadata is { Name: { } name, NamespaceProperty: { } ns })
        {
            Remove(new SourceKey(SourceKind.Slice, ns, name));
        }
    }

    internal void ServicesSynced() => _servicesSynced.TrySetResult();

    internal void SlicesSynced() => _slicesSynced.TrySetResult();

    /// <summary>The Service of one address (<c>ip</c>, <c>ip:port</c> or <c>[v6]:port</c>), or null.</summary>
    public ServerLocation? Locate(string server)
    {
        if (ServerAddress.IpOf(server) is not { } ip)
        {
            return null;
        }
        lock (_gate)
        {
            return _byIp.TryGetValue(ip, out var locations) && locations.Count > 0 ? locations.Keys.First() : null;
        }
    }

    /// <summary>The namespace of the first server that resolves, in the given (sorted) order; else <paramref name="fallback"/>.</summary>
    public string NamespaceOf(IEnumerable<string> servers, string fallback) => NamespaceOf(servers) ?? fallback;

    /// <summary>The namespace of the first server that resolves, in the given (sorted) order; null when none does.</summary>
    public string? NamespaceOf(IEnumerable<string> servers)
    {
        ArgumentNullException.ThrowIfNull(servers);
        foreach (var server in servers)
        {
            if (Locate(server) is { } location)
            {
                return location.Namespace;
            }
        }
        return null;
    }

    private void Set(SourceKey key, ServerLocation location, IEnumerable<string> ips)
    {
        var canonical = ips.Select(ip => ServerAddress.Canonical(ip)).OfType<string>().Distinct(StringComparer.Ordinal).ToArray();
        lock (_gate)
        {
            RemoveLocked(key);
            _sources[key] = (location, canonical);
            foreach (var ip in canonical)
            {
                if (!_byIp.TryGetValue(ip, out var set))
                {
                    _byIp[ip] = set = new();
                }
                set[location] = set.GetValueOrDefault(location) + 1;
            }
        }
    }

    private void Remove(SourceKey key)
    {
        lock (_gate)
        {
            RemoveLocked(key);
        }
    }

    private void RemoveLocked(SourceKey key)
    {
        if (!_sources.Remove(key, out var old))
        {
            return;
        }
        foreach (var ip in old.Ips)
        {
            if (!_byIp.TryGetValue(ip, out var set))
            {
                continue;
            }
            if (set.TryGetValue(old.Location, out var count) && count > 1)
            {
                set[old.Location] = count - 1;
            }
            else
            {
                set.Remove(old.Location);
            }
            if (set.Count == 0)
            {
                _byIp.Remove(ip);
            }
        }
    }

    private enum SourceKind
    {
        Service,
        Slice,
    }

    private readonly record struct SourceKey(SourceKind Kind, string Namespace, string Name);
}
