using ApiSentinel.FakeApiServer;
using k8s;

namespace ApiSentinel.Collector.Kubernetes.Tests.Endpoints;

/// <summary>The fake API server with the repository's CRDs and the namespaces the tests write into, and a client for it.</summary>
internal sealed class FakeCluster : IAsyncDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("apisentinel-sink-").FullName;

    private FakeCluster(FakeKubeApiServer server)
    {
        Server = server;
        Kubeconfig = server.WriteKubeconfig(_directory);
        Configuration = KubernetesClientConfiguration.BuildConfigFromConfigFile(Kubeconfig);
        Client = new k8s.Kubernetes(Configuration);
    }

    public FakeKubeApiServer Server { get; }

    /// <summary>The server's own kubeconfig (what kubectl and the collector's --kubeconfig read).</summary>
    public string Kubeconfig { get; }

    public KubernetesClientConfiguration Configuration { get; }

    public IKubernetes Client { get; }

    public static async Task<FakeCluster> StartAsync(params string[] namespaces)
    {
        var server = await FakeKubeApiServer.StartAsync();
        await server.RegisterCrdsFromDirectoryAsync(Path.Combine(RepositoryRoot(), "crds"));
        foreach (var ns in namespaces.Append(SinkFixture.Fallback))
        {
            await server.ApplyManifestAsync($"apiVersion: v1\nkind: Namespace\nmetadata:\n  name: {ns}\n");
        }
        return new FakeCluster(server);
    }

    /// <summary>Requests that wrote an ApiEndpoint (applies, status applies, deletes).</summary>
    public int EndpointWrites() => Server.Requests.Where(r => r.Plural == "apiendpoints" && r.Method is "PATCH" or "PUT" or "POST" or "DELETE").Count;

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Server.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ApiSentinel.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("ApiSentinel.sln not found above " + AppContext.BaseDirectory);
    }
}
