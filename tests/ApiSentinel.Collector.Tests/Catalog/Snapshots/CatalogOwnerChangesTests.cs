using ApiSentinel.Collector.Catalog;
using ApiSentinel.Contract;

namespace ApiSentinel.Collector.Tests.Catalog.Snapshots;

/// <summary><see cref="CatalogOwner.Changes"/>: what lets the service skip a build or checkpoint that would add nothing.</summary>
public sealed class CatalogOwnerChangesTests
{
    private static readonly StreamKey Stream = new("sensor-a", "1");

    private static ApiCall Call(string path) => new()
    {
        TimestampMicros = 1_704_067_200_000_000L, ClientAddress = "192.0.2.10", Server = "198.51.100.9:8080",
        Host = "shop.example", Method = "GET", Path = path, Status = 200,
    };

    [Fact]
    public async Task Ingested_batches_change_it_builds_and_replayed_batches_do_not()
    {
        await using var owner = new CatalogOwner(new ApiCatalog(new CatalogOptions()));
        await owner.BuildAsync();
        var start = owner.Changes;
        await owner.IngestAsync([Call("/a")], Stream, 1);
        await owner.BuildAsync(); // the build runs after the batch on the owner's task
        var afterBatch = owner.Changes;
        Assert.True(afterBatch > start);
        await owner.BuildAsync();
        await owner.CheckpointAsync();
        Assert.Equal(afterBatch, owner.Changes);
        await owner.IngestAsync([Call("/a")], Stream, 1); // a replay: not ingested
        await owner.BuildAsync();
        Assert.Equal(afterBatch, owner.Changes);
    }

    [Fact]
    public async Task A_failed_checkpoint_changes_it_so_the_next_one_is_not_skipped()
    {
        await using var owner = new CatalogOwner(new ApiCatalog(new CatalogOptions()));
        await owner.IngestAsync([Call("/a")], Stream, 1);
        var checkpoint = await owner.CheckpointAsync();
        var before = owner.Changes;
        await owner.CheckpointFailedAsync(checkpoint);
        Assert.True(owner.Changes > before);
    }
}
