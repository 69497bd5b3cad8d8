using ApiSentinel.Collector.Kubernetes.Configuration;
using ApiSentinel.Collector.Kubernetes.Resources;
using ApiSentinel.Collector.Kubernetes.Endpoints;
using ApiSentinel.Collector.Kubernetes.Namespaces;
using ApiSentinel.Collector.Kubernetes.Watching;
using ApiSentinel.Collector.Kubernetes.Writes;
using ApiSentinel.Collector.Specs;
using ApiSentinel.Crds;
using ApiSentinel.Crds.ApiEndpoints;
using static ApiSentinel.Collector.Kubernetes.Tests.Endpoints.SinkFixture;

namespace ApiSentinel.Collector.Kubernetes.Tests.Endpoints;

/// <summary>The sink with its real writer against the fake API server: server-side apply, the status subresource, schema validation.</summary>
public class FakeServerSinkTests
{
    private const string ApiVersion = ApiSentinelApi.ApiVersion;
    private const string Plural = V1Alpha1ApiEndpoint.KubePluralName;

    [Fact]
    public async Task Writes_appear_with_names_labels_and_status_and_a_flush_without_change_writes_nothing()
    {
        await using var cluster = await FakeCluster.StartAsync();
        var time = Clock();
        await using var catalog = new TestCatalog(time);
        var writer = new KubernetesApiEndpointWriter(cluster.Client, KubernetesSinkDefaults.FieldManager, KubernetesSinkDefaults.Instance);
        var sink = Sink(catalog, writer, time);
        var snapshot = await catalog.IngestAsync(catalog.Call("GET", "/users/1"), catalog.Call("POST", "/orders", auth: "none"));

        Assert.True(await sink.RestoreAsync(default));
        await sink.FlushAsync(snapshot, default);
        Assert.Equal(0, sink.Pending);
        foreach (var endpoint in snapshot.Endpoints)
        {
            var stored = cluster.Server.Get(ApiVersion, Plural, Fallback, endpoint.Identity);
            Assert.NotNull(stored);
            Assert.Equal(endpoint.Key.PathTemplate, (string?)stored["spec"]!["path"]);
            Assert.Equal(endpoint.Risk.Level, (string?)stored["metadata"]!["labels"]![ApiSentinelLabels.Risk]);
            Assert.Equal(ApiSentinelLabels.ManagedByCollector, (string?)stored["metadata"]!["labels"]![ApiSentinelLabels.ManagedBy]);
            Assert.Equal(ProjectionMarker.Of(endpoint.ChangeMarker, Fallback, "", ProjectionBounds.Default), (string?)stored["status"]!["changeMarker"]);
        }
        Assert.All(cluster.Server.Requests.Where(r => r.Plural == Plural && r.Method == "PATCH"),
            r => Assert.Equal(("apisentinel-collector", true), (r.FieldManager, r.Status is 200 or 201)));

        var writes = cluster.EndpointWrites();
        time.Advance(Interval);
        await sink.FlushAsync(await catalog.Owner.BuildAsync(), default);
        Assert.Equal(writes, cluster.EndpointWrites());
    }

    [Fact]
    public async Task A_restart_with_the_same_catalog_writes_nothing()
    {
        await using var cluster = await FakeCluster.StartAsync();
        var time = Clock();
        await using var catalog = new TestCatalog(time);
        var writer = new KubernetesApiEndpointWriter(cluster.Client, KubernetesSinkDefaults.FieldManager, KubernetesSinkDefaults.Instance);
        var snapshot = await catalog.IngestAsync(catalog.Call("GET", "/users/1"), catalog.Call("GET", "/users/1/orders"), catalog.Call("DELETE", "/users/2"));
        var first = Sink(catalog, writer, time);
        await first.RestoreAsync(default);
        await first.FlushAsync(snapshot, default);
        var writes = cluster.EndpointWrites();

        var restarted = Sink(catalog, writer, time);
        Assert.True(await restarted.RestoreAsync(default));
        await restarted.FlushAsync(snapshot, default);
        Assert.Equal(writes, cluster.EndpointWrites());
        Assert.Equal(snapshot.Endpoints.Count, restarted.Resources);
    }

    [Fact]
    public async Task A_server_failing_with_429_and_503_for_a_while_is_survived_with_every_endpoint_written()
    {
        await using var cluster = await FakeCluster.StartAsync();
        var time = Clock();
        await using var catalog = new TestCatalog(time);
        var counters = new KubernetesSinkCounters();
        var sink = Sink(catalog, new KubernetesApiEndpointWriter(cluster.Client, KubernetesSinkDefaults.FieldManager, KubernetesSinkDefaults.Instance), time, counters);
        await sink.RestoreAsync(default);
        var snapshot = await catalog.IngestAsync([.. Enumerable.Range(0, 6).Select(i => catalog.Call("GET", "/items", host: $"api{i}.example"))]);
        Assert.Equal(6, snapshot.Endpoints.Count);
        cluster.Server.Faults.Fail(429, times: 2, plural: Plural, retryAfter: TimeSpan.FromSeconds(3));
        cluster.Server.Faults.Fail(503, times: 3, plural: Plural);

        for (var flush = 0; flush < 30 && (sink.Pending > 0 || flush == 0); flush++)
        {
            await sink.FlushAsync(catalog.Owner.Latest, default);
            time.Advance(TimeSpan.FromSeconds(5));
        }

        Assert.Equal(0, sink.Pending);
        Assert.Equal(snapshot.Endpoints.Count, cluster.Server.List(ApiVersion, Plural, Fallback).Count);
        Assert.All(cluster.Server.List(ApiVersion, Plural, Fallback), o => Assert.NotNull(o["status"]?["changeMarker"]));
        Assert.Equal(2, counters.FailuresOf(WriteFailureReasons.Throttled));
        Assert.Equal(3, counters.FailuresOf(WriteFailureReasons.ServerError));
        // Each failure paused the whole sink: five failures, five pauses, not one failed request per endpoint.
        Assert.Equal(5, counters.Backoffs);
    }

