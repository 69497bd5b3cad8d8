using System.Globalization;
using ApiSentinel.Collector.Kubernetes.Endpoints;
using ApiSentinel.Collector.Kubernetes.Writes;
using ApiSentinel.Crds.ApiEndpoints;
using static ApiSentinel.Collector.Kubernetes.Tests.Endpoints.InMemoryApiEndpointWriter;
using static ApiSentinel.Collector.Kubernetes.Tests.Endpoints.SinkFixture;

namespace ApiSentinel.Collector.Kubernetes.Tests.Endpoints;

/// <summary>A restart with a lost state directory: the cluster's record outlives the catalog's.</summary>
public class StartupOrphanTests
{
    [Fact]
    public async Task A_flush_without_a_snapshot_deletes_nothing()
    {
        var time = Clock();
        await using var catalog = new TestCatalog(time);
        var writer = new InMemoryApiEndpointWriter();
        writer.Seed(Listed("left-by-the-last-run", time.GetUtcNow()));
        var sink = Sink(catalog, writer, time);
        await sink.RestoreAsync(default);

        Assert.Equal(0, await sink.FlushAsync(null, default));
        Assert.Equal(0, writer.Count(Delete));
        Assert.Single(writer.Objects);
    }

    [Fact]
    public async Task Orphans_are_kept_until_their_own_last_call_is_older_than_the_delete_time()
    {
        var time = Clock();
        await using var catalog = new TestCatalog(time);
        var writer = new InMemoryApiEndpointWriter();
        var now = time.GetUtcNow();
        writer.Seed(Listed("yesterday", now.AddDays(-1)));
        writer.Seed(Listed("last-month", now.AddDays(-30)));
        var counters = new KubernetesSinkCounters();
        var sink = Sink(catalog, writer, time, counters);
        await sink.RestoreAsync(default);
        // The new catalog (state lost) holds only what arrived since the restart.
        var snapshot = await catalog.IngestAsync(catalog.Call("GET", "/fresh"));

        await sink.FlushAsync(snapshot, default);
        Assert.Equal([new ResourceKey(Fallback, "last-month")], writer.Requests.Where(r => r.Verb == Delete).Select(r => r.Key));
        Assert.True(writer.Objects.ContainsKey(new ResourceKey(Fallback, "yesterday")));
        Assert.Equal(1, counters.OrphansKept);
        // Kept untouched: no apply, no status write on it.
        Assert.DoesNotContain(writer.Requests, r => r.Key.Name == "yesterday");
    }

    private static V1Alpha1ApiEndpoint Listed(string name, DateTimeOffset lastSeen)
    {
        var resource = Resources.Endpoint(name, ns: Fallback);
        resource.Metadata.Labels[ApiSentinel.Crds.ApiSentinelLabels.Collector] = ApiSentinel.Collector.Kubernetes.Configuration.KubernetesSinkDefaults.Instance;
        resource.Status!.Usage = new ApiEndpointUsage
        {
            LastSeen = lastSeen.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture),
        };
        return resource;
    }
}
