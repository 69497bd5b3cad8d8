using ApiSentinel.Collector.Kubernetes.Watching;
using k8s.Models;
using Microsoft.Extensions.Hosting;

namespace ApiSentinel.Collector.Kubernetes.Namespaces;

/// <summary>
/// Keeps a <see cref="ServerNamespaceResolver"/> current: Services and EndpointSlices of every namespace, each a
/// <see cref="ResourceWatcher{T}"/> (list, then watch; relist on 410; backoff on failures), their events fed to the
/// resolver. Watched, never polled: a new Service's addresses resolve as soon as the watch delivers it.
/// </summary>
public sealed class ServerNamespaceWatch : BackgroundService
{
    private readonly ResourceWatcher<V1Service> _services;
    private readonly ResourceWatcher<V1EndpointSlice> _slices;

    public ServerNamespaceWatch(
        IResourceWatchSource<V1Service> services,
        IResourceWatchSource<V1EndpointSlice> slices,
        ServerNamespaceResolver resolver,
        TimeProvider time,
        Microsoft.Extensions.Logging.ILogger<ServerNamespaceWatch>? log = null)
    {
        ArgumentNullException.ThrowIfNull(resolver);
        _services = new ResourceWatcher<V1Service>(services, new ServiceHandler(resolver), time, log);
        _slices = new ResourceWatcher<V1EndpointSlice>(slices, new SliceHandler(resolver), time, log);
    }

    public ResourceWatcherCounters ServiceCounters => _services.Counters;

    public ResourceWatcherCounters SliceCounters => _slices.Counters;

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(_services.RunAsync(stoppingToken), _slices.RunAsync(stoppingToken));

    private sealed class ServiceHandler(ServerNamespaceResolver resolver) : IResourceEventHandler<V1Service>
    {
        public void OnUpsert(V1Service resource) => resolver.UpsertService(resource);

        public void OnDelete(V1Service resource) => resolver.DeleteService(resource);

        public void OnSynced() => resolver.ServicesSynced();
    }

    private sealed class SliceHandler(ServerNamespaceResolver resolver) : IResourceEventHandler<V1EndpointSlice>
    {
        public void OnUpsert(V1EndpointSlice resource) => resolver.UpsertSlice(resource);

        public void OnDelete(V1EndpointSlice resource) => resolver.DeleteSlice(resource);

        public void OnSynced() => resolver.SlicesSynced();
    }
}