    [Fact]
    public async Task A_server_gone_and_back_loses_nothing()
    {
        await using var cluster = await FakeCluster.StartAsync();
        var time = Clock();
        await using var catalog = new TestCatalog(time);
        var counters = new KubernetesSinkCounters();
        var sink = Sink(catalog, new KubernetesApiEndpointWriter(cluster.Client, KubernetesSinkDefaults.FieldManager, KubernetesSinkDefaults.Instance), time, counters);
        await sink.RestoreAsync(default);
        await cluster.Server.StopListeningAsync();
        await catalog.IngestAsync(catalog.Call("GET", "/a"), catalog.Call("GET", "/b"));
        await sink.FlushAsync(catalog.Owner.Latest, default);
        Assert.Equal(1, counters.FailuresOf(WriteFailureReasons.Unreachable));
        Assert.True(sink.PausedUntil > time.GetUtcNow());

        await cluster.Server.ResumeListeningAsync();
        time.Advance(TimeSpan.FromSeconds(2));
        await sink.FlushAsync(catalog.Owner.Latest, default);
        Assert.Equal(2, cluster.Server.List(ApiVersion, Plural, Fallback).Count);
    }

    [Fact]
    public async Task A_merge_deletes_the_superseded_resource()
    {
        await using var cluster = await FakeCluster.StartAsync();
        var time = Clock();
        await using var catalog = new TestCatalog(time);
        var sink = Sink(catalog, new KubernetesApiEndpointWriter(cluster.Client, KubernetesSinkDefaults.FieldManager, KubernetesSinkDefaults.Instance), time);
        await sink.RestoreAsync(default);
        await catalog.Owner.SetSpecAsync("teams", Teams.Literal);
        var before = await catalog.IngestAsync(catalog.Call("GET", "/teams/alpha"), catalog.Call("GET", "/teams/beta"));
        Assert.Equal(2, before.Endpoints.Count);
        await sink.FlushAsync(before, default);
        Assert.Equal(2, cluster.Server.List(ApiVersion, Plural, Fallback).Count);

        await catalog.Owner.SetSpecAsync("teams", Teams.Templated);
        time.Advance(Interval);
        var survivor = Assert.Single((await catalog.Owner.BuildAsync()).Endpoints);
        await sink.FlushAsync(catalog.Owner.Latest, default);

        var left = Assert.Single(cluster.Server.List(ApiVersion, Plural, Fallback));
        Assert.Equal(survivor.Identity, (string?)left["metadata"]!["name"]);
    }

    [Fact]
    public async Task An_endpoint_goes_to_the_namespace_of_the_service_behind_its_server_address()
    {
        await using var cluster = await FakeCluster.StartAsync("shop");
        await cluster.Server.ApplyManifestAsync("""
            apiVersion: v1
            kind: Service
            metadata: { name: orders, namespace: shop }
            spec: { clusterIP: 10.96.0.20, clusterIPs: [10.96.0.20], ports: [ { port: 80 } ] }
            ---
            apiVersion: discovery.k8s.io/v1
            kind: EndpointSlice
            metadata: { name: orders-abc, namespace: shop, labels: { kubernetes.io/service-name: orders } }
            addressType: IPv4
            endpoints: [ { addresses: [10.244.1.7] } ]
            """);
        var time = Clock();
        await using var catalog = new TestCatalog(time);
        var resolver = new ServerNamespaceResolver();
        var watch = new ServerNamespaceWatch(
            KubernetesWatchSources.Services(cluster.Client, TimeProvider.System),
            KubernetesWatchSources.EndpointSlices(cluster.Client, TimeProvider.System),
            resolver, TimeProvider.System);
        using var stop = new CancellationTokenSource();
        await watch.StartAsync(stop.Token);
        await resolver.Synced.WaitAsync(TimeSpan.FromSeconds(30));
        var sink = Sink(catalog, new KubernetesApiEndpointWriter(cluster.Client, KubernetesSinkDefaults.FieldManager, KubernetesSinkDefaults.Instance), time, resolver: resolver);
        await sink.RestoreAsync(default);
        var snapshot = await catalog.IngestAsync(
            catalog.Call("GET", "/orders", server: "10.244.1.7:8080"),
            catalog.Call("GET", "/elsewhere", server: "203.0.113.9:443"));
        await sink.FlushAsync(snapshot, default);
        await stop.CancelAsync();
        await watch.StopAsync(default);

        var orders = snapshot.Endpoints.Single(e => e.Key.PathTemplate == "/orders");
        var elsewhere = snapshot.Endpoints.Single(e => e.Key.PathTemplate == "/elsewhere");
        Assert.NotNull(cluster.Server.Get(ApiVersion, Plural, "shop", orders.Identity));
        Assert.NotNull(cluster.Server.Get(ApiVersion, Plural, Fallback, elsewhere.Identity));
    }
}
