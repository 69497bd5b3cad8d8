using ApiSentinel.Collector.Kubernetes.Specs;
using ApiSentinel.Collector.Kubernetes.Tests.Watching;
using ApiSentinel.Collector.Kubernetes.Writes;
using ApiSentinel.Crds;
using ApiSentinel.Crds.ApiSpecs;
using ApiSentinel.FakeApiServer.Http;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace ApiSentinel.Collector.Kubernetes.Tests.Specs;

/// <summary>How the controller reads ConfigMaps: only those an ApiSpec names are kept, and one it cannot list holds up no ApiSpec.</summary>
public sealed class ConfigMapAccessTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 3, 10, 0, 0, TimeSpan.Zero));
    private readonly SpecTestCatalog _catalog = new();
    private FakeCluster _cluster = null!;
    private ApiSpecController _controller = null!;

    public async Task InitializeAsync()
    {
        _cluster = await FakeCluster.StartAsync();
        _controller = new ApiSpecController(_cluster.Kube, _catalog, new WriteRateLimiter(1000, 1000, _time),
            new ApiSpecWatchOptions(), _time, NullLogger<ApiSpecController>.Instance);
    }

    public async Task DisposeAsync()
    {
        await _controller.StopAsync(CancellationToken.None);
        _controller.Dispose();
        await _cluster.DisposeAsync();
        await _catalog.DisposeAsync();
    }

    [Fact]
    public async Task Only_referenced_configmaps_are_kept_and_one_named_later_is_fetched_once()
    {
        await CreateConfigMapAsync("listed", ShopDocuments.Accounts);
        await CreateConfigMapAsync("unrelated-1", "not a spec");
        await CreateApiSpecAsync("first", "listed");
        await _controller.StartAsync(CancellationToken.None);
        await _controller.Synced.WaitAsync(TimeSpan.FromSeconds(30));
        await FakeCluster.EventuallyAsync(() => _controller.Counters.Parsed == 1, "the listed ConfigMap's document");
        Assert.Equal(1, _controller.ConfigMapWatch.Ignored);

        // Created while no ApiSpec names it: ignored by the watch; named afterwards: asked for once, by name.
        await CreateConfigMapAsync("later", ShopDocuments.AccountsAndStats);
        await CreateConfigMapAsync("unrelated-2", "not a spec");
        await FakeCluster.EventuallyAsync(() => _controller.ConfigMapWatch.Ignored == 3, "the unrelated ConfigMaps to be ignored");
        await CreateApiSpecAsync("second", "later");
        await FakeCluster.EventuallyAsync(() => _controller.Counters.Parsed == 2, "the later ConfigMap's document");
        Assert.Equal(1, _controller.Counters.ConfigMapsFetched);
        Assert.Equal(0, _controller.Counters.Failures);
        Assert.Single(_cluster.Server.Requests.Where(r => r.Plural == "configmaps" && r.Verb == KubeVerbs.Get));

        // A change of a referenced ConfigMap reaches the ApiSpec that names it through the watch.
        await _cluster.Kube.CoreV1.PatchNamespacedConfigMapAsync(new V1Patch(
            KubernetesJson.Serialize(new V1ConfigMap { Data = new Dictionary<string, string> { ["spec.yaml"] = ShopDocuments.AccountsAndStats } }),
            V1Patch.PatchType.MergePatch), "listed", "default");
        await FakeCluster.EventuallyAsync(() => _controller.Counters.Parsed == 3, "the changed ConfigMap");
        Assert.Equal(["default/first", "default/second"], _catalog.SpecIds.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Configmaps_that_cannot_be_listed_hold_up_no_apispec_and_those_naming_one_say_why()
    {
        var refused = _cluster.Server.Faults.Fail(403, verb: KubeVerbs.List, plural: "configmaps");
        await CreateConfigMapAsync("specs", ShopDocuments.Accounts);
        await CreateApiSpecAsync("from-configmap", "specs");
        await _cluster.Kube.CustomObjects.CreateNamespacedCustomObjectAsync(new V1Alpha1ApiSpec
        {
            Metadata = new V1ObjectMeta { Name = "inline", NamespaceProperty = "default" },
            Spec = new ApiSpecSpec { Document = ShopDocuments.Accounts, Hosts = ["inline.test"] },
        }, V1Alpha1ApiSpec.KubeGroup, V1Alpha1ApiSpec.KubeApiVersion, "default", V1Alpha1ApiSpec.KubePluralName);
        await _controller.StartAsync(CancellationToken.None);

        await FakeCluster.EventuallyAsync(() => _controller.Counters.Parsed == 1, "the inline spec");
        await FakeCluster.EventuallyAsync(() => Read("from-configmap")?.Status?.Phase == ApiSpecPhases.Invalid, "the waiting spec's status");
        var waiting = Read("from-configmap")!.Status!;
        Assert.Equal("ConfigMaps cannot be read: HTTP 403 Forbidden", waiting.Message);
        Assert.Equal((ApiSpecConditions.ReasonConfigMapsUnreadable, "False"), (waiting.Conditions![0].Reason, waiting.Conditions[0].Status));

        // Granted again: the watch's next try lists them, and the waiting spec is parsed.
        _cluster.Server.Faults.Remove(refused);
        await FakeCluster.EventuallyAsync(() =>
        {
            _time.Advance(TimeSpan.FromSeconds(5));
            return _controller.Counters.Parsed == 2;
        }, "the ConfigMap's document once ConfigMaps can be listed");
        Assert.Equal(["default/from-configmap", "default/inline"], _catalog.SpecIds.Order(StringComparer.Ordinal));
    }

    private Task CreateConfigMapAsync(string name, string document) =>
        _cluster.Kube.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap
        {
            Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = "default" },
            Data = new Dictionary<string, string> { ["spec.yaml"] = document },
        }, "default");

    private Task CreateApiSpecAsync(string name, string configMap) =>
        _cluster.Kube.CustomObjects.CreateNamespacedCustomObjectAsync(new V1Alpha1ApiSpec
        {
            Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = "default" },
            Spec = new ApiSpecSpec { ConfigMapRef = new ConfigMapKeyReference { Name = configMap, Key = "spec.yaml" }, Hosts = ["shop.test"] },
        }, V1Alpha1ApiSpec.KubeGroup, V1Alpha1ApiSpec.KubeApiVersion, "default", V1Alpha1ApiSpec.KubePluralName);

    private V1Alpha1ApiSpec? Read(string name) =>
        _cluster.Server.Get(ApiSentinelApi.ApiVersion, V1Alpha1ApiSpec.KubePluralName, "default", name) is { } json
            ? KubernetesJson.Deserialize<V1Alpha1ApiSpec>(json.ToJsonString())
            : null;
}
