using ApiSentinel.Collector.Catalog;
using ApiSentinel.Contract;

namespace ApiSentinel.Collector.Tests.Catalog.Usage;

/// <summary>Hourly usage kept per endpoint until a checkpoint drains it under the endpoint's final identity.</summary>
public sealed class PendingUsageTests
{
    private const long Jan1Micros = 1_704_067_200_000_000L;
    private const long Hour = 3_600_000_000L;
    private static readonly StreamKey Stream = new("sensor-a", "1");

    private static ApiCall Call(string path, long micros, int? status = 200) => new()
    {
        TimestampMicros = micros, ClientAddress = "192.0.2.10", Server = "198.51.100.9:8080", Host = "shop.example",
        Method = "GET", Path = path, Status = status,
    };

    /// <summary>Three literal paths first (each its own endpoint), then enough ids that they become one template.</summary>
    private static async Task<(CatalogSnapshot First, CatalogOwner Owner)> ThreeEndpointsThenMerged()
    {
        var owner = new CatalogOwner(new ApiCatalog(new CatalogOptions()));
        await owner.IngestAsync([Call("/users/alice", Jan1Micros), Call("/users/bob", Jan1Micros + Hour, 503), Call("/users/carol", Jan1Micros + Hour, null)], Stream, 1);
        var first = await owner.BuildAsync();
        await owner.IngestAsync(Enumerable.Range(0, 300).Select(i => Call($"/users/user{i * 7919}", Jan1Micros + (2 * Hour) + i, i % 10 == 0 ? 500 : 200)).ToList(), Stream, 2);
        return (first, owner);
    }

    [Fact]
    public async Task Usage_of_interim_endpoints_is_drained_under_the_template_they_merged_into()
    {
        var (first, owner) = await ThreeEndpointsThenMerged();
        await using var _ = owner;
        Assert.Equal(3, first.Endpoints.Count);
        var checkpoint = await owner.CheckpointAsync();
        var merged = Assert.Single(checkpoint.Snapshot.Endpoints);
        Assert.Equal("/users/{userId}", merged.Key.PathTemplate);
        Assert.All(checkpoint.Usage, u => Assert.Equal(merged.Identity, u.EndpointId));
        Assert.Equal(
            [(Jan1Micros, 1L, 0L), (Jan1Micros + Hour, 2L, 2L), (Jan1Micros + (2 * Hour), 300L, 30L)],
            checkpoint.Usage.Select(u => (u.HourStartMicros, u.Requests, u.Errors)));
        // Every interim identity the previous build published is renamed to the survivor.
        Assert.Equal(first.Endpoints.Select(e => e.Identity).Order(StringComparer.Ordinal), checkpoint.Renames.Select(r => r.OldIdentity));
        Assert.All(checkpoint.Renames, r => Assert.Equal(merged.Identity, r.NewIdentity));
        // Drained: the next checkpoint has nothing to add but what came since.
        await owner.IngestAsync([Call("/users/dave", Jan1Micros + (3 * Hour))], Stream, 3);
        var next = await owner.CheckpointAsync();
        Assert.Equal((Jan1Micros + (3 * Hour), 1L), (Assert.Single(next.Usage).HourStartMicros, next.Usage[0].Requests));
        Assert.Empty(next.Renames);
    }

    [Fact]
    public async Task Renames_of_builds_between_checkpoints_reach_the_next_checkpoint()
    {
        await using var owner = new CatalogOwner(new ApiCatalog(new CatalogOptions()));
        await owner.IngestAsync([Call("/users/alice", Jan1Micros), Call("/users/bob", Jan1Micros)], Stream, 1);
        var stored = await owner.CheckpointAsync();
        Assert.Equal(2, stored.Usage.Count);
        await owner.IngestAsync(Enumerable.Range(0, 300).Select(i => Call($"/users/user{i * 7919}", Jan1Micros + i)).ToList(), Stream, 2);
        // A build for readers merges the two endpoints whose usage is stored; the checkpoint after must still say so.
        var merging = await owner.BuildAsync();
        Assert.Equal(2, merging.Renames.Count);
        await owner.BuildAsync();
        var checkpoint = await owner.CheckpointAsync();
        Assert.Equal(stored.Usage.Select(u => u.EndpointId), checkpoint.Renames.Select(r => r.OldIdentity));
        Assert.All(checkpoint.Renames, r => Assert.Equal(Assert.Single(checkpoint.Snapshot.Endpoints).Identity, r.NewIdentity));
    }

