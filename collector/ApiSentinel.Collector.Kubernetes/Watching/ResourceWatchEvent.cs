using k8s;

namespace ApiSentinel.Collector.Kubernetes.Watching;

/// <summary>One event of a watch stream. A <see cref="WatchEventType.Bookmark"/> carries only a resourceVersion.</summary>
public readonly record struct ResourceWatchEvent<T>(WatchEventType Type, T Object);
