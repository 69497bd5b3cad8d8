using ApiSentinel.Collector.Catalog;
using ApiSentinel.Collector.Storage.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;
using static ApiSentinel.Collector.Storage.Tests.Infrastructure.Batches;

namespace ApiSentinel.Collector.Storage.Tests.Recovery;

public sealed class FailedCheckpointTests
{
    private static void Sql(string database, string sql)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = database, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    [Fact]
    public async Task A_checkpoint_that_fails_stores_nothing_and_the_next_one_carries_its_usage()
    {
        using var dir = new StateDirectory();
        using var store = dir.Open(new FakeTimeProvider(DateTimeOffset.UnixEpoch.AddTicks(Jan1Micros * 10)));
        await using var owner = new CatalogOwner(new ApiCatalog(new CatalogOptions()));
        await store.AppendAsync(SensorA, 1, Bytes(SensorA, 1), 2);
        await owner.IngestAsync([Call("/items", Jan1Micros), Call("/items", Jan1Micros + 1)], SensorA, 1);
        await store.CheckpointAsync(await owner.CheckpointAsync());
        var before = store.Recover();

        await store.AppendAsync(SensorA, 2, Bytes(SensorA, 2), 1);
        await owner.IngestAsync([Call("/items", Jan1Micros + 2)], SensorA, 2);
        // The usage write fails halfway through the checkpoint's transaction (a full disk, an I/O error).
        Sql(dir.Database, "CREATE TRIGGER fail_usage BEFORE INSERT ON usage BEGIN SELECT RAISE(ABORT, 'simulated write failure'); END;");
        var failed = await owner.CheckpointAsync();
        var error = await Assert.ThrowsAsync<CollectorStoreException>(() => store.CheckpointAsync(failed));
        Assert.Contains("simulated write failure", error.Message, StringComparison.Ordinal);

        // Nothing of it was stored: the state, the positions and the journal are the previous checkpoint's.
        var after = store.Recover();
        Assert.Equal(before.CatalogState, after.CatalogState);
        Assert.Equal(before.Positions, after.Positions);
        Assert.Equal([2L], after.Pending.Select(p => p.Sequence));
        var items = Assert.Single(failed.Snapshot.Endpoints).Identity;
        Assert.Equal(2, store.RequestsInRange(null, null)[items]);
        // Appends go on meanwhile.
        Assert.Equal(AppendResult.Appended, await store.AppendAsync(SensorA, 3, Bytes(SensorA, 3), 1));

        Sql(dir.Database, "DROP TRIGGER fail_usage");
        await owner.CheckpointFailedAsync(failed);
        await owner.IngestAsync([Call("/items", Jan1Micros + 3)], SensorA, 3);
        await store.CheckpointAsync(await owner.CheckpointAsync());
        Assert.Equal(4, store.RequestsInRange(null, null)[items]);
        Assert.Empty(store.Recover().Pending);
    }
}