    private static EndpointRename Rename(string from, string to) =>
        new(new("h", "GET", from), from, new("h", "GET", to), to);

    [Fact]
    public void Renames_compose_across_builds_and_a_rename_back_cancels()
    {
        var renames = new RenamesSinceCheckpoint();
        renames.Add([Rename("a", "b"), Rename("x", "y")]);
        renames.Add([Rename("b", "c"), Rename("y", "x")]);
        Assert.Equal([("a", "c"), ("b", "c"), ("y", "x")], renames.Take().Select(r => (r.OldIdentity, r.NewIdentity)));
        Assert.Empty(renames.Take());
    }

    [Fact]
    public void One_builds_renames_are_simultaneous_and_do_not_chain()
    {
        // Old a now lives under b, old b under c: a's usage belongs at b, not c.
        var renames = new RenamesSinceCheckpoint();
        renames.Add([Rename("a", "b"), Rename("b", "c")]);
        Assert.Equal([("a", "b"), ("b", "c")], renames.Take().Select(r => (r.OldIdentity, r.NewIdentity)));
        // Across builds they still compose: after {a→b, b→c}, a build's c→d takes old b (now c) on to d; old a stays at b.
        renames.Add([Rename("a", "b"), Rename("b", "c")]);
        renames.Add([Rename("c", "d")]);
        Assert.Equal([("a", "b"), ("b", "d"), ("c", "d")], renames.Take().Select(r => (r.OldIdentity, r.NewIdentity)));
    }

    [Fact]
    public async Task Usage_and_renames_of_a_failed_checkpoint_come_back_in_the_next()
    {
        var (_, owner) = await ThreeEndpointsThenMerged();
        await using var __ = owner;
        var failed = await owner.CheckpointAsync();
        await owner.IngestAsync([Call("/users/erin", Jan1Micros + (2 * Hour))], Stream, 3);
        await owner.CheckpointFailedAsync(failed);
        var retry = await owner.CheckpointAsync();
        Assert.Equal(failed.Renames, retry.Renames);
        Assert.Equal(
            failed.Usage.Select(u => u.HourStartMicros == Jan1Micros + (2 * Hour) ? u with { Requests = u.Requests + 1 } : u),
            retry.Usage);
    }

    [Fact]
    public async Task Pending_usage_and_positions_survive_export_and_import()
    {
        var options = new CatalogOptions();
        var catalog = new ApiCatalog(options);
        await using (var owner = new CatalogOwner(catalog))
        {
            await owner.IngestAsync([Call("/items", Jan1Micros), Call("/items", Jan1Micros + Hour + 5, 500)], Stream, 7);
            await owner.BuildAsync();
        }
        using var state = new MemoryStream();
        catalog.ExportState(state);
        var imported = ApiCatalog.ImportState(new MemoryStream(state.ToArray()), options);
        Assert.Equal(7, imported.Positions[Stream]);
        await using var restored = new CatalogOwner(imported);
        // A batch at or before the imported position is a replay: not ingested.
        await restored.IngestAsync([Call("/items", Jan1Micros)], Stream, 7);
        var checkpoint = await restored.CheckpointAsync();
        Assert.Equal(1, restored.ReplayedBatches);
        Assert.Equal([(Jan1Micros, 1L, 0L), (Jan1Micros + Hour, 1L, 1L)], checkpoint.Usage.Select(u => (u.HourStartMicros, u.Requests, u.Errors)));
        // The checkpoint's state is taken after the drain: importing it has nothing pending, the positions stay.
        var again = ApiCatalog.ImportState(new MemoryStream(checkpoint.State), options);
        await using var third = new CatalogOwner(again);
        Assert.Empty((await third.CheckpointAsync()).Usage);
        Assert.Equal(7, again.Positions[Stream]);
    }
}
