using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.Json;
using k8s;
using k8s.Models;

namespace ApiSentinel.Collector.Kubernetes.Watching;

/// <summary>
/// The <see cref="KubernetesWatchSource{T, TList}"/>s the collector watches: the built-in kinds it reads, and any
/// custom resource through its <see cref="KubernetesEntityAttribute"/>. A null namespace watches all namespaces.
/// </summary>
public static class KubernetesWatchSources
{
    public static KubernetesWatchSource<V1Service, V1ServiceList> Services(IKubernetes kube, TimeProvider time,
        string? @namespace = null, string? labelSelector = null)
    {
        ArgumentNullException.ThrowIfNull(kube);
        var ops = kube.CoreV1;
        return @namespace is null
            ? new((r, ct) => ops.ListServiceForAllNamespacesWithHttpMessagesAsync(continueParameter: r.Continue,
                    labelSelector: labelSelector, limit: r.Limit, cancellationToken: ct),
                (r, onError, ct) => ops.WatchListServiceForAllNamespacesAsync(allowWatchBookmarks: true,
                    labelSelector: labelSelector, resourceVersion: r.ResourceVersion, timeoutSeconds: r.TimeoutSeconds,
                    onError: onError, cancellationToken: ct),
                Describe("services", @namespace, labelSelector), time)
            : new((r, ct) => ops.ListNamespacedServiceWithHttpMessagesAsync(@namespace, continueParameter: r.Continue,
                    labelSelector: labelSelector, limit: r.Limit, cancellationToken: ct),
                (r, onError, ct) => ops.WatchListNamespacedServiceAsync(@namespace, allowWatchBookmarks: true,
                    labelSelector: labelSelector, resourceVersion: r.ResourceVersion, timeoutSeconds: r.TimeoutSeconds,
                    onError: onError, cancellationToken: ct),
                Describe("services", @namespace, labelSelector), time);
    }

    public static KubernetesWatchSource<V1EndpointSlice, V1EndpointSliceList> EndpointSlices(IKubernetes kube, TimeProvider time,
        string? @namespace = null, string? labelSelector = null)
    {
        ArgumentNullException.ThrowIfNull(kube);
        var ops = kube.DiscoveryV1;
        return @namespace is null
            ? new((r, ct) => ops.ListEndpointSliceForAllNamespacesWithHttpMessagesAsync(continueParameter: r.Continue,
                    labelSelector: labelSelector, limit: r.Limit, cancellationToken: ct),
                (r, onError, ct) => ops.WatchListEndpointSliceForAllNamespacesAsync(allowWatchBookmarks: true,
                    labelSelector: labelSelector, resourceVersion: r.ResourceVersion, timeoutSeconds: r.TimeoutSeconds,
                    onError: onError, cancellationToken: ct),
                Describe("endpointslices", @namespace, labelSelector), time)
            : new((r, ct) => ops.ListNamespacedEndpointSliceWithHttpMessagesAsync(@namespace, continueParameter: r.Continue,
                    labelSelector: labelSelector, limit: r.Limit, cancellationToken: ct),
                (r, onError, ct) => ops.WatchListNamespacedEndpointSliceAsync(@namespace, allowWatchBookmarks: true,
                    labelSelector: labelSelector, resourceVersion: r.ResourceVersion, timeoutSeconds: r.TimeoutSeconds,
                    onError: onError, cancellationToken: ct),
                Describe("endpointslices", @namespace, labelSelector), time);
    }

