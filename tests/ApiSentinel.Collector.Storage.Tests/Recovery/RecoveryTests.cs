using ApiSentinel.Collector.Catalog;
using ApiSentinel.Collector.Storage.Tests.Infrastructure;
using ApiSentinel.Contract;
using static ApiSentinel.Collector.Storage.Tests.Infrastructure.Batches;

namespace ApiSentinel.Collector.Storage.Tests.Recovery;

/// <summary>The service's restart path: import the checkpoint's state, replay the journal after its positions.</summary>
public sealed class RecoveryTests
{
    private static readonly CatalogOptions Options = new();

    private static List<ApiCall> BatchCalls(long sequence) =>
        Enumerable.Range(0, 10).Select(i => Call($"/items/{sequence * 100 + i}", Jan1Micros + (sequence * 60_000_000L) + i)).ToList();

    /// <summary>What the collector does per batch: journal it, then (when new) hand it to the owner.</summary>
    private static async Task AppendAndIngest(CollectorStore store, CatalogOwner owner, StreamKey stream, long sequence)
    {
        var calls = BatchCalls(sequence);
        if (await store.AppendAsync(stream, sequence, Encode(calls), calls.Count) == AppendResult.Appended)
        {
            await owner.IngestAsync(calls, stream, sequence);
        }
    }

    private static async Task<(ApiCatalog Catalog, CatalogOwner Owner)> Restore(CollectorStore store)
    {
        var recovery = store.Recover();
        var catalog = recovery.CatalogState is null
            ? new ApiCatalog(Options)
            : ApiCatalog.ImportState(new MemoryStream(recovery.CatalogState), Options);
        var owner = new CatalogOwner(catalog, recovery.Positions);
        foreach (var entry in recovery.Pending)
        {
            await owner.IngestAsync(Decode(entry.Batch), entry.Stream, entry.Sequence);
        }
        return (catalog, owner);
    }

    [Fact]
    public async Task A_restart_has_the_checkpoint_and_the_batches_after_it_each_exactly_once()
    {
        using var dir = new StateDirectory();
        using (var store = dir.Open())
        {
            await using var owner = new CatalogOwner(new ApiCatalog(Options));
            for (var sequence = 1; sequence <= 5; sequence++)
            {
                await AppendAndIngest(store, owner, SensorA, sequence);
                await AppendAndIngest(store, owner, SensorB, sequence);
            }
            var checkpoint = await owner.CheckpointAsync();
            Assert.Equal(new Dictionary<StreamKey, long> { [SensorA] = 5, [SensorB] = 5 }, checkpoint.Positions);
            Assert.Equal(100, checkpoint.Snapshot.Counters.Calls);
            await store.CheckpointAsync(checkpoint);
            // Journal rows the checkpoint covers are gone; those after it stay.
            Assert.Empty(store.Recover().Pending);
            for (var sequence = 6; sequence <= 8; sequence++)
            {
                await AppendAndIngest(store, owner, SensorA, sequence);
            }
            // The process dies here: sequences 6–8 are acknowledged and journaled, but in no checkpoint.
        }

        using (var store = dir.Open())
        {
            var recovery = store.Recover();
            Assert.NotNull(recovery.CatalogState);
            Assert.Equal(new Dictionary<StreamKey, long> { [SensorA] = 5, [SensorB] = 5 }, recovery.Positions);
            Assert.Equal([6L, 7, 8], recovery.Pending.Select(p => p.Sequence));
            var (_, owner) = await Restore(store);
            await using (owner)
            {
                // The sensor resends what it had not seen acknowledged: the store says duplicate, nothing doubles.
                Assert.Equal(AppendResult.Duplicate, await store.AppendAsync(SensorA, 8, Encode(BatchCalls(8)), 10));
                // And an entry replayed twice (a crash during recovery) is skipped by the owner's positions.
                await owner.IngestAsync(BatchCalls(7), SensorA, 7);
                var checkpoint = await owner.CheckpointAsync();
                Assert.Equal(130, checkpoint.Snapshot.Counters.Calls);
                Assert.Equal(8, checkpoint.Positions[SensorA]);
                Assert.Equal(1, owner.ReplayedBatches);
            }
        }
    }

    [Fact]
    public async Task A_checkpoint_keeps_journal_rows_the_catalog_had_not_ingested_yet()
    {
        using var dir = new StateDirectory();
        using var store = dir.Open();
        await using var owner = new CatalogOwner(new ApiCatalog(Options));
        await AppendAndIngest(store, owner, SensorA, 1);
        // Journaled and acknowledged, still on its way to the owner when the checkpoint is taken.
        Assert.Equal(AppendResult.Appended, await store.AppendAsync(SensorA, 2, Encode(BatchCalls(2)), 10));
        var checkpoint = await owner.CheckpointAsync();
        Assert.Equal(1, checkpoint.Positions[SensorA]);
        await store.CheckpointAsync(checkpoint);
        var pending = Assert.Single(store.Recover().Pending);
        Assert.Equal(2, pending.Sequence);
    }

    [Fact]
    public async Task Positions_in_the_state_match_the_positions_stored_beside_it()
    {
        using var dir = new StateDirectory();
        using var store = dir.Open();
        await using var owner = new CatalogOwner(new ApiCatalog(Options));
        await AppendAndIngest(store, owner, SensorA, 3);
        await AppendAndIngest(store, owner, SensorA, 4);
        await AppendAndIngest(store, owner, SensorB, 9);
        await store.CheckpointAsync(await owner.CheckpointAsync());
        var recovery = store.Recover();
        var imported = ApiCatalog.ImportState(new MemoryStream(recovery.CatalogState!), Options);
        Assert.Equal(recovery.Positions.OrderBy(p => p.Key.SensorId), imported.Positions.OrderBy(p => p.Key.SensorId));
        Assert.Equal(4, recovery.Positions[SensorA]);
        Assert.Equal(9, recovery.Positions[SensorB]);
    }

    [Fact]
    public async Task Recover_reads_the_pending_batches_lazily_and_holds_what_was_there_when_it_ran()
    {
        const int Batches = 100;
        const int BatchBytes = 100_000;
        using var dir = new StateDirectory();
        using var store = dir.Open();
        for (var sequence = 1; sequence <= Batches; sequence++)
        {
            var batch = new byte[BatchBytes];
            batch[0] = (byte)sequence;
            await store.AppendAsync(SensorA, sequence, batch, 1);
        }
        // Every batch read at once would allocate the journal's 10 MB here.
        var before = GC.GetAllocatedBytesForCurrentThread();
        var recovery = store.Recover();
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(allocated < Batches * BatchBytes / 10, $"{allocated} bytes allocated by Recover()");
        Assert.Equal(Batches, recovery.Pending.Count);

        // An append after Recover() is not in it; the entries come in append order, each whole.
        await store.AppendAsync(SensorA, Batches + 1, new byte[10], 1);
        var sequences = new List<long>();
        foreach (var entry in recovery.Pending)
        {
            Assert.Equal(BatchBytes, entry.Batch.Length);
            Assert.Equal((byte)entry.Sequence, entry.Batch.Span[0]);
            sequences.Add(entry.Sequence);
        }
        Assert.Equal(Enumerable.Range(1, Batches).Select(i => (long)i), sequences);
    }
}
