using ApiSentinel.Collector.Kubernetes.Configuration;
using System.Net;
using System.Net.Sockets;
using ApiSentinel.Collector.Kubernetes.Endpoints;
using ApiSentinel.Collector.Kubernetes.Tests.Endpoints;
using ApiSentinel.Collector.Service;
using ApiSentinel.Collector.Service.Configuration;
using ApiSentinel.Collector.Service.State;
using ApiSentinel.Contract;
using ApiSentinel.Crds;
using ApiSentinel.Crds.ApiEndpoints;
using Microsoft.Extensions.DependencyInjection;

namespace ApiSentinel.Collector.Kubernetes.Tests.Configuration;

/// <summary>The real collector host (command line → options → CollectorApplication) writing to the fake API server.</summary>
public sealed class CollectorKubernetesTests : IAsyncDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("apisentinel-collector-kube-").FullName;

    [Fact]
    public async Task The_collector_writes_its_catalog_as_ApiEndpoints_and_exports_the_sinks_counters()
    {
        await using var cluster = await FakeCluster.StartAsync();
        await using var app = Start(["--kubeconfig", cluster.Kubeconfig, "--namespace", SinkFixture.Fallback, "--kube-flush-interval", "00:00:01"], out var http);
        await app.StartAsync();
        var owner = await app.Services.GetRequiredService<CatalogState>().Ready.WaitAsync(TimeSpan.FromSeconds(60));
        await owner.IngestAsync(Call("/users/1"));
        await owner.IngestAsync(Call("/orders"));

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (cluster.Server.List(ApiSentinelApi.ApiVersion, V1Alpha1ApiEndpoint.KubePluralName, SinkFixture.Fallback)
                   .Count(o => o["status"]?["changeMarker"] is not null) < 2)
        {
            Assert.True(DateTime.UtcNow < deadline, "the collector never wrote its endpoints");
            await Task.Delay(100);
        }
        var stored = cluster.Server.List(ApiSentinelApi.ApiVersion, V1Alpha1ApiEndpoint.KubePluralName, SinkFixture.Fallback);
        Assert.All(stored, o => Assert.Equal(ApiSentinelLabels.ManagedByCollector, (string?)o["metadata"]!["labels"]![ApiSentinelLabels.ManagedBy]));

        // A published ApiSpec describing only /users/{id}: /orders becomes shadow, labelled and announced by an Event.
        await cluster.Server.ApplyManifestAsync("""
            apiVersion: apisentinel.io/v1alpha1
            kind: ApiSpec
            metadata: { name: shop, namespace: apisentinel }
            spec:
              hosts: [shop.example]
              document: |
                openapi: 3.0.3
                info: { title: shop, version: "1" }
                paths:
                  /users/{id}:
                    get: { responses: { "200": { description: ok } } }
            """);
        await owner.IngestAsync(Call("/orders"));
        while (!stored.Any(IsShadow) ||
               !cluster.Server.List("v1", "events", SinkFixture.Fallback).Any(e => (string?)e["reason"] == "ShadowEndpoint"))
        {
            Assert.True(DateTime.UtcNow < deadline, "the spec never made /orders shadow");
            await Task.Delay(100);
            stored = cluster.Server.List(ApiSentinelApi.ApiVersion, V1Alpha1ApiEndpoint.KubePluralName, SinkFixture.Fallback);
        }
        var shadow = Assert.Single(stored, IsShadow);
        Assert.Equal("/orders", (string?)shadow["spec"]!["path"]);

        using var client = new HttpClient { BaseAddress = http };
        var metrics = await client.GetStringAsync(new Uri("/metrics", UriKind.Relative));
        Assert.Contains("apisentinel_collector_kubernetes_applies", metrics, StringComparison.Ordinal);
        Assert.Contains("apisentinel_collector_kubernetes_failures", metrics, StringComparison.Ordinal);
        // The watches' and the ApiSpec controller's counters are exported too, by watched kind.
        Assert.Contains("apisentinel_collector_kubernetes_watch_lists", metrics, StringComparison.Ordinal);
        Assert.Contains("resource=\"endpointslices\"", metrics, StringComparison.Ordinal);
        Assert.Contains("resource=\"apispecs\"", metrics, StringComparison.Ordinal);
        Assert.Contains("apisentinel_collector_kubernetes_apispec_reconciles", metrics, StringComparison.Ordinal);
        Assert.Contains("apisentinel_collector_kubernetes_orphans_kept", metrics, StringComparison.Ordinal);
        Assert.All(stored, o => Assert.Equal(KubernetesSinkDefaults.Instance, (string?)o["metadata"]!["labels"]![ApiSentinelLabels.Collector]));
        await app.StopAsync();
    }

    [Fact]
    public void Without_a_cluster_or_with_kubernetes_false_the_collector_runs_without_the_sink()
    {
        var app = Start(["--kubernetes=false", "--kubeconfig", Path.Combine(_directory, "missing")], out _);
        Assert.Null(app.Services.GetService<ApiEndpointSink>());
    }

    [Fact]
    public void A_missing_kubeconfig_is_one_startup_error()
    {
        var missing = Path.Combine(_directory, "missing-kubeconfig");
        var error = Assert.Throws<StartupException>(() => Start(["--kubeconfig", missing], out _));
        Assert.StartsWith("--kubeconfig " + missing, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_kubernetes_option_is_one_startup_error_naming_it()
    {
        var error = Assert.Throws<StartupException>(() => Start(["--kubeconfig", "x", "--kube-qps", "0"], out _));
        Assert.StartsWith("--kube-qps", error.Message, StringComparison.Ordinal);
    }

    private static bool IsShadow(System.Text.Json.Nodes.JsonObject o) =>
        (string?)o["metadata"]!["labels"]![ApiSentinelLabels.Shadow] == ApiSentinelLabels.True;

    private Microsoft.AspNetCore.Builder.WebApplication Start(string[] extra, out Uri http)
    {
        var token = Path.Combine(_directory, "token");
        File.WriteAllText(token, "test-token-0123456789\n");
        var httpPort = FreePort();
        http = new Uri($"http://127.0.0.1:{httpPort}");
        string[] args =
        [
            "--grpc-listen", $"127.0.0.1:{FreePort()}", "--http-listen", $"127.0.0.1:{httpPort}",
            "--token-file", token, "--state-dir", Path.Combine(_directory, "state-" + Guid.NewGuid().ToString("N")),
            "--build-interval", "00:00:00.200", .. extra,
        ];
        var configuration = CollectorConfiguration.Build(args);
        // No cluster from the surroundings (a developer's KUBECONFIG, a CI pod's service account): only the one given.
        return CollectorApplication.Build(CollectorConfiguration.Bind(configuration), configuration,
            kubernetesHost: new KubernetesHost(_ => null, _ => null));
    }

    private static ApiCall Call(string path) => new()
    {
        TimestampMicros = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1000,
        ClientAddress = "10.0.0.5",
        Server = "10.0.0.9:8080",
        Host = "shop.example",
        Method = "GET",
        Path = path,
        Status = 200,
        Auth = "bearer",
        AuthLocation = "header:authorization",
    };

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public ValueTask DisposeAsync()
    {
        Directory.Delete(_directory, recursive: true);
        return ValueTask.CompletedTask;
    }
}
