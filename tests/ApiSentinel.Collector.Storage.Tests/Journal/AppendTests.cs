using ApiSentinel.Collector.Catalog;
using ApiSentinel.Collector.Storage.Tests.Infrastructure;
using static ApiSentinel.Collector.Storage.Tests.Infrastructure.Batches;

namespace ApiSentinel.Collector.Storage.Tests.Journal;

public sealed class AppendTests
{
    [Fact]
    public async Task A_new_stream_starts_anywhere_then_takes_only_the_next_sequence()
    {
        using var dir = new StateDirectory();
        using var store = dir.Open();
        Assert.Equal(0, store.LastSequence(SensorA));
        Assert.Equal(AppendResult.Appended, await store.AppendAsync(SensorA, 41, Bytes(SensorA, 41), 3));
        Assert.Equal(AppendResult.Appended, await store.AppendAsync(SensorA, 42, Bytes(SensorA, 42), 3));
        Assert.Equal(AppendResult.Duplicate, await store.AppendAsync(SensorA, 42, Bytes(SensorA, 42), 3));
        Assert.Equal(AppendResult.Duplicate, await store.AppendAsync(SensorA, 7, Bytes(SensorA, 7), 3));
        Assert.Equal(AppendResult.OutOfOrder, await store.AppendAsync(SensorA, 44, Bytes(SensorA, 44), 3));
        Assert.Equal(42, store.LastSequence(SensorA));
        // Streams are independent, and one sensor's new process instance is a new stream.
        Assert.Equal(AppendResult.Appended, await store.AppendAsync(SensorB, 1, Bytes(SensorB, 1), 1));
        var restarted = SensorA with { InstanceId = "instance-2" };
        Assert.Equal(AppendResult.Appended, await store.AppendAsync(restarted, 1, Bytes(restarted, 1), 1));
        Assert.Equal((4L, 2L, 1L), (store.AppendedBatches, store.DuplicateBatches, store.OutOfOrderBatches));

        var pending = store.Recover().Pending;
        Assert.Equal(["sensor-a/instance-1#41", "sensor-a/instance-1#42", "sensor-b/instance-1#1", "sensor-a/instance-2#1"],
            pending.Select(e => Text(e.Batch)));
        Assert.Equal([41L, 42, 1, 1], pending.Select(e => e.Sequence));
    }

    [Fact]
    public async Task Sequences_survive_a_reopen_so_a_resent_batch_is_a_duplicate_and_a_gap_stays_a_gap()
    {
        using var dir = new StateDirectory();
        using (var store = dir.Open())
        {
            for (var sequence = 1; sequence <= 5; sequence++)
            {
                Assert.Equal(AppendResult.Appended, await store.AppendAsync(SensorA, sequence, Bytes(SensorA, sequence), 1));
            }
        }
        using var reopened = dir.Open();
        Assert.Equal(5, reopened.LastSequence(SensorA));
        Assert.Equal(AppendResult.Duplicate, await reopened.AppendAsync(SensorA, 5, Bytes(SensorA, 5), 1));
        Assert.Equal(AppendResult.OutOfOrder, await reopened.AppendAsync(SensorA, 7, Bytes(SensorA, 7), 1));
        Assert.Equal(AppendResult.Appended, await reopened.AppendAsync(SensorA, 6, Bytes(SensorA, 6), 1));
        Assert.Equal(6, reopened.Recover().Pending.Count);
    }

    [Fact]
    public async Task An_owned_append_follows_the_same_sequence_rules_and_stores_the_bytes()
    {
        using var dir = new StateDirectory();
        using var store = dir.Open();
        Assert.Equal(AppendResult.Appended, await store.AppendOwnedAsync(SensorA, 1, Bytes(SensorA, 1), 2));
        Assert.Equal(AppendResult.Duplicate, await store.AppendOwnedAsync(SensorA, 1, Bytes(SensorA, 1), 2));
        Assert.Equal(AppendResult.OutOfOrder, await store.AppendOwnedAsync(SensorA, 3, Bytes(SensorA, 3), 2));
        Assert.Equal(AppendResult.Appended, await store.AppendOwnedAsync(SensorA, 2, Bytes(SensorA, 2), 2));
        Assert.Equal(["sensor-a/instance-1#1", "sensor-a/instance-1#2"], store.Recover().Pending.Select(e => Text(e.Batch)));
    }

