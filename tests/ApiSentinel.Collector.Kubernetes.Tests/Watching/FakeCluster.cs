using ApiSentinel.FakeApiServer;
using k8s;

namespace ApiSentinel.Collector.Kubernetes.Tests.Watching;

/// <summary>
/// The fake API server with the repository's CRDs registered, and a KubernetesClient talking to it. The client is
/// configured with the server's address directly: KubernetesClient refuses a kubeconfig user without credentials,
/// which is what the fake server's kubeconfig has (kubectl accepts it).
/// </summary>
internal sealed class FakeCluster : IAsyncDisposable
{
    private FakeCluster(FakeKubeApiServer server, IKubernetes kube)
    {
        Server = server;
        Kube = kube;
    }

    public FakeKubeApiServer Server { get; }

    public IKubernetes Kube { get; }

    public static async Task<FakeCluster> StartAsync(FakeKubeOptions? options = null)
    {
        var server = await FakeKubeApiServer.StartAsync(options);
        await server.RegisterCrdsFromDirectoryAsync(Path.Combine(RepositoryRoot(), "crds"));
        var config = new KubernetesClientConfiguration { Host = server.BaseAddress.ToString() };
        return new FakeCluster(server, new k8s.Kubernetes(config));
    }

    /// <summary>Waits (polling, up to 30 s) until <paramref name="condition"/> holds; fails the test with <paramref name="what"/> otherwise.</summary>
    public static async Task EventuallyAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail("timed out waiting for " + what);
            }
            await Task.Delay(20);
        }
    }

    public async ValueTask DisposeAsync()
    {
        (Kube as IDisposable)?.Dispose();
        await Server.DisposeAsync();
    }

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ApiSentinel.sln")))
        {
            dir = dir.Parent;
        }
        return dir?.FullName ?? throw new InvalidOperationException("ApiSentinel.sln not found above " + AppContext.BaseDirectory);
    }
}
