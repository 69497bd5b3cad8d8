using ApiSentinel.Collector.Kubernetes.Events;
using ApiSentinel.Collector.Kubernetes.Specs;
using ApiSentinel.Collector.Kubernetes.Tests.Watching;
using ApiSentinel.Collector.Kubernetes.Writes;
using ApiSentinel.Collector.Specs;
using ApiSentinel.Crds;
using ApiSentinel.Crds.ApiSpecs;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace ApiSentinel.Collector.Kubernetes.Tests.Specs;

/// <summary>The controller against the fake API server, with a real catalog; the controller's clock is a fake one the tests advance.</summary>
public sealed class ApiSpecControllerTests : IAsyncLifetime
{
    private static readonly TimeSpan Refresh = new ApiSpecWatchOptions().StatusRefreshInterval;

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 3, 10, 0, 0, TimeSpan.Zero));
    private readonly SpecTestCatalog _catalog = new();
    private FakeCluster _cluster = null!;
    private ApiSpecController _controller = null!;

    public async Task InitializeAsync()
    {
        _cluster = await FakeCluster.StartAsync();
        await _catalog.IngestShopAsync();
        await _catalog.IngestShopAsync("shop.default.svc.cluster.local");
        _controller = new ApiSpecController(_cluster.Kube, _catalog, new WriteRateLimiter(1000, 1000, _time),
            new ApiSpecWatchOptions(), _time, NullLogger<ApiSpecController>.Instance);
        await _controller.StartAsync(CancellationToken.None);
        await _controller.Synced.WaitAsync(TimeSpan.FromSeconds(30));
    }

    public async Task DisposeAsync()
    {
        await _controller.StopAsync(CancellationToken.None);
        _controller.Dispose();
        await _cluster.DisposeAsync();
        await _catalog.DisposeAsync();
    }

    [Fact]
    public async Task An_inline_spec_reaches_the_catalog_and_its_status_reports_the_figures_of_a_build_that_used_it()
    {
        var before = await _catalog.BuildAsync();
        Assert.All(before.Values, state => Assert.Equal(SpecStates.NoSpec, state));

        await CreateAsync("shop", new ApiSpecSpec { Document = ShopDocuments.Accounts, Hosts = ["shop.test"] });
        await FakeCluster.EventuallyAsync(() => _controller.Counters.Parsed == 1, "the spec to be parsed");
        var after = await _catalog.BuildAsync();
        Assert.Equal(["default/shop"], _catalog.SpecIds);
        Assert.Equal(SpecStates.Conformant, after["/accounts/{id}"]);
        Assert.Equal(SpecStates.Shadow, after["/internal/stats"]);
        // Another host, not described by the spec, stays without one.
        Assert.All((await _catalog.BuildAsync("shop.default.svc.cluster.local")).Values, s => Assert.Equal(SpecStates.NoSpec, s));

        _time.Advance(Refresh);
        var status = await StatusEventuallyAsync("shop", s => s?.Phase == ApiSpecPhases.Parsed);
        Assert.Equal((2L, 1L, 0L, 1L, null), (status.Endpoints, status.Shadow, status.NonConformant, status.ObservedGeneration, status.Message));
        Assert.Collection(status.Conditions!,
            parsed => Assert.Equal((ApiSpecConditions.Parsed, "True", ApiSpecConditions.ReasonParsed, 1L),
                (parsed.Type, parsed.Status, parsed.Reason, parsed.ObservedGeneration)),
            ready => Assert.Equal((ApiSpecConditions.Ready, "True", ApiSpecConditions.ReasonSpecInUse),
                (ready.Type, ready.Status, ready.Reason)));
        var write = Assert.Single(StatusWrites());
        Assert.Equal((ApiSentinelLabels.ManagedByCollector, "application/apply-patch+yaml"), (write.FieldManager, write.ContentType?.Split(';')[0]));
    }

    [Fact]
    public async Task Nothing_changed_means_no_status_write_and_an_edit_keeps_the_transition_times()
    {
        await CreateAsync("shop", new ApiSpecSpec { Document = ShopDocuments.Accounts, Hosts = ["shop.test"] });
        await FakeCluster.EventuallyAsync(() => _controller.Counters.Parsed == 1, "the spec to be parsed");
        await _catalog.BuildAsync();
        _time.Advance(Refresh);
        var first = await StatusEventuallyAsync("shop", s => s?.Phase == ApiSpecPhases.Parsed);

        // Builds with nothing new, refresh after refresh: the figures are the same, so nothing is written.
        for (var i = 0; i < 3; i++)
        {
            var reconciles = _controller.Counters.Reconciles;
            await _catalog.BuildAsync();
            _time.Advance(Refresh);
            await FakeCluster.EventuallyAsync(() => _controller.Counters.Reconciles > reconciles, "the refresh");
        }

        // An edit of the document (generation 2) that still parses, and documents /internal/stats.
        await PatchSpecAsync("shop", new ApiSpecSpec { Document = ShopDocuments.AccountsAndStats });
        await FakeCluster.EventuallyAsync(() => _controller.Counters.Parsed == 2, "the edit to be parsed");
        Assert.Equal(SpecStates.Conformant, (await _catalog.BuildAsync())["/internal/stats"]);
        _time.Advance(Refresh);
        var edited = await StatusEventuallyAsync("shop", s => s?.ObservedGeneration == 2);

        Assert.Equal(2, StatusWrites().Count);
        Assert.Equal((2L, 0L), (edited.Endpoints, edited.Shadow));
        Assert.Equal(first.Conditions!.Select(c => c.LastTransitionTime), edited.Conditions!.Select(c => c.LastTransitionTime));
        Assert.All(edited.Conditions!, c => Assert.Equal(2L, c.ObservedGeneration));
        Assert.True(_time.GetUtcNow().UtcDateTime - first.Conditions![0].LastTransitionTime >= Refresh * 4);
    }

    [Fact]
    public async Task A_configmap_document_is_invalid_until_it_exists_and_parsed_again_when_it_changes()
    {
        await CreateAsync("shop", new ApiSpecSpec
        {
            ConfigMapRef = new ConfigMapKeyReference { Name = "specs", Key = "shop.yaml" },
            Hosts = ["shop.test"],
        });
        var missing = await StatusEventuallyAsync("shop", s => s?.Phase == ApiSpecPhases.Invalid);
        Assert.Equal("ConfigMap default/specs not found", missing.Message);
        Assert.Equal((ApiSpecConditions.ReasonConfigMapNotFound, "False"), (missing.Conditions![0].Reason, missing.Conditions[0].Status));
        Assert.Empty(_catalog.SpecIds);
        var warning = Assert.Single(Events());
        Assert.Equal(("Warning", EventReasons.InvalidApiSpec, "ConfigMap default/specs not found", "ApiSpec", "shop"),
            (warning.Type, warning.Reason, warning.Message, warning.InvolvedObject.Kind, warning.InvolvedObject.Name));

        // The same problem again (an unrelated edit) is not a new Event.
        await PatchSpecAsync("shop", new ApiSpecSpec { Hosts = ["shop.test", "shop.example"] });
        await FakeCluster.EventuallyAsync(() => _controller.Counters.Invalid == 2, "the edit");

        await _cluster.Kube.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap
        {
            Metadata = new V1ObjectMeta { Name = "specs", NamespaceProperty = "default" },
            Data = new Dictionary<string, string> { ["shop.yaml"] = ShopDocuments.Accounts },
        }, "default");
        await FakeCluster.EventuallyAsync(() => _controller.Counters.Parsed == 1, "the ConfigMap's document to be parsed");
        Assert.Equal(SpecStates.Shadow, (await _catalog.BuildAsync())["/internal/stats"]);
        Assert.Equal(["default/shop"], _catalog.SpecIds);
        Assert.Single(Events());

        await _cluster.Kube.CoreV1.PatchNamespacedConfigMapAsync(new V1Patch(
            KubernetesJson.Serialize(new V1ConfigMap { Data = new Dictionary<string, string> { ["shop.yaml"] = ShopDocuments.AccountsAndStats } }),
            V1Patch.PatchType.MergePatch), "specs", "default");
        await FakeCluster.EventuallyAsync(() => _controller.Counters.Parsed == 2, "the changed ConfigMap to be parsed");
        Assert.Equal(SpecStates.Conformant, (await _catalog.BuildAsync())["/internal/stats"]);
        _time.Advance(Refresh);
        var parsed = await StatusEventuallyAsync("shop", s => s?.Phase == ApiSpecPhases.Parsed);
        Assert.Equal((2L, 0L, null), (parsed.Endpoints, parsed.Shadow, parsed.Message));
    }

    [Fact]
    public async Task Invalid_and_hostile_documents_are_invalid_statuses_and_the_controller_goes_on()
    {
        await CreateAsync("not-openapi", new ApiSpecSpec { Document = ShopDocuments.NotOpenApi, Hosts = ["shop.test"] });
        await CreateAsync("deep", new ApiSpecSpec { Document = ShopDocuments.DeeplyNested, Hosts = ["shop.test"] });
        await CreateAsync("bomb", new ApiSpecSpec { Document = ShopDocuments.AliasBomb, Hosts = ["shop.test"] });
        await CreateAsync("shop", new ApiSpecSpec { Document = ShopDocuments.Accounts, Hosts = ["shop.test"] });

        foreach (var name in new[] { "not-openapi", "deep", "bomb" })
        {
            var status = await StatusEventuallyAsync(name, s => s?.Phase == ApiSpecPhases.Invalid);
            Assert.StartsWith($"apispec default/{name}", status.Message, StringComparison.Ordinal);
            Assert.Equal(ApiSpecConditions.ReasonInvalidDocument, status.Conditions![0].Reason);
        }
        await FakeCluster.EventuallyAsync(() => _controller.Counters.Parsed == 1, "the valid spec to be parsed");
        await _catalog.BuildAsync();
        Assert.Equal(["default/shop"], _catalog.SpecIds);
        Assert.Equal(3, Events().Count);
        Assert.Equal(0, _controller.Counters.Failures);
    }

    [Fact]
    public async Task Becoming_invalid_or_being_deleted_takes_the_spec_out_of_the_catalog()
    {
        await CreateAsync("shop", new ApiSpecSpec { Document = ShopDocuments.Accounts, Hosts = ["shop.test"] });
        await FakeCluster.EventuallyAsync(() => _controller.Counters.Parsed == 1, "the spec to be parsed");
        Assert.Equal(SpecStates.Shadow, (await _catalog.BuildAsync())["/internal/stats"]);

        await PatchSpecAsync("shop", new ApiSpecSpec { Document = ShopDocuments.NotOpenApi });
        await FakeCluster.EventuallyAsync(() => _controller.Counters.Removed == 1, "the spec to be removed");
        Assert.All((await _catalog.BuildAsync()).Values, s => Assert.Equal(SpecStates.NoSpec, s));
        Assert.Empty(_catalog.SpecIds);

        await PatchSpecAsync("shop", new ApiSpecSpec { Document = ShopDocuments.Accounts });
        await FakeCluster.EventuallyAsync(() => _controller.Counters.Parsed == 2, "the spec to be parsed again");
        await _catalog.BuildAsync();
        Assert.Equal(["default/shop"], _catalog.SpecIds);

        await _cluster.Kube.CustomObjects.DeleteNamespacedCustomObjectAsync(V1Alpha1ApiSpec.KubeGroup, V1Alpha1ApiSpec.KubeApiVersion,
            "default", V1Alpha1ApiSpec.KubePluralName, "shop");
        await FakeCluster.EventuallyAsync(() => _controller.Counters.Removed == 2, "the deletion");
        Assert.All((await _catalog.BuildAsync()).Values, s => Assert.Equal(SpecStates.NoSpec, s));
        Assert.Empty(_catalog.SpecIds);
    }

    [Fact]
    public async Task A_service_reference_binds_the_spec_to_the_services_dns_names()
    {
        await CreateAsync("shop", new ApiSpecSpec { Document = ShopDocuments.Accounts, Services = [new ServiceReference { Name = "shop" }] });
        await FakeCluster.EventuallyAsync(() => _controller.Counters.Parsed == 1, "the spec to be parsed");

        var states = await _catalog.BuildAsync("shop.default.svc.cluster.local");
        Assert.Equal(SpecStates.Conformant, states["/accounts/{id}"]);
        Assert.Equal(SpecStates.Shadow, states["/internal/stats"]);
        Assert.All((await _catalog.BuildAsync("shop.test")).Values, s => Assert.Equal(SpecStates.NoSpec, s));
        _time.Advance(Refresh);
        var status = await StatusEventuallyAsync("shop", s => s?.Phase == ApiSpecPhases.Parsed);
        Assert.Equal((2L, 1L), (status.Endpoints, status.Shadow));
    }

    [Fact]
    public async Task A_second_change_within_the_refresh_interval_waits_for_the_next_refresh()
    {
        await CreateAsync("shop", new ApiSpecSpec { Document = ShopDocuments.NotOpenApi, Hosts = ["shop.test"] });
        var first = await StatusEventuallyAsync("shop", s => s?.Phase == ApiSpecPhases.Invalid);

        await PatchSpecAsync("shop", new ApiSpecSpec { Document = "openapi: [" });
        await FakeCluster.EventuallyAsync(() => _controller.Counters.StatusWritesDeferred == 1, "the deferral");
        Assert.Single(StatusWrites());

        _time.Advance(Refresh);
        var second = await StatusEventuallyAsync("shop", s => s?.ObservedGeneration == 2);
        Assert.NotEqual(first.Message, second.Message);
        Assert.Equal(2, StatusWrites().Count);
        Assert.Equal(2, Events().Count);
    }

    [Fact]
    public async Task A_restarted_controller_rewrites_no_status_and_repeats_no_event()
    {
        await CreateAsync("shop", new ApiSpecSpec { Document = ShopDocuments.Accounts, Hosts = ["shop.test"] });
        await CreateAsync("broken", new ApiSpecSpec { Document = ShopDocuments.NotOpenApi, Hosts = ["shop.test"] });
        await FakeCluster.EventuallyAsync(() => _controller.Counters.Parsed == 1, "the spec to be parsed");
        await _catalog.BuildAsync();
        _time.Advance(Refresh);
        await StatusEventuallyAsync("shop", s => s?.Phase == ApiSpecPhases.Parsed);
        await StatusEventuallyAsync("broken", s => s?.Phase == ApiSpecPhases.Invalid);
        await _controller.StopAsync(CancellationToken.None);
        var writes = StatusWrites().Count;

        // A new process: a catalog restored with the same traffic, and a controller that only knows the resources.
        await using var restored = new SpecTestCatalog();
        await restored.IngestShopAsync();
        using var restarted = new ApiSpecController(_cluster.Kube, restored, new WriteRateLimiter(1000, 1000, _time),
            new ApiSpecWatchOptions(), _time, NullLogger<ApiSpecController>.Instance);
        await restarted.StartAsync(CancellationToken.None);
        await FakeCluster.EventuallyAsync(() => restarted.Counters.Parsed == 1 && restarted.Counters.Invalid == 1, "both specs");
        await restored.BuildAsync();
        var reconciles = restarted.Counters.Reconciles;
        _time.Advance(Refresh);
        await FakeCluster.EventuallyAsync(() => restarted.Counters.Reconciles >= reconciles + 2, "the refresh");
        await restarted.StopAsync(CancellationToken.None);

        Assert.Equal(["default/shop"], restored.SpecIds);
        Assert.Equal(writes, StatusWrites().Count);
        Assert.Single(Events());
        Assert.Equal(0, restarted.Counters.Events);
    }

    [Fact]
    public async Task A_refused_status_write_is_counted_and_retried_at_the_next_refresh()
    {
        var refused = _cluster.Server.Faults.Fail(503, times: 1, verb: "patch", plural: V1Alpha1ApiSpec.KubePluralName);
        await CreateAsync("shop", new ApiSpecSpec { Document = ShopDocuments.NotOpenApi, Hosts = ["shop.test"] });
        await FakeCluster.EventuallyAsync(() => _controller.Counters.StatusWriteFailures == 1, "the refused write");
        Assert.Null(Read("shop")!.Status);
        Assert.Equal(1, refused.Hits);

        _time.Advance(Refresh);
        var status = await StatusEventuallyAsync("shop", s => s?.Phase == ApiSpecPhases.Invalid);
        Assert.StartsWith("apispec default/shop", status.Message, StringComparison.Ordinal);
        // Counted once the response is back, which may be just after the server stored the status.
        await FakeCluster.EventuallyAsync(() => _controller.Counters.StatusWrites == 1, "the write to be counted");
    }

    [Fact]
    public async Task Refresh_ticks_and_status_writes_hash_no_document_and_an_edit_does()
    {
        await CreateAsync("shop", new ApiSpecSpec { Document = ShopDocuments.Accounts, Hosts = ["shop.test"] });
        await FakeCluster.EventuallyAsync(() => _controller.Counters.Parsed == 1, "the spec to be parsed");
        for (var i = 0; i < 3; i++)
        {
            await _catalog.BuildAsync();
            var reconciles = _controller.Counters.Reconciles;
            _time.Advance(Refresh);
            await FakeCluster.EventuallyAsync(() => _controller.Counters.Reconciles > reconciles, "the refresh");
        }
        await StatusEventuallyAsync("shop", s => s?.Phase == ApiSpecPhases.Parsed);
        Assert.Equal(1, _controller.Counters.DocumentsHashed);

        await PatchSpecAsync("shop", new ApiSpecSpec { Document = ShopDocuments.AccountsAndStats });
        await FakeCluster.EventuallyAsync(() => _controller.Counters.Parsed == 2, "the edit to be parsed");
        Assert.Equal(2, _controller.Counters.DocumentsHashed);
    }

    [Fact]
    public async Task A_status_someone_wiped_is_written_again()
    {
        await CreateAsync("shop", new ApiSpecSpec { Document = ShopDocuments.NotOpenApi, Hosts = ["shop.test"] });
        var written = await StatusEventuallyAsync("shop", s => s?.Phase == ApiSpecPhases.Invalid);
        await FakeCluster.EventuallyAsync(() => _controller.Counters.StatusWrites == 1, "the write to be counted");
        _time.Advance(Refresh);

        await _cluster.Kube.CustomObjects.PatchNamespacedCustomObjectStatusAsync(new V1Patch("{\"status\":null}", V1Patch.PatchType.MergePatch),
            V1Alpha1ApiSpec.KubeGroup, V1Alpha1ApiSpec.KubeApiVersion, "default", V1Alpha1ApiSpec.KubePluralName, "shop");
        Assert.Null(Read("shop")!.Status);

        var again = await StatusEventuallyAsync("shop", s => s?.Phase == ApiSpecPhases.Invalid);
        Assert.Equal(written.Message, again.Message);
        await FakeCluster.EventuallyAsync(() => _controller.Counters.StatusWrites == 2, "the second write to be counted");
    }

    private Task CreateAsync(string name, ApiSpecSpec spec) =>
        _cluster.Kube.CustomObjects.CreateNamespacedCustomObjectAsync(
            new V1Alpha1ApiSpec { Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = "default" }, Spec = spec },
            V1Alpha1ApiSpec.KubeGroup, V1Alpha1ApiSpec.KubeApiVersion, "default", V1Alpha1ApiSpec.KubePluralName);

    // A merge patch of the spec: a document given replaces the other one (configMapRef is removed by an explicit null).
    private Task PatchSpecAsync(string name, ApiSpecSpec spec)
    {
        var body = new System.Text.Json.Nodes.JsonObject
        {
            ["spec"] = System.Text.Json.Nodes.JsonNode.Parse(KubernetesJson.Serialize(spec)),
        };
        return _cluster.Kube.CustomObjects.PatchNamespacedCustomObjectAsync(new V1Patch(body.ToJsonString(), V1Patch.PatchType.MergePatch),
            V1Alpha1ApiSpec.KubeGroup, V1Alpha1ApiSpec.KubeApiVersion, "default", V1Alpha1ApiSpec.KubePluralName, name);
    }

    private V1Alpha1ApiSpec? Read(string name) =>
        _cluster.Server.Get(ApiSentinelApi.ApiVersion, V1Alpha1ApiSpec.KubePluralName, "default", name) is { } json
            ? KubernetesJson.Deserialize<V1Alpha1ApiSpec>(json.ToJsonString())
            : null;

    private async Task<ApiSpecStatus> StatusEventuallyAsync(string name, Func<ApiSpecStatus?, bool> condition)
    {
        await FakeCluster.EventuallyAsync(() => condition(Read(name)?.Status), $"the status of {name}");
        return Read(name)!.Status!;
    }

    private List<ApiSentinel.FakeApiServer.Http.RequestRecord> StatusWrites() =>
        [.. _cluster.Server.Requests.Where(r => r.Plural == V1Alpha1ApiSpec.KubePluralName && r.Subresource == "status" && r.Status < 300)];

    private List<Corev1Event> Events() =>
        [.. _cluster.Server.List("v1", "events", "default").Select(e => KubernetesJson.Deserialize<Corev1Event>(e.ToJsonString()))];
}
