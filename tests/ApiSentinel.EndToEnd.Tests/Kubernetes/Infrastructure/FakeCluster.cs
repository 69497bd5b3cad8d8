using System.Text.Json.Nodes;
using ApiSentinel.Crds;
using ApiSentinel.Crds.ApiEndpoints;
using ApiSentinel.Crds.ApiSpecs;
using ApiSentinel.FakeApiServer;
using k8s;

namespace ApiSentinel.EndToEnd.Tests.Kubernetes.Infrastructure;

/// <summary>
/// A cluster for the collector to write into: the fake API server (in this test process, on loopback) with the
/// repository's CRDs from <c>crds/</c>, the namespaces the tests use, and a Service with an EndpointSlice that name the
/// demo capture's server (<c>127.0.0.1:18080</c>) in namespace <see cref="ShopNamespace"/> — so the collector resolves
/// the demo endpoints' namespace through Services and EndpointSlices, while any other server falls back to its
/// <c>--namespace</c> (<see cref="CollectorNamespace"/>). A kubeconfig for kubectl and the collector is written into
/// the test's directory.
/// </summary>
internal sealed class FakeCluster : IAsyncDisposable
{
    public const string ShopNamespace = "shop";

    /// <summary>What the collector is given as <c>--namespace</c>: where endpoints of unknown servers go.</summary>
    public const string CollectorNamespace = "apisentinel";

    public const string DemoService = "demo-api";

    /// <summary>The demo capture's server (samples/record-demo.sh serves it on loopback).</summary>
    public const string DemoServerAddress = "127.0.0.1";

    public const int DemoServerPort = 18080;

    private static readonly string Manifest = $"""
        apiVersion: v1
        kind: Namespace
        metadata:
          name: {ShopNamespace}
        ---
        apiVersion: v1
        kind: Namespace
        metadata:
          name: {CollectorNamespace}
        ---
        apiVersion: v1
        kind: Service
        metadata:
          name: {DemoService}
          namespace: {ShopNamespace}
          labels:
            app.kubernetes.io/name: {DemoService}
        spec:
          type: ClusterIP
          clusterIP: 10.96.18.80
          clusterIPs: [10.96.18.80]
          selector:
            app.kubernetes.io/name: {DemoService}
          ports:
          - name: http
            port: 80
            targetPort: {DemoServerPort}
            protocol: TCP
        ---
        apiVersion: discovery.k8s.io/v1
        kind: EndpointSlice
        metadata:
          name: {DemoService}-7x2kq
          namespace: {ShopNamespace}
          labels:
            kubernetes.io/service-name: {DemoService}
            endpointslice.kubernetes.io/managed-by: endpointslice-controller.k8s.io
        addressType: IPv4
        endpoints:
        - addresses: [{DemoServerAddress}]
          conditions:
            ready: true
        ports:
        - name: http
          port: {DemoServerPort}
          protocol: TCP
        """;

    private FakeCluster(FakeKubeApiServer server, string kubeconfig, Kubectl kubectl)
    {
        Server = server;
        Kubeconfig = kubeconfig;
        Kubectl = kubectl;
    }

    public FakeKubeApiServer Server { get; }

    public string Kubeconfig { get; }

    public Kubectl Kubectl { get; }

    public static async Task<FakeCluster> StartAsync(TemporaryDirectory work)
    {
        var server = await FakeKubeApiServer.StartAsync();
        try
        {
            await server.RegisterCrdsFromDirectoryAsync(Path.Combine(RepositoryPaths.Root, "crds"));
            await server.ApplyManifestAsync(Manifest);
            string directory = Directory.CreateDirectory(work.File("kube")).FullName;
            string kubeconfig = server.WriteKubeconfig(directory);
            return new FakeCluster(server, kubeconfig, new Kubectl(kubeconfig, Path.Combine(directory, "cache")));
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>What the collector needs to write here: its kubeconfig, fallback namespace and a short flush interval.</summary>
    public IReadOnlyList<string> CollectorArguments(TimeSpan flushInterval) =>
    [
        "--kubeconfig", Kubeconfig,
        "--namespace", CollectorNamespace,
        "--kube-flush-interval", flushInterval.ToString("c", System.Globalization.CultureInfo.InvariantCulture),
    ];

    /// <summary>Every <c>ApiEndpoint</c> the server holds (all namespaces), as the one C# type of the resource.</summary>
    public IReadOnlyList<V1Alpha1ApiEndpoint> ApiEndpoints() =>
        [.. Server.List(ApiSentinelApi.ApiVersion, V1Alpha1ApiEndpoint.KubePluralName).Select(Typed<V1Alpha1ApiEndpoint>)];

    public V1Alpha1ApiSpec? ApiSpec(string @namespace, string name) =>
        Server.Get(ApiSentinelApi.ApiVersion, V1Alpha1ApiSpec.KubePluralName, @namespace, name) is { } found ? Typed<V1Alpha1ApiSpec>(found) : null;

    /// <summary>The requests the server answered at or after <paramref name="since"/> (all without), in order.</summary>
    public IReadOnlyList<ApiRequest> Requests(DateTimeOffset? since = null) => ApiRequest.From(Server.Requests, since ?? DateTimeOffset.MinValue);

    /// <summary>Now on the server's clock (the machine's): a mark for <see cref="Requests"/>.</summary>
    public static DateTimeOffset Mark() => DateTimeOffset.UtcNow;

    public string DescribeRequests(int last) => string.Join('\n', Requests().TakeLast(last));

    private static T Typed<T>(JsonObject json) => KubernetesJson.Deserialize<T>(json.ToJsonString());

    public ValueTask DisposeAsync() => Server.DisposeAsync();
}
