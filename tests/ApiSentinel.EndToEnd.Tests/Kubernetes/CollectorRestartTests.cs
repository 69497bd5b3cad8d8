using ApiSentinel.Crds.ApiEndpoints;
using ApiSentinel.EndToEnd.Tests.Kubernetes.Infrastructure;

namespace ApiSentinel.EndToEnd.Tests.Kubernetes;

/// <summary>
/// SIGTERM of a collector whose resources are all written, and a start on the same state directory: the restored
/// catalog equals the checkpointed one, the sink reconciles with the resources it finds (listing them), and writes
/// nothing — no write storm — over several flush intervals; the resources are exactly as before.
/// </summary>
public sealed class CollectorRestartTests
{
    /// <summary>Flush intervals the restarted collector is watched for (it would write in the first one if at all).</summary>
    private const int WatchedIntervals = 5;

    [Fact]
    public async Task A_restart_on_the_same_state_rewrites_no_unchanged_resource()
    {
        await using var stack = await KubernetesStack.StartAsync();
        var embedded = CliRun.Analyze([RepositoryPaths.DemoCapture]);
        stack.Replay(RepositoryPaths.DemoCapture);
        var catalog = await stack.WaitUntilWrittenAsync(embedded.TotalRequests);
        var before = Snapshot(stack);

        stack.Collector.Current.Signal("TERM");
        Assert.Equal(0, stack.Collector.Current.WaitForExit(TimeSpan.FromSeconds(60)));
        var mark = FakeCluster.Mark();

        await stack.Collector.StartAsync();
        // The sink has started once it listed the existing resources (its reconcile), then give it several intervals.
        await Eventually.MatchAsync(() => Task.FromResult(stack.Cluster.Requests(mark)),
            requests => requests.Any(r => r.IsList && r.Targets(V1Alpha1ApiEndpoint.KubePluralName) && r.Succeeded),
            "the restarted collector listing its ApiEndpoints", stack.Describe);
        var restored = await stack.WaitUntilWrittenAsync(embedded.TotalRequests);
        await Task.Delay(KubernetesStack.FlushInterval * WatchedIntervals);

        CatalogAssert.JsonEqual(catalog.Root, restored.Root, "the catalog before the restart and the restored one");
        var writes = stack.Cluster.Requests(mark).Where(r => r.IsWrite && r.Targets(V1Alpha1ApiEndpoint.KubePluralName)).ToList();
        Assert.True(writes.Count == 0, "the restarted collector wrote unchanged resources:\n" + string.Join('\n', writes));
        Assert.Equal(before, Snapshot(stack));
    }

    /// <summary>Name, resourceVersion and change marker of every resource: what "not rewritten" means on the server.</summary>
    private static List<string> Snapshot(KubernetesStack stack) =>
        [.. stack.Cluster.ApiEndpoints()
            .Select(r => $"{r.Metadata.NamespaceProperty}/{r.Metadata.Name} rv={r.Metadata.ResourceVersion} marker={r.Status?.ChangeMarker}")
            .Order(StringComparer.Ordinal)];
}
