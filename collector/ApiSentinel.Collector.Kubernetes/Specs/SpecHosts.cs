using ApiSentinel.Crds.ApiSpecs;

namespace ApiSentinel.Collector.Kubernetes.Specs;

/// <summary>
/// The hosts an ApiSpec binds its spec to: <c>spec.hosts</c>, plus each of <c>spec.services</c> by every name a
/// client in the cluster can use for it (<c>svc</c>, <c>svc.ns</c>, <c>svc.ns.svc</c>,
/// <c>svc.ns.svc.CLUSTER-DOMAIN</c>) — the Host header carries whichever the client used. Port-less names cover
/// every port (the engine's rule). Lower case, trimmed, without duplicates, in a stable order.
/// </summary>
public static class SpecHosts
{
    public static IReadOnlyList<string> Of(V1Alpha1ApiSpec resource, string clusterDomain)
    {
        ArgumentNullException.ThrowIfNull(resource);
        ArgumentException.ThrowIfNullOrWhiteSpace(clusterDomain);
        var hosts = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        void Add(string host)
        {
            var normalized = host.Trim().ToLowerInvariant();
            if (normalized.Length > 0 && seen.Add(normalized))
            {
                hosts.Add(normalized);
            }
        }

        foreach (var host in resource.Spec?.Hosts ?? [])
        {
            Add(host ?? "");
        }
        var ownNamespace = resource.Metadata.NamespaceProperty ?? "default";
        foreach (var service in resource.Spec?.Services ?? [])
        {
            if (string.IsNullOrWhiteSpace(service?.Name))
            {
                continue;
            }
            var ns = string.IsNullOrWhiteSpace(service.Namespace) ? ownNamespace : service.Namespace;
            Add(service.Name);
            Add($"{service.Name}.{ns}");
            Add($"{service.Name}.{ns}.svc");
            Add($"{service.Name}.{ns}.svc.{clusterDomain.Trim().TrimEnd('.')}");
        }
        return hosts;
    }
}
