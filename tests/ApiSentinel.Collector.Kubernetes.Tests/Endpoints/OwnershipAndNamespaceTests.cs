using ApiSentinel.Collector.Kubernetes.Configuration;
using ApiSentinel.Collector.Kubernetes.Endpoints;
using ApiSentinel.Collector.Kubernetes.Namespaces;
using ApiSentinel.Crds;
using ApiSentinel.Crds.ApiEndpoints;
using k8s.Models;
using static ApiSentinel.Collector.Kubernetes.Tests.Endpoints.InMemoryApiEndpointWriter;
using static ApiSentinel.Collector.Kubernetes.Tests.Endpoints.SinkFixture;

namespace ApiSentinel.Collector.Kubernetes.Tests.Endpoints;

/// <summary>Which resources are this collector's (its instance label), and where an endpoint's resource lives.</summary>
public class OwnershipAndNamespaceTests
{
    [Fact]
    public async Task Two_collectors_in_one_cluster_never_delete_each_others_resources()
    {
        await using var cluster = await FakeCluster.StartAsync();
        var time = Clock();
        await using var east = new TestCatalog(time);
        await using var west = new TestCatalog(time);
        var eastSink = Sink(east, new KubernetesApiEndpointWriter(cluster.Client, KubernetesSinkDefaults.FieldManager, "east"), time, instance: "east");
        var westSink = Sink(west, new KubernetesApiEndpointWriter(cluster.Client, KubernetesSinkDefaults.FieldManager, "west"), time, instance: "west");
        var eastSnapshot = await east.IngestAsync(east.Call("GET", "/east", host: "east.example"));
        var westSnapshot = await west.IngestAsync(west.Call("GET", "/west", host: "west.example"));
        Assert.True(await eastSink.RestoreAsync(default));
        await eastSink.FlushAsync(eastSnapshot, default);

        // West starts after east wrote; its catalog does not name east's endpoint, and it must not see it at all.
        Assert.True(await westSink.RestoreAsync(default));
        await westSink.FlushAsync(westSnapshot, default);
        time.Advance(TimeSpan.FromDays(30));
        await westSink.FlushAsync(await west.IngestAsync(west.Call("GET", "/west", host: "west.example")), default);

        var eastName = Assert.Single(eastSnapshot.Endpoints).Identity;
        var stored = cluster.Server.Get(ApiSentinelApi.ApiVersion, V1Alpha1ApiEndpoint.KubePluralName, Fallback, eastName);
        Assert.NotNull(stored);
        Assert.Equal("east", (string?)stored["metadata"]!["labels"]![ApiSentinelLabels.Collector]);
        Assert.Equal(1, westSink.Resources);
    }

    [Fact]
    public async Task An_endpoint_keeps_its_namespace_while_its_servers_stop_resolving_and_moves_when_another_resolves()
    {
        var time = Clock();
        await using var catalog = new TestCatalog(time);
        var writer = new InMemoryApiEndpointWriter();
        var resolver = Synced(new ServerNamespaceResolver());
        resolver.UpsertService(Service("shop", "orders", "10.0.0.9"));
        var sink = Sink(catalog, writer, time, resolver: resolver);
        await sink.RestoreAsync(default);
        var snapshot = await catalog.IngestAsync(catalog.Call("GET", "/a"));
        await sink.FlushAsync(snapshot, default);
        var name = Assert.Single(snapshot.Endpoints).Identity;
        Assert.True(writer.Objects.ContainsKey(new ResourceKey("shop", name)));

        // A rollout: the Service's IP no longer maps (its pods rotated); the endpoint stays where it was.
        resolver.DeleteService(Service("shop", "orders", "10.0.0.9"));
        time.Advance(Interval);
        await sink.FlushAsync(await catalog.IngestAsync(catalog.Call("GET", "/a")), default);
        Assert.Equal(0, writer.Count(Delete));
        Assert.Equal([new ResourceKey("shop", name)], writer.Objects.Keys);

        // A restart keeps it too: the listed resource says where it was.
        var restarted = Sink(catalog, writer, time, resolver: resolver);
        await restarted.RestoreAsync(default);
        time.Advance(Interval);
        await restarted.FlushAsync(catalog.Owner.Latest, default);
        Assert.Equal([new ResourceKey("shop", name)], writer.Objects.Keys);

        // A different namespace resolving now is a move.
        resolver.UpsertService(Service("billing", "api", "10.0.0.9"));
        time.Advance(Interval);
        await restarted.FlushAsync(await catalog.IngestAsync(catalog.Call("GET", "/a")), default);
        Assert.Equal([new ResourceKey("billing", name)], writer.Objects.Keys);
    }

    private static V1Service Service(string ns, string name, string ip) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns },
        Spec = new V1ServiceSpec { ClusterIP = ip, ClusterIPs = [ip] },
    };
}
