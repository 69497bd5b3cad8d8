using ApiSentinel.Collector.Kubernetes.Watching;
using ApiSentinel.Crds.ApiSpecs;
using ApiSentinel.FakeApiServer;
using k8s;
using k8s.Models;

namespace ApiSentinel.Collector.Kubernetes.Tests.Watching;

/// <summary>ResourceWatcher over KubernetesClient against the fake API server: real list and watch streams.</summary>
public sealed class KubernetesWatchSourceTests
{
    [Fact]
    public async Task A_configmap_watch_lists_then_follows_creates_updates_and_deletes()
    {
        await using var cluster = await FakeCluster.StartAsync();
        await CreateAsync(cluster, "a", "1");
        await CreateAsync(cluster, "b", "1");
        await CreateAsync(cluster, "elsewhere", "1", ns: "kube-system");
        var handler = new RecordingHandler();
        var watcher = new ResourceWatcher<V1ConfigMap>(KubernetesWatchSources.ConfigMaps(cluster.Kube, TimeProvider.System, "default"),
            handler, TimeProvider.System);
        using var stop = new CancellationTokenSource();
        var run = watcher.RunAsync(stop.Token);

        await watcher.Synced.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(["a", "b"], watcher.Items.Select(i => i.Metadata.Name).Order());
        var listed = watcher.ResourceVersion;

        await CreateAsync(cluster, "c", "1");
        await cluster.Kube.CoreV1.PatchNamespacedConfigMapAsync(
            new V1Patch("""{"data":{"v":"2"}}""", V1Patch.PatchType.MergePatch), "a", "default");
        await cluster.Kube.CoreV1.DeleteNamespacedConfigMapAsync("b", "default");
        await FakeCluster.EventuallyAsync(() => handler.Calls.Any(c => c.StartsWith("delete b@", StringComparison.Ordinal)), "b's deletion");

        Assert.Equal(["a", "c"], watcher.Items.Select(i => i.Metadata.Name).Order());
        Assert.True(watcher.TryGet("default", "a", out var a));
        Assert.Equal("2", a.Data["v"]);
        Assert.False(watcher.TryGet("kube-system", "elsewhere", out _));
        Assert.NotEqual(listed, watcher.ResourceVersion);
        Assert.Equal((1, 0, 3), (watcher.Counters.Lists, watcher.Counters.Errors, watcher.Counters.Events));
        // One list, then watches from the list's version on: never a poll.
        var requests = cluster.Server.Requests.Where(r => r.Plural == "configmaps");
        Assert.Single(requests, r => r.Verb == "list");

        await stop.CancelAsync();
        await run;
    }

    [Fact]
    public async Task An_expired_resource_version_relists_and_reports_what_was_deleted_while_the_watch_was_down()
    {
        await using var cluster = await FakeCluster.StartAsync(new FakeKubeOptions { WatchHistory = 2 });
        await CreateAsync(cluster, "a", "1");
        await CreateAsync(cluster, "b", "1");
        var handler = new RecordingHandler();
        var watcher = new ResourceWatcher<V1ConfigMap>(KubernetesWatchSources.ConfigMaps(cluster.Kube, TimeProvider.System, "default"),
            handler, TimeProvider.System);
        using var stop = new CancellationTokenSource();
        var run = watcher.RunAsync(stop.Token);
        await watcher.Synced.WaitAsync(TimeSpan.FromSeconds(30));

        // The watch drops and cannot come back while more changes happen than the server keeps.
        var down = cluster.Server.Faults.Fail(503, verb: "watch", plural: "configmaps");
        await cluster.Server.StopListeningAsync();
        await cluster.Server.ResumeListeningAsync();
        await cluster.Kube.CoreV1.DeleteNamespacedConfigMapAsync("b", "default");
        await CreateAsync(cluster, "c", "1");
        await CreateAsync(cluster, "d", "1");
        await CreateAsync(cluster, "e", "1");
        cluster.Server.Faults.Remove(down);

        await FakeCluster.EventuallyAsync(() => watcher.Counters.Relists == 1 && watcher.Items.Count == 4, "the relist");
        Assert.Contains(handler.Calls, c => c.StartsWith("delete b@", StringComparison.Ordinal));
        Assert.Equal(["a", "c", "d", "e"], watcher.Items.Select(i => i.Metadata.Name).Order());
        Assert.True(watcher.Counters.Errors >= 1);

        await stop.CancelAsync();
        await run;
    }

    [Fact]
    public async Task A_custom_resource_watch_yields_the_typed_resources()
    {
        await using var cluster = await FakeCluster.StartAsync();
        var handler = new SpecRecorder();
        var watcher = new ResourceWatcher<V1Alpha1ApiSpec>(
            KubernetesWatchSources.CustomResources<V1Alpha1ApiSpec, V1Alpha1ApiSpecList>(cluster.Kube, TimeProvider.System),
            handler, TimeProvider.System);
        using var stop = new CancellationTokenSource();
        var run = watcher.RunAsync(stop.Token);
        await watcher.Synced.WaitAsync(TimeSpan.FromSeconds(30));

        var spec = new V1Alpha1ApiSpec
        {
            Metadata = new V1ObjectMeta { Name = "shop", NamespaceProperty = "default" },
            Spec = new ApiSpecSpec { Document = "openapi: 3.0.0", Hosts = ["shop.test"] },
        };
        await cluster.Kube.CustomObjects.CreateNamespacedCustomObjectAsync(spec, V1Alpha1ApiSpec.KubeGroup,
            V1Alpha1ApiSpec.KubeApiVersion, "default", V1Alpha1ApiSpec.KubePluralName);
        // The handler hears of it just after the cache has it.
        await FakeCluster.EventuallyAsync(() => !handler.Calls.IsEmpty, "the ApiSpec");

        Assert.True(watcher.TryGet("default", "shop", out var seen));
        Assert.Equal("openapi: 3.0.0", seen.Spec.Document);
        Assert.Equal(["shop.test"], seen.Spec.Hosts!);
        Assert.Equal(1, seen.Metadata.Generation);
        Assert.Equal(["upsert shop"], handler.Calls);

        await stop.CancelAsync();
        await run;
    }

    private static Task CreateAsync(FakeCluster cluster, string name, string value, string ns = "default") =>
        cluster.Kube.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap
        {
            Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns },
            Data = new Dictionary<string, string> { ["v"] = value },
        }, ns);

    private sealed class SpecRecorder : IResourceEventHandler<V1Alpha1ApiSpec>
    {
        public System.Collections.Concurrent.ConcurrentQueue<string> Calls { get; } = new();

        public void OnUpsert(V1Alpha1ApiSpec resource) => Calls.Enqueue($"upsert {resource.Metadata.Name}");

        public void OnDelete(V1Alpha1ApiSpec resource) => Calls.Enqueue($"delete {resource.Metadata.Name}");

        public void OnSynced()
        {
        }
    }
}
