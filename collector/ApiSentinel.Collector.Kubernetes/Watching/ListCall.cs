using k8s;
using k8s.Autorest;

namespace ApiSentinel.Collector.Kubernetes.Watching;

/// <summary>
/// One kind's list endpoint in KubernetesClient (e.g. <c>CoreV1.ListNamespacedServiceWithHttpMessagesAsync</c>),
/// bound to a namespace and selector: with <see cref="WatchCall{T}"/>, the only per-kind code a
/// <see cref="KubernetesWatchSource{T, TList}"/> needs.
/// </summary>
public delegate Task<HttpOperationResponse<TList>> ListCall<TList>(ListRequest request, CancellationToken cancellationToken);

/// <summary>
/// One kind's watch in KubernetesClient (e.g. <c>CoreV1.WatchListNamespacedServiceAsync</c>), bound like its
/// <see cref="ListCall{TList}"/>. KubernetesClient hands ERROR events and unreadable lines to
/// <paramref name="onError"/> instead of the stream.
/// </summary>
public delegate IAsyncEnumerable<(WatchEventType Type, T Object)> WatchCall<T>(ListRequest request, Action<Exception> onError,
    CancellationToken cancellationToken);
