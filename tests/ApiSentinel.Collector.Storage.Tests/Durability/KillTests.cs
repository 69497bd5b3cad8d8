using System.Diagnostics;
using ApiSentinel.Collector.Catalog;
using ApiSentinel.Collector.Storage.Tests.Infrastructure;
using static ApiSentinel.Collector.Storage.Tests.Infrastructure.Batches;

namespace ApiSentinel.Collector.Storage.Tests.Durability;

public sealed class KillTests
{
    private const int AcksBeforeKill = 400;

    [Fact]
    public async Task Every_batch_acknowledged_before_a_kill_9_is_in_the_reopened_store_exactly_once()
    {
        using var dir = new StateDirectory();
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(typeof(AppendingChild).Assembly.Location);
        start.ArgumentList.Add(AppendingChild.Verb);
        start.ArgumentList.Add(dir.Path);
        var acked = new Dictionary<string, long>();
        var checkpoints = 0;
        using (var child = Process.Start(start)!)
        {
            try
            {
                var errors = child.StandardError.ReadToEndAsync();
                var reading = Task.Run(async () =>
                {
                    while (await child.StandardOutput.ReadLineAsync() is { } line)
                    {
                        var parts = line.Split(' ');
                        if (parts[0] == "ack")
                        {
                            acked[parts[1]] = Math.Max(acked.GetValueOrDefault(parts[1]), long.Parse(parts[2], System.Globalization.CultureInfo.InvariantCulture));
                        }
                        else if (parts[0] == "checkpoint")
                        {
                            checkpoints++;
                        }
                        if (acked.Values.Sum() >= AcksBeforeKill && checkpoints >= 2 && !child.HasExited)
                        {
                            child.Kill();
                        }
                    }
                });
                // Lines printed before the kill are still read: each is an acknowledgement the store must honour.
                await reading.WaitAsync(TimeSpan.FromSeconds(120));
                await child.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
                Assert.True(acked.Values.Sum() >= AcksBeforeKill, "child stopped early: " + await errors);
            }
            finally
            {
                if (!child.HasExited)
                {
                    child.Kill();
                }
            }
        }

        // A collector restarting on the killed one's state: it can take the lock at once (the kernel dropped it).
        using var store = dir.Open();
        // The kill alone cannot tell synchronous=FULL from OFF (the OS keeps the page cache): check the writer's settings.
        var (synchronous, journalMode) = await store.WriterPragmasAsync().WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Equal(2, synchronous);
        Assert.Equal("wal", journalMode);
        var recovery = store.Recover();
        Assert.NotNull(recovery.CatalogState);
        var options = new CatalogOptions();
        await using var owner = new CatalogOwner(ApiCatalog.ImportState(new MemoryStream(recovery.CatalogState), options), recovery.Positions);
        foreach (var entry in recovery.Pending)
        {
            await owner.IngestAsync(Decode(entry.Batch), entry.Stream, entry.Sequence);
        }
        var snapshot = await owner.BuildAsync();
        long durable = 0;
        for (var index = 0; index < AppendingChild.Streams; index++)
        {
            var stream = AppendingChild.Stream(index);
            var last = store.LastSequence(stream);
            Assert.True(last >= acked.GetValueOrDefault(stream.SensorId), $"{stream}: acknowledged {acked.GetValueOrDefault(stream.SensorId)}, durable {last}");
            // The journal after the checkpoint continues the checkpoint's position without a gap, up to the last durable.
            var pending = recovery.Pending.Where(p => p.Stream == stream).Select(p => p.Sequence).ToList();
            var position = recovery.Positions.GetValueOrDefault(stream);
            Assert.Equal(Enumerable.Range(1, (int)(last - position)).Select(i => position + i), pending);
            durable += last;
            var endpoint = snapshot.Endpoints.Single(e => e.Key.PathTemplate == $"/{stream.SensorId}/items");
            // Nothing lost, nothing doubled: the endpoint has exactly the calls of sequences 1..last.
            Assert.Equal(last * AppendingChild.CallsPerBatch, endpoint.Requests);
        }
        Assert.Equal(durable * AppendingChild.CallsPerBatch, snapshot.Counters.Calls);
    }
}
