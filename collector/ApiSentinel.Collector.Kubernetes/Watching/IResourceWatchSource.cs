using k8s;
using k8s.Models;

namespace ApiSentinel.Collector.Kubernetes.Watching;

/// <summary>
/// Where a <see cref="ResourceWatcher{T}"/> gets its objects: one consistent list, and a watch from a resourceVersion.
/// The seam between the watch loop (its decisions: relist, backoff, deletions) and the API client;
/// <see cref="KubernetesWatchSource{T, TList}"/> is the real one, tests script their own.
/// </summary>
public interface IResourceWatchSource<T>
    where T : IKubernetesObject<V1ObjectMeta>
{
    /// <summary>What is watched, for logs ("services in all namespaces").</summary>
    string Description { get; }

    /// <summary>Every object (all pages), and the resourceVersion the list is consistent at.</summary>
    Task<ResourceList<T>> ListAsync(CancellationToken cancellationToken);

    /// <summary>
    /// The changes after <paramref name="resourceVersion"/> (bookmarks included) until the server ends the watch.
    /// Throws <see cref="WatchExpiredException"/> when that version is older than the server keeps (410 Gone);
    /// any other failure throws as it is.
    /// </summary>
    IAsyncEnumerable<ResourceWatchEvent<T>> WatchAsync(string resourceVersion, TimeSpan timeout, CancellationToken cancellationToken);
}
