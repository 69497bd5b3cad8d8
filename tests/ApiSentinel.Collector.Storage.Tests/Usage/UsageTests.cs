using ApiSentinel.Collector.Catalog;
using ApiSentinel.Collector.Storage.Tests.Infrastructure;
using ApiSentinel.Contract;
using Microsoft.Extensions.Time.Testing;
using static ApiSentinel.Collector.Storage.Tests.Infrastructure.Batches;

namespace ApiSentinel.Collector.Storage.Tests.Usage;

public sealed class UsageTests
{
    private static DateTimeOffset At(long micros) => DateTimeOffset.UnixEpoch.AddTicks(micros * 10);

    private static async Task Checkpoint(CollectorStore store, CatalogOwner owner, IReadOnlyList<ApiCall> calls, long sequence)
    {
        await owner.IngestAsync(calls, SensorA, sequence);
        await store.CheckpointAsync(await owner.CheckpointAsync());
    }

    [Fact]
    public async Task Usage_is_kept_per_hour_and_read_by_overlapping_range()
    {
        using var dir = new StateDirectory();
        using var store = dir.Open(new FakeTimeProvider(At(Jan1Micros + (10 * HourMicros))));
        await using var owner = new CatalogOwner(new ApiCatalog(new CatalogOptions()));
        await Checkpoint(store, owner, [
            Call("/items", Jan1Micros + 10), Call("/items", Jan1Micros + HourMicros - 1, 500), Call("/items", Jan1Micros + HourMicros, null),
            Call("/items", Jan1Micros + (3 * HourMicros) + 7, 404), Call("/health", Jan1Micros + (3 * HourMicros)),
        ], 1);
        // A second checkpoint adds into the same hour's row.
        await Checkpoint(store, owner, [Call("/items", Jan1Micros + 20)], 2);

        var items = (await owner.BuildAsync()).Endpoints.Single(e => e.Key.PathTemplate == "/items").Identity;
        var health = (await owner.BuildAsync()).Endpoints.Single(e => e.Key.PathTemplate == "/health").Identity;
        Assert.Equal(
            [new UsageBucket(items, Jan1Micros, 3, 1), new UsageBucket(items, Jan1Micros + HourMicros, 1, 1), new UsageBucket(items, Jan1Micros + (3 * HourMicros), 1, 0)],
            store.Usage(items, null, null));
        // [since, until) selects the hours it overlaps: a minute inside hour 1 finds hour 1; until is exclusive.
        Assert.Equal([Jan1Micros + HourMicros], store.Usage(items, At(Jan1Micros + HourMicros + 60_000_000), At(Jan1Micros + HourMicros + 120_000_000)).Select(u => u.HourStartMicros));
        Assert.Equal([Jan1Micros], store.Usage(items, null, At(Jan1Micros + HourMicros)).Select(u => u.HourStartMicros));
        Assert.Equal([Jan1Micros + (3 * HourMicros)], store.Usage(items, At(Jan1Micros + (2 * HourMicros)), null).Select(u => u.HourStartMicros));
        Assert.Empty(store.Usage("no-such-endpoint", null, null));

        Assert.Equal(new Dictionary<string, long> { [items] = 5, [health] = 1 }, store.RequestsInRange(null, null));
        Assert.Equal(new Dictionary<string, long> { [items] = 1, [health] = 1 }, store.RequestsInRange(At(Jan1Micros + (2 * HourMicros)), At(Jan1Micros + (5 * HourMicros))));
        Assert.Equal(new Dictionary<string, long> { [items] = 4 }, store.RequestsInRange(null, At(Jan1Micros + (2 * HourMicros))));
    }

    [Fact]
    public async Task Usage_older_than_the_retention_is_pruned_at_a_checkpoint()
    {
        using var dir = new StateDirectory();
        var time = new FakeTimeProvider(At(Jan1Micros + (2 * HourMicros)));
        using var store = dir.Open(time, new CollectorStoreOptions { UsageRetention = TimeSpan.FromDays(35) });
        await using var owner = new CatalogOwner(new ApiCatalog(new CatalogOptions()));
        var day = 24 * HourMicros;
        await Checkpoint(store, owner, [Call("/items", Jan1Micros), Call("/items", Jan1Micros + (10 * day))], 1);
        var items = (await owner.BuildAsync()).Endpoints.Single().Identity;
        Assert.Equal(2, store.Usage(items, null, null).Count);

        // 36 days on, the first hour is past 35 days; the hour of day 10 is not.
        time.Advance(TimeSpan.FromDays(36));
        await Checkpoint(store, owner, [], 2);
        Assert.Equal([Jan1Micros + (10 * day)], store.Usage(items, null, null).Select(u => u.HourStartMicros));
    }

    [Fact]
    public async Task Stored_usage_of_merged_endpoints_moves_to_the_identity_they_merged_into()
    {
        using var dir = new StateDirectory();
        using var store = dir.Open(new FakeTimeProvider(At(Jan1Micros)));
        await using var owner = new CatalogOwner(new ApiCatalog(new CatalogOptions()));
        await Checkpoint(store, owner, [Call("/users/alice", Jan1Micros), Call("/users/bob", Jan1Micros + 1, 500), Call("/users/bob", Jan1Micros + HourMicros)], 1);
        var literal = store.RequestsInRange(null, null);
        Assert.Equal(2, literal.Count);

        // Enough distinct names that the two literals become one template: a build for readers merges them first.
        await owner.IngestAsync(Enumerable.Range(0, 300).Select(i => Call($"/users/user{i * 7919}", Jan1Micros + HourMicros + i)).ToList(), SensorA, 2);
        await owner.BuildAsync();
        await store.CheckpointAsync(await owner.CheckpointAsync());

        var merged = Assert.Single((await owner.BuildAsync()).Endpoints).Identity;
        Assert.Equal(new Dictionary<string, long> { [merged] = 303 }, store.RequestsInRange(null, null));
        Assert.Equal([new UsageBucket(merged, Jan1Micros, 2, 1), new UsageBucket(merged, Jan1Micros + HourMicros, 301, 0)], store.Usage(merged, null, null));
        Assert.All(literal.Keys, old => Assert.Empty(store.Usage(old, null, null)));
    }
}
