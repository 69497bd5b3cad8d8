using ApiSentinel.Collector.Kubernetes.Resources;
using ApiSentinel.Crds.ApiEndpoints;

namespace ApiSentinel.EndToEnd.Tests.Kubernetes.Infrastructure;

/// <summary>
/// What every Kubernetes end-to-end test starts: the fake cluster, and the real <c>apisentinel-collector</c> process
/// pointed at it with <c>--kubeconfig</c>, <c>--namespace</c> and a short flush interval (and a fast build, so
/// calls reach the catalog soon). The demo capture's timestamps are weeks old by the machine's clock, so the
/// inactive/delete ages are set far beyond them: a test decides when an endpoint is "unseen", not the calendar.
/// </summary>
internal sealed class KubernetesStack : IAsyncDisposable
{
    public static readonly TimeSpan FlushInterval = TimeSpan.FromSeconds(1);

    /// <summary>The client-side limit the collector is given (generous: the tests show behaviour, not the limit).</summary>
    public const int Qps = 50;

    public const int Burst = 100;

    /// <summary>The collector's default server-side-apply field manager (docs/collector-kubernetes.md).</summary>
    public const string FieldManager = "apisentinel-collector";

    private KubernetesStack(TemporaryDirectory work, FakeCluster cluster, CollectorService collector)
    {
        Work = work;
        Cluster = cluster;
        Collector = collector;
    }

    public TemporaryDirectory Work { get; }

    public FakeCluster Cluster { get; }

    public CollectorService Collector { get; }

    public string SensorToken => Collector.TokenFile;

    public static async Task<KubernetesStack> StartAsync(IEnumerable<string>? extraCollectorArguments = null)
    {
        var work = new TemporaryDirectory();
        FakeCluster? cluster = null;
        try
        {
            cluster = await FakeCluster.StartAsync(work);
            var collector = new CollectorService(work,
            [
                .. cluster.CollectorArguments(FlushInterval),
                "--kube-qps", Qps.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "--kube-burst", Burst.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "--kube-inactive-after", "3650.00:00:00",
                "--kube-delete-after", "3660.00:00:00",
                "--build-interval", "00:00:00.500",
                .. extraCollectorArguments ?? [],
            ]);
            var stack = new KubernetesStack(work, cluster, collector);
            await collector.StartAsync();
            return stack;
        }
        catch
        {
            if (cluster is not null)
            {
                await cluster.DisposeAsync();
            }
            work.Dispose();
            throw;
        }
    }

    /// <summary>Replays captures through a real <c>apisentinel-sensor --pcap</c>; returns once it exited 0 (all acknowledged).</summary>
    public void Replay(params string[] captures)
    {
        using var sensor = SensorProcess.StartReplay(Collector.GrpcUrl, Collector.TokenFile, "replay-sensor", captures);
        int exitCode = sensor.Process.WaitForExit(TimeSpan.FromMinutes(2));
        Assert.True(exitCode == 0, $"the replay sensor exited {exitCode}\n{sensor.Process.Describe()}");
    }

    /// <summary>A sensor that sends exactly the calls the test composed.</summary>
    public IngestSensor SyntheticSensor(string sensorId = "synthetic-sensor") =>
        new(Collector.GrpcUrl, TestTokens.Valid, sensorId);

    /// <summary>
    /// Waits until the collector's catalog holds <paramref name="requests"/> calls and every one of its endpoints is an
    /// <c>ApiEndpoint</c> whose <c>status.changeMarker</c> is the catalog's: the sink caught up with the engine.
    /// Returns the catalog then.
    /// </summary>
    public async Task<CatalogDocument> WaitUntilWrittenAsync(long requests, Func<CatalogDocument, bool>? also = null)
    {
        var (catalog, _) = await Eventually.MatchAsync(async () => (Catalog: await Collector.GetCatalogAsync(), Resources: Cluster.ApiEndpoints()),
            state => state.Catalog.TotalRequests >= requests && AllWritten(state.Catalog, state.Resources) && (also?.Invoke(state.Catalog) ?? true),
            "every endpoint of the catalog written as an ApiEndpoint with the catalog's change marker",
            Describe, TimeSpan.FromSeconds(90));
        return catalog;
    }

    /// <summary>
    /// Whether each endpoint of <paramref name="catalog"/> has a resource with its identity and the status marker its
    /// projection writes (the catalog's marker folded with the namespace, no GeoIP database, the default bounds).
    /// </summary>
    public static bool AllWritten(CatalogDocument catalog, IReadOnlyList<V1Alpha1ApiEndpoint> resources)
    {
        var written = resources.GroupBy(r => r.Metadata.Name).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        return catalog.Endpoints.All(e =>
            written.TryGetValue((string)e!["identity"]!, out var found) && found.Count == 1 &&
            found[0].Status?.ChangeMarker == ProjectionMarker.Of((string)e["changeMarker"]!, found[0].Metadata.NamespaceProperty, "", ProjectionBounds.Default));
    }

    public string Describe() => Collector.Describe() + "\n--- API server requests (last 40):\n" + Cluster.DescribeRequests(40);

    public async ValueTask DisposeAsync()
    {
        Collector.Dispose();
        await Cluster.DisposeAsync();
        Work.Dispose();
    }
}
