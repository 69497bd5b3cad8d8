namespace ApiSentinel.Collector.Kubernetes.Watching;

/// <summary>The result of a list: every object, and the resourceVersion to watch from.</summary>
public sealed record ResourceList<T>(IReadOnlyList<T> Items, string ResourceVersion);
