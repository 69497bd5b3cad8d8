using ApiSentinel.Collector.Catalog;
using ApiSentinel.Contract;

namespace ApiSentinel.Collector.Tests.Catalog.Usage;

/// <summary>A position only ever moves to the next batch: it can never cover a stored batch that was not ingested.</summary>
public sealed class PositionGapTests
{
    private static readonly StreamKey Stream = new("sensor-a", "instance-1");

    private static ApiCall[] Call(string path) =>
    [
        new() { TimestampMicros = 1_704_067_200_000_000L, ClientAddress = "192.0.2.10", Server = "198.51.100.9:8080", Host = "shop.example", Method = "GET", Path = path, Status = 200 },
    ];

    [Fact]
    public async Task A_batch_past_position_plus_one_is_refused_and_counted()
    {
        await using var owner = new CatalogOwner(new ApiCatalog(new CatalogOptions()));
        // A stream's first batch sets its base at whatever sequence it has.
        await owner.IngestAsync(Call("/one"), Stream, 5);
        await owner.IngestAsync(Call("/gap"), Stream, 7);
        var checkpoint = await owner.CheckpointAsync();
        Assert.Equal(5, checkpoint.Positions[Stream]);
        Assert.Equal(1, owner.GapBatches);
        Assert.Equal(1, checkpoint.Snapshot.Counters.Calls);

        // The missing batch, then the refused one again: both ingested in order.
        await owner.IngestAsync(Call("/six"), Stream, 6);
        await owner.IngestAsync(Call("/gap"), Stream, 7);
        var after = await owner.CheckpointAsync();
        Assert.Equal(7, after.Positions[Stream]);
        Assert.Equal(3, after.Snapshot.Counters.Calls);
        Assert.Equal((1L, 0L), (owner.GapBatches, owner.ReplayedBatches));
    }

    [Fact]
    public async Task Restored_positions_are_raised_not_gap_checked()
    {
        await using var owner = new CatalogOwner(new ApiCatalog(new CatalogOptions()), new Dictionary<StreamKey, long> { [Stream] = 3 });
        await owner.RestorePositionsAsync(new Dictionary<StreamKey, long> { [Stream] = 10 });
        await owner.RestorePositionsAsync(new Dictionary<StreamKey, long> { [Stream] = 8 });
        await owner.IngestAsync(Call("/eleven"), Stream, 11);
        Assert.Equal(11, (await owner.CheckpointAsync()).Positions[Stream]);
        Assert.Equal(0, owner.GapBatches);
    }
}
