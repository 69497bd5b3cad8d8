using ApiSentinel.FakeApiServer;
using k8s;

namespace ApiSentinel.Collector.Kubernetes.Tests.Endpoints;

/// <summary>The fake API server with the repository's CRDs and the namespaces the tests write into, and a client for it.</summary>
internal sealed class FakeCluster : IAsyncDisposable
{
    private FakeCluster(FakeKubeApiServer server)
    {
        Server = server;
        // Not from server.WriteKubeconfig: KubernetesClient refuses its user entry without credentials
        // ("does not have appropriate auth credentials"); the fake server needs none, so the address is all.
        Configuration = new KubernetesClientConfiguration { Host = server.BaseAddress.ToString() };
        Client = new k8s.Kubernetes(Configuration);
    }

    public FakeKubeApiServer Server { get; }

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
