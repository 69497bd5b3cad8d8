using ApiSentinel.Collector.Kubernetes.Events;
using ApiSentinel.Collector.Kubernetes.Specs;
using ApiSentinel.Collector.Kubernetes.Tests.Watching;
using ApiSentinel.Collector.Kubernetes.Writes;
using ApiSentinel.Crds;
using ApiSentinel.Crds.ApiSpecs;
using ApiSentinel.FakeApiServer;
using ApiSentinel.FakeApiServer.Http;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace ApiSentinel.Collector.Kubernetes.Tests.Specs;

/// <summary>
/// An ApiSpec deleted and created again while the controller is busy: both events coalesce into one reconcile of the
/// same key, which must see a new object (another uid) — with no status yet and owed its own Event.
/// </summary>
public sealed class RecreatedSpecTests
{
    [Fact]
    public async Task A_delete_and_create_coalesced_in_the_queue_give_the_new_object_its_status_and_event()
    {
        var serverTime = new FakeTimeProvider(new DateTimeOffset(2026, 12, 3, 10, 0, 0, TimeSpan.Zero));
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 3, 10, 0, 0, TimeSpan.Zero));
        await using var cluster = await FakeCluster.StartAsync(new FakeKubeOptions { Time = serverTime });
        await using var catalog = new SpecTestCatalog();
        using var controller = new ApiSpecController(cluster.Kube, catalog, new WriteRateLimiter(1000, 1000, time),
            new ApiSpecWatchOptions(), time, NullLogger<ApiSpecController>.Instance);
        await controller.StartAsync(CancellationToken.None);
        await controller.Synced.WaitAsync(TimeSpan.FromSeconds(30));

        await CreateAsync(cluster, "shop", ShopDocuments.NotOpenApi);
        await FakeCluster.EventuallyAsync(() => Read(cluster, "shop")?.Status?.Phase == ApiSpecPhases.Invalid, "the first status");
        var firstUid = Read(cluster, "shop")!.Metadata.Uid;

        // Hold the loop: another spec's Event waits on the server's clock.
        var hold = cluster.Server.Faults.Delay(TimeSpan.FromHours(1), verb: KubeVerbs.Create, plural: "events");
        await CreateAsync(cluster, "blocker", "openapi: [");
        await FakeCluster.EventuallyAsync(() => controller.Counters.Invalid == 2, "the loop to be held");
        var events = controller.SpecWatch.Events;
        await cluster.Kube.CustomObjects.DeleteNamespacedCustomObjectAsync(V1Alpha1ApiSpec.KubeGroup, V1Alpha1ApiSpec.KubeApiVersion,
            "default", V1Alpha1ApiSpec.KubePluralName, "shop");
        await CreateAsync(cluster, "shop", ShopDocuments.NotOpenApi);
        await FakeCluster.EventuallyAsync(() => controller.SpecWatch.Events >= events + 2, "the deletion and the creation to be watched");
        var secondUid = Read(cluster, "shop")!.Metadata.Uid;
        Assert.NotEqual(firstUid, secondUid);

        cluster.Server.Faults.Remove(hold);
        serverTime.Advance(TimeSpan.FromHours(1));
        await FakeCluster.EventuallyAsync(() => Read(cluster, "shop")?.Status?.Phase == ApiSpecPhases.Invalid, "the new object's status");
        await FakeCluster.EventuallyAsync(() => Events(cluster).Any(e => e.InvolvedObject.Name == "shop" && e.InvolvedObject.Uid == secondUid),
            "the new object's Event");
        Assert.Equal(1, controller.Counters.Recreated);
        await controller.StopAsync(CancellationToken.None);
    }

    private static Task CreateAsync(FakeCluster cluster, string name, string document) =>
        cluster.Kube.CustomObjects.CreateNamespacedCustomObjectAsync(
            new V1Alpha1ApiSpec
            {
                Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = "default" },
                Spec = new ApiSpecSpec { Document = document, Hosts = ["shop.test"] },
            },
            V1Alpha1ApiSpec.KubeGroup, V1Alpha1ApiSpec.KubeApiVersion, "default", V1Alpha1ApiSpec.KubePluralName);

    private static V1Alpha1ApiSpec? Read(FakeCluster cluster, string name) =>
        cluster.Server.Get(ApiSentinelApi.ApiVersion, V1Alpha1ApiSpec.KubePluralName, "default", name) is { } json
            ? KubernetesJson.Deserialize<V1Alpha1ApiSpec>(json.ToJsonString())
            : null;

    private static List<Corev1Event> Events(FakeCluster cluster) =>
        [.. cluster.Server.List("v1", "events", "default").Select(e => KubernetesJson.Deserialize<Corev1Event>(e.ToJsonString()))];
}
