using ApiSentinel.Collector.Kubernetes.Namespaces;
using ApiSentinel.Collector.Kubernetes.Tests.Endpoints;
using ApiSentinel.Collector.Kubernetes.Watching;

namespace ApiSentinel.Collector.Kubernetes.Tests.Namespaces;

/// <summary>The resolver fed by real watches of the fake API server: changes after the first list arrive as watch events.</summary>
public class ServerNamespaceWatchTests
{
    [Fact]
    public async Task Services_and_slices_created_and_deleted_after_the_list_reach_the_resolver_through_the_watch()
    {
        await using var cluster = await FakeCluster.StartAsync("payments");
        var resolver = new ServerNamespaceResolver();
        var watch = new ServerNamespaceWatch(
            KubernetesWatchSources.Services(cluster.Client, TimeProvider.System),
            KubernetesWatchSources.EndpointSlices(cluster.Client, TimeProvider.System),
            resolver, TimeProvider.System);
        using var stop = new CancellationTokenSource();
        await watch.StartAsync(stop.Token);
        await resolver.Synced.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Null(resolver.Locate("10.96.7.7:443"));

        await cluster.Server.ApplyManifestAsync("""
            apiVersion: v1
            kind: Service
            metadata: { name: cards, namespace: payments }
            spec: { clusterIP: 10.96.7.7, clusterIPs: [10.96.7.7], ports: [ { port: 443 } ] }
            ---
            apiVersion: discovery.k8s.io/v1
            kind: EndpointSlice
            metadata: { name: cards-1, namespace: payments, labels: { kubernetes.io/service-name: cards } }
            addressType: IPv4
            endpoints: [ { addresses: [10.244.9.9] } ]
            """);
        await Until(() => resolver.Locate("10.96.7.7:443") is not null && resolver.Locate("10.244.9.9:8443") is not null);
        Assert.Equal(new ServerLocation("payments", "cards"), resolver.Locate("10.244.9.9:8443"));

        using (var _ = await cluster.Client.DiscoveryV1.DeleteNamespacedEndpointSliceWithHttpMessagesAsync("cards-1", "payments"))
        {
        }
        await Until(() => resolver.Locate("10.244.9.9:8443") is null);
        Assert.NotNull(resolver.Locate("10.96.7.7:443"));
        Assert.True(watch.SliceCounters.Events >= 2);

        await stop.CancelAsync();
        await watch.StopAsync(default);
    }

    private static async Task Until(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the watch never delivered the change");
            await Task.Delay(50);
        }
    }
}
