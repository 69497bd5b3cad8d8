using ApiSentinel.Collector.Kubernetes.Watching;
using k8s;
using k8s.Models;

namespace ApiSentinel.Collector.Kubernetes.Tests.Watching;

internal static class ConfigMaps
{
    public static V1ConfigMap Of(string name, string resourceVersion, string ns = "default") =>
        new() { Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns, ResourceVersion = resourceVersion } };

    public static ResourceWatchEvent<V1ConfigMap> Added(string name, string rv) => new(WatchEventType.Added, Of(name, rv));

    public static ResourceWatchEvent<V1ConfigMap> Modified(string name, string rv) => new(WatchEventType.Modified, Of(name, rv));

    public static ResourceWatchEvent<V1ConfigMap> Deleted(string name, string rv) => new(WatchEventType.Deleted, Of(name, rv));

    public static ResourceWatchEvent<V1ConfigMap> Bookmark(string rv) =>
        new(WatchEventType.Bookmark, new V1ConfigMap { Metadata = new V1ObjectMeta { ResourceVersion = rv } });
}
