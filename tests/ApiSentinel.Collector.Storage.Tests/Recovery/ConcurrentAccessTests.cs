using ApiSentinel.Collector.Catalog;
using ApiSentinel.Collector.Storage.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;
using static ApiSentinel.Collector.Storage.Tests.Infrastructure.Batches;

namespace ApiSentinel.Collector.Storage.Tests.Recovery;

public sealed class ConcurrentAccessTests
{
    [Fact]
    public async Task Readers_see_consistent_usage_while_streams_append_and_checkpoints_commit()
    {
        using var dir = new StateDirectory();
        // The store's clock at the calls' day, so the retention keeps their hour.
        using var store = dir.Open(new FakeTimeProvider(DateTimeOffset.UnixEpoch.AddTicks(Jan1Micros * 10)));
        await using var owner = new CatalogOwner(new ApiCatalog(new CatalogOptions()));
        using var stop = new CancellationTokenSource();
        var appenders = Enumerable.Range(0, 4).Select(s => Task.Run(async () =>
        {
            var stream = new StreamKey($"sensor-{s}", "i");
            for (var sequence = 1; sequence <= 150; sequence++)
            {
                var calls = new[] { Call("/items", Jan1Micros + sequence) };
                Assert.Equal(AppendResult.Appended, await store.AppendAsync(stream, sequence, Encode(calls), 1));
                await owner.IngestAsync(calls, stream, sequence);
            }
        })).ToArray();
        var checkpoints = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                await store.CheckpointAsync(await owner.CheckpointAsync());
            }
        });
        long seen = 0;
        var reads = 0;
        while (!appenders.All(a => a.IsCompleted) || reads < 10)
        {
            // Stored usage only grows, and never past what was ingested.
            var total = store.RequestsInRange(null, null).Values.Sum();
            Assert.InRange(total, seen, 600);
            seen = total;
            Assert.Empty(store.Findings());
            reads++;
        }
        await Task.WhenAll(appenders).WaitAsync(TimeSpan.FromSeconds(120));
        await stop.CancelAsync();
        await checkpoints.WaitAsync(TimeSpan.FromSeconds(60));
        await store.CheckpointAsync(await owner.CheckpointAsync());
        Assert.Equal(600, store.RequestsInRange(null, null).Values.Sum());
        Assert.Empty(store.Recover().Pending);
    }
}
