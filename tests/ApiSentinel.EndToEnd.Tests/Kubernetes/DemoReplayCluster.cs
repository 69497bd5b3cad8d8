using ApiSentinel.EndToEnd.Tests.Kubernetes.Infrastructure;

namespace ApiSentinel.EndToEnd.Tests.Kubernetes;

/// <summary>
/// The demo capture replayed once, through the real sensor into the real collector writing to the fake cluster,
/// until every endpoint is a resource: the read-only state that <see cref="ApiEndpointResourceTests"/> and
/// <see cref="KubectlOutputTests"/> look at (tests that change the cluster start their own stack).
/// </summary>
public sealed class DemoReplayCluster : IAsyncLifetime
{
    private KubernetesStack? _stack;

    internal KubernetesStack Stack => _stack ?? throw new InvalidOperationException("not started");

    /// <summary><c>apisentinel analyze --format json</c> of the demo capture: the engine's answer, embedded.</summary>
    internal CatalogDocument Embedded { get; private set; } = null!;

    /// <summary>The collector's <c>/api/v1/endpoints</c> once the sink caught up.</summary>
    internal CatalogDocument Networked { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Embedded = CliRun.Analyze([RepositoryPaths.DemoCapture]);
        _stack = await KubernetesStack.StartAsync();
        _stack.Replay(RepositoryPaths.DemoCapture);
        Networked = await _stack.WaitUntilWrittenAsync(Embedded.TotalRequests);
    }

    public async Task DisposeAsync()
    {
        if (_stack is not null)
        {
            await _stack.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class DemoReplayCollection : ICollectionFixture<DemoReplayCluster>
{
    public const string Name = "demo replay into the fake cluster";
}
