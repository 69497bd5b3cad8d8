using ApiSentinel.Crds.ApiSpecs;

namespace ApiSentinel.Collector.Kubernetes.Specs;

/// <summary>
/// An ApiSpec's key, <c>NAMESPACE/NAME</c>: the id its spec has in the catalog (<c>CatalogOwner.SetSpecAsync</c>), the
/// key of the controller's work queue and state. Namespace and name cannot contain '/', so the key is unambiguous.
/// </summary>
public static class ApiSpecKeys
{
    public static string Of(V1Alpha1ApiSpec resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        return Of(resource.Metadata.NamespaceProperty ?? "", resource.Metadata.Name ?? "");
    }

    public static string Of(string @namespace, string name) => $"{@namespace}/{name}";

    public static (string Namespace, string Name) Split(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? ("", key) : (key[..slash], key[(slash + 1)..]);
    }
}