    [Fact]
    public async Task The_caller_may_reuse_its_buffer_once_the_append_returns()
    {
        using var dir = new StateDirectory();
        using var store = dir.Open();
        var buffer = Bytes(SensorA, 1);
        var append = store.AppendAsync(SensorA, 1, buffer, 1);
        Array.Fill(buffer, (byte)'x');
        Assert.Equal(AppendResult.Appended, await append);
        Assert.Equal("sensor-a/instance-1#1", Text(Assert.Single(store.Recover().Pending).Batch));
    }

    [Fact]
    public async Task Appends_waiting_for_a_commit_share_the_next_one()
    {
        using var dir = new StateDirectory();
        using var store = dir.Open();
        Task<AppendResult>[] appends;
        var before = store.Commits;
        using (await store.HoldWriterAsync())
        {
            appends = Enumerable.Range(0, 16).Select(s => new StreamKey($"sensor-{s}", "i"))
                .Select(stream => store.AppendAsync(stream, 1, Bytes(stream, 1), 1)).ToArray();
            await Task.Delay(50);
            Assert.All(appends, a => Assert.False(a.IsCompleted));
        }
        Assert.All(await Task.WhenAll(appends).WaitAsync(TimeSpan.FromSeconds(60)), r => Assert.Equal(AppendResult.Appended, r));
        Assert.Equal(before + 1, store.Commits);
        Assert.Equal(16, store.Recover().Pending.Count);
    }

    [Fact]
    public async Task A_queued_append_reports_its_outcome_even_when_its_caller_cancels()
    {
        using var dir = new StateDirectory();
        using var store = dir.Open();
        using var cancel = new CancellationTokenSource();
        Task<AppendResult> append;
        using (await store.HoldWriterAsync())
        {
            append = store.AppendAsync(SensorA, 1, Bytes(SensorA, 1), 1, cancel.Token);
            await cancel.CancelAsync();
        }
        // The batch became durable: its caller learns so, and must ingest it (a resend would be a duplicate).
        Assert.Equal(AppendResult.Appended, await append.WaitAsync(TimeSpan.FromSeconds(60)));
        Assert.Equal(1, store.LastSequence(SensorA));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.AppendAsync(SensorA, 2, Bytes(SensorA, 2), 1, cancel.Token));
        Assert.Equal(1, store.LastSequence(SensorA));
    }

    [Fact]
    public async Task Sixteen_concurrent_appenders_share_commits_and_every_batch_is_durable_once()
    {
        using var dir = new StateDirectory();
        const int Streams = 16;
        const int PerStream = 200;
        using (var store = dir.Open())
        {
            var appenders = Enumerable.Range(0, Streams).Select(s => Task.Run(async () =>
            {
                var stream = new StreamKey($"sensor-{s}", "i");
                for (var sequence = 1; sequence <= PerStream; sequence++)
                {
                    var result = await store.AppendAsync(stream, sequence, Bytes(stream, sequence), 10);
                    Assert.Equal(AppendResult.Appended, result);
                    // A resend of what was just acknowledged is recognised.
                    if (sequence % 50 == 0)
                    {
                        Assert.Equal(AppendResult.Duplicate, await store.AppendAsync(stream, sequence, Bytes(stream, sequence), 10));
                    }
                }
            })).ToArray();
            await Task.WhenAll(appenders).WaitAsync(TimeSpan.FromSeconds(120));
            Assert.Equal(Streams * PerStream, store.AppendedBatches);
            Assert.Equal(Streams * PerStream / 50, store.DuplicateBatches);
        }
        using var reopened = dir.Open();
        var pending = reopened.Recover().Pending;
        Assert.Equal(Streams * PerStream, pending.Count);
        foreach (var group in pending.GroupBy(e => e.Stream))
        {
            Assert.Equal(Enumerable.Range(1, PerStream).Select(i => (long)i), group.Select(e => e.Sequence));
            Assert.All(group, e => Assert.Equal($"{e.Stream}#{e.Sequence}", Text(e.Batch)));
            Assert.Equal(PerStream, reopened.LastSequence(group.Key));
        }
    }
}
