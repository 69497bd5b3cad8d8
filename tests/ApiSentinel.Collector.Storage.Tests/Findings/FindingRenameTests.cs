using ApiSentinel.Collector.Catalog;
using ApiSentinel.Collector.Findings;
using ApiSentinel.Collector.Storage.Tests.Infrastructure;
using ApiSentinel.Contract;
using Microsoft.Extensions.Time.Testing;
using static ApiSentinel.Collector.Storage.Tests.Infrastructure.Batches;

namespace ApiSentinel.Collector.Storage.Tests.Findings;

/// <summary>Stored findings follow endpoint renames, skip unchanged writes, age out with the retention, and are read bounded.</summary>
public sealed class FindingRenameTests
{
    private const string Scanner = "203.0.113.7";

    private static DateTimeOffset At(long micros) => DateTimeOffset.UnixEpoch.AddTicks(micros * 10);

    /// <summary>A scanner of two paths: a finding whose only endpoints are the two that merge.</summary>
    private static CatalogOptions TwoPathScanner() => new() { Findings = new FindingOptions { ScannerMinDistinctPaths = 2 } };

    [Fact]
    public async Task A_finding_over_endpoints_that_merged_stays_one_row()
    {
        using var dir = new StateDirectory();
        using var store = dir.Open(new FakeTimeProvider(At(Jan1Micros)));
        await using var owner = new CatalogOwner(new ApiCatalog(TwoPathScanner()));
        await owner.IngestAsync([Call("/users/alice", Jan1Micros, 404, client: Scanner), Call("/users/bob", Jan1Micros + 1_000_000, 404, client: Scanner)], SensorA, 1);
        await store.CheckpointAsync(await owner.CheckpointAsync());
        var before = Assert.Single(store.Findings());
        Assert.Equal(FindingKinds.Scanner, before.Kind);
        Assert.Equal(2, before.Endpoints.Count);

        // Enough distinct names from another client that /users/alice and /users/bob become one template.
        await owner.IngestAsync(Enumerable.Range(0, 300).Select(i => Call($"/users/user{i * 7919}", Jan1Micros + HourMicros + i)).ToList(), SensorA, 2);
        var checkpoint = await owner.CheckpointAsync();
        Assert.NotEmpty(checkpoint.Renames);
        await store.CheckpointAsync(checkpoint);
        var merged = Assert.Single(checkpoint.Snapshot.Findings, f => f.Kind == FindingKinds.Scanner);
        var after = Assert.Single(store.Findings(), f => f.Kind == FindingKinds.Scanner);
        Assert.Equal(before.Id, after.Id);
        Assert.Equal(merged.Endpoints.Select(EndpointIdentity.Of), after.Endpoints);

        await store.CheckpointAsync(await owner.CheckpointAsync());
        Assert.Equal(before.Id, Assert.Single(store.Findings(), f => f.Kind == FindingKinds.Scanner).Id);
    }

    [Fact]
    public async Task An_unchanged_finding_is_not_written_again()
    {
        using var dir = new StateDirectory();
        using var store = dir.Open(new FakeTimeProvider(At(Jan1Micros)));
        await using var owner = new CatalogOwner(new ApiCatalog(TwoPathScanner()));
        await owner.IngestAsync([Call("/a", Jan1Micros, 404, client: Scanner), Call("/b", Jan1Micros + 1, 404, client: Scanner)], SensorA, 1);
        await store.CheckpointAsync(await owner.CheckpointAsync());
        Assert.Equal(1, store.FindingsWritten);
        await store.CheckpointAsync(await owner.CheckpointAsync());
        Assert.Equal(1, store.FindingsWritten);
        // A change is written, into the same row.
        await owner.IngestAsync([Call("/c", Jan1Micros + 2, 404, client: Scanner)], SensorA, 2);
        await store.CheckpointAsync(await owner.CheckpointAsync());
        Assert.Equal(2, store.FindingsWritten);
        Assert.Equal(3, Assert.Single(store.Findings()).Endpoints.Count);
    }

    [Fact]
    public async Task Findings_last_seen_before_the_retention_are_pruned()
    {
        using var dir = new StateDirectory();
        var time = new FakeTimeProvider(At(Jan1Micros));
        using var store = dir.Open(time, new CollectorStoreOptions { UsageRetention = TimeSpan.FromDays(35) });
        await using var owner = new CatalogOwner(new ApiCatalog(TwoPathScanner()));
        await owner.IngestAsync([Call("/a", Jan1Micros, 404, client: Scanner), Call("/b", Jan1Micros + 1, 404, client: Scanner)], SensorA, 1);
        await store.CheckpointAsync(await owner.CheckpointAsync());
        Assert.Single(store.Findings());

        time.Advance(TimeSpan.FromDays(36));
        await store.CheckpointAsync(await owner.CheckpointAsync());
        Assert.Empty(store.Findings());
        Assert.Equal(1, store.FindingsPruned);
    }

    [Fact]
    public async Task The_read_returns_the_most_recent_findings_up_to_its_bound_oldest_first()
    {
        using var dir = new StateDirectory();
        using var store = dir.Open(new FakeTimeProvider(At(Jan1Micros)), new CollectorStoreOptions { MaxFindingsRead = 2 });
        await using var owner = new CatalogOwner(new ApiCatalog(TwoPathScanner()));
        // Three scanners, an hour apart.
        var calls = Enumerable.Range(0, 3).SelectMany(i => new[]
        {
            Call("/a", Jan1Micros + (i * HourMicros), 404, client: $"203.0.113.{i + 1}"),
            Call("/b", Jan1Micros + (i * HourMicros) + 1, 404, client: $"203.0.113.{i + 1}"),
        }).ToList();
        await owner.IngestAsync(calls, SensorA, 1);
        await store.CheckpointAsync(await owner.CheckpointAsync());
        Assert.Equal(3, store.FindingsWritten);
        Assert.Equal(["203.0.113.2", "203.0.113.3"], store.Findings().Select(f => f.Client));
    }
}