    public static KubernetesWatchSource<V1ConfigMap, V1ConfigMapList> ConfigMaps(IKubernetes kube, TimeProvider time,
        string? @namespace = null, string? labelSelector = null)
    {
        ArgumentNullException.ThrowIfNull(kube);
        var ops = kube.CoreV1;
        return @namespace is null
            ? new((r, ct) => ops.ListConfigMapForAllNamespacesWithHttpMessagesAsync(continueParameter: r.Continue,
                    labelSelector: labelSelector, limit: r.Limit, cancellationToken: ct),
                (r, onError, ct) => ops.WatchListConfigMapForAllNamespacesAsync(allowWatchBookmarks: true,
                    labelSelector: labelSelector, resourceVersion: r.ResourceVersion, timeoutSeconds: r.TimeoutSeconds,
                    onError: onError, cancellationToken: ct),
                Describe("configmaps", @namespace, labelSelector), time)
            : new((r, ct) => ops.ListNamespacedConfigMapWithHttpMessagesAsync(@namespace, continueParameter: r.Continue,
                    labelSelector: labelSelector, limit: r.Limit, cancellationToken: ct),
                (r, onError, ct) => ops.WatchListNamespacedConfigMapAsync(@namespace, allowWatchBookmarks: true,
                    labelSelector: labelSelector, resourceVersion: r.ResourceVersion, timeoutSeconds: r.TimeoutSeconds,
                    onError: onError, cancellationToken: ct),
                Describe("configmaps", @namespace, labelSelector), time);
    }

    /// <summary>A custom resource kind (group, version and plural from <typeparamref name="T"/>'s <see cref="KubernetesEntityAttribute"/>).</summary>
    public static KubernetesWatchSource<T, TList> CustomResources<T, TList>(IKubernetes kube, TimeProvider time,
        string? @namespace = null, string? labelSelector = null)
        where T : class, IKubernetesObject<V1ObjectMeta>
        where TList : IItems<T>, IMetadata<V1ListMeta>
    {
        ArgumentNullException.ThrowIfNull(kube);
        var entity = typeof(T).GetCustomAttribute<KubernetesEntityAttribute>()
            ?? throw new ArgumentException($"{typeof(T).Name} has no [KubernetesEntity] attribute", nameof(T));
        var ops = kube.CustomObjects;
        return @namespace is null
            ? new((r, ct) => ops.ListCustomObjectForAllNamespacesWithHttpMessagesAsync<TList>(entity.Group, entity.ApiVersion,
                    entity.PluralName, continueParameter: r.Continue, labelSelector: labelSelector, limit: r.Limit,
                    cancellationToken: ct),
                (r, onError, ct) => Typed<T>(ops.WatchListCustomObjectForAllNamespacesAsync(entity.Group, entity.ApiVersion,
                    entity.PluralName, allowWatchBookmarks: true, labelSelector: labelSelector, resourceVersion: r.ResourceVersion,
                    timeoutSeconds: r.TimeoutSeconds, onError: onError, cancellationToken: ct), ct),
                Describe(entity.PluralName, @namespace, labelSelector), time)
            : new((r, ct) => ops.ListNamespacedCustomObjectWithHttpMessagesAsync<TList>(entity.Group, entity.ApiVersion,
                    @namespace, entity.PluralName, continueParameter: r.Continue, labelSelector: labelSelector, limit: r.Limit,
                    cancellationToken: ct),
                (r, onError, ct) => Typed<T>(ops.WatchListNamespacedCustomObjectAsync(entity.Group, entity.ApiVersion,
                    @namespace, entity.PluralName, allowWatchBookmarks: true, labelSelector: labelSelector,
                    resourceVersion: r.ResourceVersion, timeoutSeconds: r.TimeoutSeconds, onError: onError,
                    cancellationToken: ct), ct),
                Describe(entity.PluralName, @namespace, labelSelector), time);
    }

    // KubernetesClient's custom-object watch yields untyped JSON; the C# type of the resource is the only model the
    // collector uses, so each object is read into it here.
    private static async IAsyncEnumerable<(WatchEventType Type, T Object)> Typed<T>(
        IAsyncEnumerable<(WatchEventType Type, object Object)> events, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var (type, item) in events.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            yield return (type, item is JsonElement json
                ? KubernetesJson.Deserialize<T>(json)
                : KubernetesJson.Deserialize<T>(KubernetesJson.Serialize(item)));
        }
    }

    private static string Describe(string plural, string? @namespace, string? labelSelector) =>
        (@namespace is null ? $"{plural} in all namespaces" : $"{plural} in namespace {@namespace}")
        + (string.IsNullOrEmpty(labelSelector) ? "" : $" matching {labelSelector}");
}
