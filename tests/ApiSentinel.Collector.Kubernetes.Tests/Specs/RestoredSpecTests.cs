using ApiSentinel.Collector.Kubernetes.Specs;
using ApiSentinel.Collector.Kubernetes.Tests.Watching;
using ApiSentinel.Collector.Kubernetes.Writes;
using ApiSentinel.Collector.Specs;
using ApiSentinel.Crds.ApiSpecs;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace ApiSentinel.Collector.Kubernetes.Tests.Specs;

/// <summary>
/// A restarted collector: its catalog comes back from the checkpoint with the specs of before, and the controller
/// reconciles them with the ApiSpecs it lists first (against the fake API server).
/// </summary>
public sealed class RestoredSpecTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 3, 10, 0, 0, TimeSpan.Zero));
    private readonly SpecTestCatalog _catalog = new();
    private FakeCluster _cluster = null!;
    private ApiSpecController? _controller;

    public async Task InitializeAsync()
    {
        _cluster = await FakeCluster.StartAsync();
        await _catalog.IngestShopAsync();
    }

    public async Task DisposeAsync()
    {
        if (_controller is not null)
        {
            await _controller.StopAsync(CancellationToken.None);
            _controller.Dispose();
        }
        await _cluster.DisposeAsync();
        await _catalog.DisposeAsync();
    }

    [Fact]
    public async Task Specs_whose_ApiSpec_went_while_the_collector_was_down_are_removed_and_the_listed_ones_stay()
    {
        // As the checkpoint restored them: one ApiSpec still there, one deleted meanwhile, one that became invalid.
        await _catalog.Owner.SetSpecAsync("default/kept", ApiSpec.Parse(ShopDocuments.Accounts, "default/kept"), ["shop.test"]);
        await _catalog.Owner.SetSpecAsync("default/deleted", ApiSpec.Parse(ShopDocuments.AccountsAndStats, "default/deleted"), ["shop.test"]);
        await _catalog.Owner.SetSpecAsync("default/broken", ApiSpec.Parse(ShopDocuments.AccountsAndStats, "default/broken"), ["shop.test"]);
        await CreateAsync("kept", new ApiSpecSpec { Document = ShopDocuments.Accounts, Hosts = ["shop.test"] });
        await CreateAsync("broken", new ApiSpecSpec { Document = ShopDocuments.NotOpenApi, Hosts = ["shop.test"] });
        Assert.Equal(["default/broken", "default/deleted", "default/kept"], await _catalog.Owner.SpecIdsAsync());

        _controller = new ApiSpecController(_cluster.Kube, _catalog, new WriteRateLimiter(1000, 1000, _time),
            new ApiSpecWatchOptions(), _time, NullLogger<ApiSpecController>.Instance);
        await _controller.StartAsync(CancellationToken.None);
        await FakeCluster.EventuallyAsync(() => _controller.Counters.Parsed == 1 && _controller.Counters.Invalid == 1,
            "both listed ApiSpecs to be reconciled");
        await FakeCluster.EventuallyAsync(() => _controller.Counters.Removed == 2, "the deleted and the invalid spec to be removed");

        Assert.Equal(["default/kept"], await _catalog.Owner.SpecIdsAsync());
        var states = await _catalog.BuildAsync();
        Assert.Equal(SpecStates.Conformant, states["/accounts/{id}"]);
        // Only the kept spec's document remains: the others documented /internal/stats.
        Assert.Equal(SpecStates.Shadow, states["/internal/stats"]);
    }

    private Task CreateAsync(string name, ApiSpecSpec spec) =>
        _cluster.Kube.CustomObjects.CreateNamespacedCustomObjectAsync(
            new V1Alpha1ApiSpec { Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = "default" }, Spec = spec },
            V1Alpha1ApiSpec.KubeGroup, V1Alpha1ApiSpec.KubeApiVersion, "default", V1Alpha1ApiSpec.KubePluralName);
}
