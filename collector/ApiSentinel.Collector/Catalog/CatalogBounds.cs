namespace ApiSentinel.Collector.Catalog;

/// <summary>
/// Keeps the catalog's identity space bounded: distinct hosts, methods per host, and endpoints. Every one of them
/// is chosen by whoever sends traffic — 200 k distinct Host headers took 1.8 GB before this bound, 200 k distinct
/// methods 975 MB — so past each bound a call is filed under <see cref="CatalogOverflow.Name"/> in that position
/// and counted in <see cref="CatalogCounters"/>. Hosts and methods already admitted are never displaced: the
/// first-come set is what a person reads, and an attacker arriving late cannot push real APIs out.
/// </summary>
internal sealed partial class CatalogBounds(CatalogOptions options, CatalogCounters counters)
{
    private readonly Dictionary<string, HashSet<string>> _methodsByHost = new(StringComparer.Ordinal);
    private HashSet<string>? _overflowHostMethods;

    // The admitted host of the previous call and its methods: calls to one API come in runs, and comparing with the
    // last host spares the two hash lookups of the host that Host and Method would otherwise do per call.
    private string? _lastHost;
    private HashSet<string>? _lastHostMethods;

    /// <summary>
    /// The host to file a call under: itself while hosts are within the bound, else the overflow host. A call that
    /// names no host (gRPC allows an empty string) goes to the overflow host too, counted apart.
    /// </summary>
    public string Host(string host)
    {
        if (string.Equals(host, _lastHost, StringComparison.Ordinal))
        {
            return _lastHost!;
        }
        if (host.Length == 0)
        {
            counters.InvalidHostCalls++;
            return CatalogOverflow.Name;
        }
        if (_methodsByHost.TryGetValue(host, out var methods))
        {
            (_lastHost, _lastHostMethods) = (host, methods);
            return host;
        }
        if (_methodsByHost.Count < options.MaxHosts)
        {
            _methodsByHost[host] = methods = new HashSet<string>(StringComparer.Ordinal);
            (_lastHost, _lastHostMethods) = (host, methods);
            return host;
        }
        counters.HostOverflowCalls++;
        return CatalogOverflow.Name;
    }

    /// <summary>
    /// The method to file a call under, for a host <see cref="Host"/> returned: a method that is no token (<see
    /// cref="CallShape.IsMethod"/>) is never admitted and goes to the overflow method, counted apart.
    /// </summary>
    public string Method(string host, string method)
    {
        var methods = ReferenceEquals(host, _lastHost) ? _lastHostMethods!
            : ReferenceEquals(host, CatalogOverflow.Name) || !_methodsByHost.TryGetValue(host, out var known)
            ? _overflowHostMethods ??= new HashSet<string>(StringComparer.Ordinal)
            : known;
        if (methods.Contains(method))
        {
            return method;
        }
        if (!CallShape.IsMethod(method))
        {
            counters.InvalidMethodCalls++;
            return CatalogOverflow.Name;
        }
        if (methods.Count < options.MaxMethodsPerHost)
        {
            methods.Add(method);
            return method;
        }
        counters.MethodOverflowCalls++;
        return CatalogOverflow.Name;
    }

    /// <summary>Whether one more endpoint may be created; when not, the call goes to the catch-all and is counted.</summary>
    public bool AdmitEndpoint(int endpoints)
    {
        if (endpoints < options.MaxEndpoints)
        {
            return true;
        }
        counters.EndpointOverflowCalls++;
        return false;
    }
}
