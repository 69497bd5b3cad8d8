using ApiSentinel.FakeApiServer;
using k8s;

namespace ApiSentinel.Collector.Kubernetes.Tests.Watching;

/// <summary>The fake API server with the repository's CRDs registered, and a KubernetesClient configured from its kubeconfig.</summary>
internal sealed class FakeCluster : IAsyncDisposable
{
    private readonly DirectoryInfo _directory;

    private FakeCluster(FakeKubeApiServer server, IKubernetes kube, DirectoryInfo directory)
    {
        Server = server;
        Kube = kube;
        _directory = directory;
    }

    public FakeKubeApiServer Server { get; }

    public IKubernetes Kube { get; }

    public static async Task<FakeCluster> StartAsync(FakeKubeOptions? options = null)
    {
        var server = await FakeKubeApiServer.StartAsync(options);
        await server.RegisterCrdsFromDirectoryAsync(Path.Combine(RepositoryRoot(), "crds"));
        var directory = Directory.CreateTempSubdirectory("apisentinel-kube-tests-");
        var config = KubernetesClientConfiguration.BuildConfigFromConfigFile(server.WriteKubeconfig(directory.FullName));
        return new FakeCluster(server, new k8s.Kubernetes(config), directory);
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
        _directory.Delete(recursive: true);
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
