using System.Collections.Concurrent;
using ApiSentinel.Collector.Kubernetes.Watching;
using k8s.Models;

namespace ApiSentinel.Collector.Kubernetes.Tests.Watching;

/// <summary>Records what a watcher reported, as "upsert NAME@RV", "delete NAME@RV" and "synced".</summary>
internal sealed class RecordingHandler : IResourceEventHandler<V1ConfigMap>
{
    public ConcurrentQueue<string> Calls { get; } = new();

    public Func<V1ConfigMap, bool>? FailOn { get; init; }

    public void OnUpsert(V1ConfigMap resource) => Record("upsert", resource);

    public void OnDelete(V1ConfigMap resource) => Record("delete", resource);

    public void OnSynced() => Calls.Enqueue("synced");

    private void Record(string what, V1ConfigMap resource)
    {
        Calls.Enqueue($"{what} {resource.Metadata.Name}@{resource.Metadata.ResourceVersion}");
        if (FailOn?.Invoke(resource) == true)
        {
            throw new InvalidOperationException("handler failure");
        }
    }
}
