using ApiSentinel.Collector.Catalog;
using ApiSentinel.Collector.Findings;
using ApiSentinel.Collector.Storage.Tests.Infrastructure;
using ApiSentinel.Contract;
using Microsoft.Extensions.Time.Testing;
using static ApiSentinel.Collector.Storage.Tests.Infrastructure.Batches;

namespace ApiSentinel.Collector.Storage.Tests.Findings;

public sealed class FindingStoreTests
{
    private const string Scanner = "203.0.113.7";

    private static List<ApiCall> Probes(int from, int count, long startMicros) =>
        Enumerable.Range(from, count).Select(i => Call($"/probe{i:D3}", startMicros + (i * 5_000_000L), 404, client: Scanner)).ToList();

    [Fact]
    public async Task A_growing_episode_stays_one_row_with_its_evidence_and_a_later_one_is_another()
    {
        using var dir = new StateDirectory();
        // The store's clock at the calls' time: findings last seen before now − retention are pruned.
        using var store = dir.Open(new FakeTimeProvider(DateTimeOffset.UnixEpoch.AddTicks(Jan1Micros * 10)));
        await using var owner = new CatalogOwner(new ApiCatalog(new CatalogOptions()));
        await owner.IngestAsync(Probes(0, 10, Jan1Micros), SensorA, 1);
        await store.CheckpointAsync(await owner.CheckpointAsync());
        var first = Assert.Single(store.Findings());
        Assert.Equal(FindingKinds.Scanner, first.Kind);
        Assert.Equal(Scanner, first.Client);
        Assert.Equal("10", first.Evidence["distinctPaths"]);
        Assert.Equal(10, first.Endpoints.Count);
        Assert.Equal(DateTimeOffset.UnixEpoch.AddTicks(Jan1Micros * 10), first.FirstSeen);

        // The same episode goes on: one row, grown.
        await owner.IngestAsync(Probes(10, 10, Jan1Micros), SensorA, 2);
        var checkpoint = await owner.CheckpointAsync();
        await store.CheckpointAsync(checkpoint);
        var grown = Assert.Single(store.Findings());
        Assert.Equal(first.Id, grown.Id);
        var finding = Assert.Single(checkpoint.Snapshot.Findings);
        Assert.Equal(finding.Evidence.OrderBy(e => e.Key), grown.Evidence.OrderBy(e => e.Key));
        Assert.Equal(finding.Severity, grown.Severity);
        Assert.Equal(finding.Summary, grown.Summary);
        Assert.Equal(finding.Endpoints.Select(EndpointIdentity.Of), grown.Endpoints);
        Assert.True(grown.LastSeen > first.LastSeen);

        // A day later the same client scans again: a new episode, a second row; the first stays as it was.
        await owner.IngestAsync(Probes(0, 10, Jan1Micros + (24 * HourMicros)), SensorA, 3);
        await store.CheckpointAsync(await owner.CheckpointAsync());
        var both = store.Findings();
        Assert.Equal(2, both.Count);
        Assert.Equal(grown, both[0] with { Evidence = grown.Evidence, Endpoints = grown.Endpoints });
        Assert.Equal(grown.Evidence.OrderBy(e => e.Key), both[0].Evidence.OrderBy(e => e.Key));
        Assert.True(both[1].FirstSeen > grown.LastSeen);
    }
}
