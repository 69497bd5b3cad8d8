using ApiSentinel.Sensor.Daemon.Tests.Infrastructure;
using ApiSentinel.Sensor.Daemon.Upload;

namespace ApiSentinel.Sensor.Daemon.Tests.Upload;

/// <summary>Replay of samples/demo.pcap through the whole daemon to a real (fake) gRPC collector.</summary>
public sealed class ReplayUploadTests : IDisposable
{
    private readonly TemporaryFiles _files = new();

    public void Dispose() => _files.Dispose();

    private string[] ReplayArgs(FakeCollector collector, params string[] extra) =>
    [
        "--pcap", Samples.DemoPcap, "--collector", collector.Address.ToString(), "--token-file", _files.TokenFile(),
        "--sensor-id", "test-sensor", .. extra,
    ];

    [Fact]
    public async Task Replay_delivers_every_call_exactly_once_and_exits_0()
    {
        var expected = ExpectedCalls.Of(Samples.DemoPcap);
        Assert.NotEmpty(expected);
        await using var collector = await FakeCollector.StartAsync();
        await using var daemon = InProcessDaemon.Start(ReplayArgs(collector, "--batch-size", "4"));

        Assert.Equal(0, await daemon.ExitWithin());

        var received = collector.Ledger.Calls;
        Assert.Equal(expected.Select(ExpectedCalls.Identity).Order(), received.Select(ExpectedCalls.Identity).Order());
        Assert.All(received, c => Assert.Equal("test-sensor", c.Source));
        Assert.Equal(0, collector.Ledger.Gaps);
        var hello = Assert.Single(collector.Ledger.Hellos);
        Assert.Equal("test-sensor", hello.SensorId);
        Assert.Equal(Ingest.V1Alpha1.CaptureMode.Replay, hello.CaptureMode);
        Assert.Equal(["demo.pcap"], hello.Interfaces);
        Assert.Equal("", daemon.Error.ToString());
        // The stream ends with a last SensorStatus carrying the final counters.
        var last = collector.Ledger.Statuses[^1];
        Assert.Equal((ulong)expected.Count, last.Counters["calls_acknowledged"]);
        Assert.Equal((ulong)expected.Count, last.Counters["calls_queued"]);
        Assert.True(last.Counters["packets_captured"] > 0);
    }

    [Fact]
    public async Task Collector_restart_mid_stream_resends_unacknowledged_batches_and_the_collector_ends_with_exactly_the_capture()
    {
        var expected = ExpectedCalls.Of(Samples.DemoPcap);
        var ledger = new CollectorLedger();
        // The first collector makes 2 batches durable, receives more without storing them, and dies.
        var first = await FakeCollector.StartAsync(ledger: ledger, behaviour: new FakeCollectorBehaviour { StoreLimit = 2 });
        int port = first.Port;
        await using var daemon = InProcessDaemon.Start(ReplayArgs(first, "--batch-size", "2", "--reconnect-initial-ms", "50",
            "--reconnect-max-ms", "200"));
        var sensor = await daemon.Started;
        await WaitUntil(() => ledger.WireSequences.Sum(c => c.Count) >= 4);
        await first.DisposeAsync();
        Assert.True(sensor.Uploader.Outstanding > 0, "calls must be outstanding when the collector dies");

        await using var second = await FakeCollector.StartAsync(port, ledger);
        Assert.Equal(0, await daemon.ExitWithin());

        Assert.Equal(expected.Select(ExpectedCalls.Identity).Order(), ledger.Calls.Select(ExpectedCalls.Identity).Order());
        Assert.Equal(0, ledger.Gaps);
        Assert.True(ledger.WireSequences.Count >= 2, "the sensor reconnected");
        // Resent: the second connection starts with a sequence the first one already carried.
        var firstConnection = ledger.WireSequences[0];
        var later = ledger.WireSequences.Skip(1).First(c => c.Count > 0);
        Assert.Contains(later[0], firstConnection);
        AssertContiguousPerConnection(ledger);
        Assert.True(sensor.Counters.CallsResent > 0);
        Assert.True(sensor.Counters.Reconnects > 0);
        Assert.All(ledger.Hellos, h => Assert.Equal(ledger.Hellos[0].InstanceId, h.InstanceId));
    }

    [Fact]
    public async Task A_collector_that_lost_acknowledged_batches_gets_the_rest_as_a_new_instance_from_sequence_1()
    {
        var expected = ExpectedCalls.Of(Samples.DemoPcap);
        var first = await FakeCollector.StartAsync(behaviour: new FakeCollectorBehaviour { StoreLimit = 2 });
        int port = first.Port;
        await using var daemon = InProcessDaemon.Start(ReplayArgs(first, "--batch-size", "2", "--reconnect-initial-ms", "50",
            "--reconnect-max-ms", "200"));
        var sensor = await daemon.Started;
        await WaitUntil(() => first.Ledger.WireSequences.Sum(c => c.Count) >= 4 && sensor.Counters.CallsAcknowledged == 4);
        var firstInstance = first.Ledger.Hellos[0].InstanceId;
        await first.DisposeAsync();

        // Same port, empty state: it answers the Hello with 0 although 2 batches were acknowledged.
        await using var second = await FakeCollector.StartAsync(port);
        Assert.Equal(0, await daemon.ExitWithin());

        Assert.Equal(1, sensor.Counters.SequenceRestarts);
        Assert.True(daemon.Logs.Contains("its state was lost"));
        // The old instance's resend was refused once as a gap; the new instance then never makes one.
        Assert.Equal(1, second.Ledger.Gaps);
        var instances = second.Ledger.Hellos.Select(h => h.InstanceId).Distinct().ToList();
        Assert.Contains(firstInstance, instances);
        Assert.Contains(instances, i => i != firstInstance);
        // The new instance starts at 1 and carries everything the first collector never acknowledged, once.
        Assert.Equal(1UL, second.Ledger.WireSequences.Last(c => c.Count > 0)[0]);
        Assert.Equal(expected.Skip(4).Select(ExpectedCalls.Identity).Order(), second.Ledger.Calls.Select(ExpectedCalls.Identity).Order());
    }

    [Fact]
    public async Task Dropped_connections_are_resumed_and_sequences_stay_contiguous_on_the_wire()
    {
        var expected = ExpectedCalls.Of(Samples.DemoPcap);
        // Every connection is cut after 3 batches, the last of them unacknowledged.
        await using var collector = await FakeCollector.StartAsync(behaviour: new FakeCollectorBehaviour { AbortAfterBatches = 3 });
        await using var daemon = InProcessDaemon.Start(ReplayArgs(collector, "--batch-size", "1", "--reconnect-initial-ms", "20",
            "--reconnect-max-ms", "50"));

        Assert.Equal(0, await daemon.ExitWithin());

        var ledger = collector.Ledger;
        Assert.Equal(expected.Select(ExpectedCalls.Identity).Order(), ledger.Calls.Select(ExpectedCalls.Identity).Order());
        Assert.True(ledger.WireSequences.Count > 2);
        Assert.Equal(0, ledger.Gaps);
        AssertContiguousPerConnection(ledger);
    }

    [Fact]
    public async Task Collector_down_with_a_small_queue_drops_oldest_and_delivered_plus_dropped_equals_produced()
    {
        var expected = ExpectedCalls.Of(Samples.DemoPcap);
        Assert.True(expected.Count > 5);
        int port = FakeCollector.FreePort();
        await using var daemon = InProcessDaemon.Start([
            "--pcap", Samples.DemoPcap, "--collector", $"http://127.0.0.1:{port}", "--token-file", _files.TokenFile(),
            "--queue-capacity", "5", "--queue-full", "drop-oldest", "--reconnect-initial-ms", "20", "--reconnect-max-ms", "100",
            // Capture starts once this passes without a collector, and the collector must answer within it after.
            "--ack-timeout-seconds", "5",
        ]);
        var sensor = await daemon.Started;
        await sensor.Capture.Completion.WaitAsync(TimeSpan.FromSeconds(60));

        await using var collector = await FakeCollector.StartAsync(port);
        Assert.Equal(0, await daemon.ExitWithin());

        int delivered = collector.Ledger.CallCount;
        long dropped = sensor.Counters.Dropped(DropReasons.QueueFull);
        Assert.Equal(5, delivered);
        Assert.Equal(expected.Count, delivered + dropped);
        // The newest survive: the last five calls of the capture.
        Assert.Equal(expected.TakeLast(5).Select(ExpectedCalls.Identity), collector.Ledger.Calls.Select(ExpectedCalls.Identity));
    }

    [Fact]
    public async Task Wrong_token_is_refused_logged_and_counted_and_the_replay_fails_with_one_line()
    {
        await using var collector = await FakeCollector.StartAsync(behaviour: new FakeCollectorBehaviour { Token = "another-token" });
        await using var daemon = InProcessDaemon.Start(ReplayArgs(collector, "--ack-timeout-seconds", "2", "--reconnect-initial-ms", "20",
            "--reconnect-max-ms", "100"));
        var sensor = await daemon.Started;

        Assert.Equal(1, await daemon.ExitWithin());

        Assert.True(sensor.Counters.AuthenticationFailures > 0);
        Assert.True(collector.Ledger.Refused > 0);
        Assert.True(daemon.Logs.Contains("UNAUTHENTICATED"));
        Assert.Empty(collector.Ledger.Calls);
        var line = Assert.Single(daemon.Error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("apisentinel-sensor: the collector acknowledged nothing", line, StringComparison.Ordinal);
        Assert.DoesNotContain(FakeCollector.DefaultToken, string.Join('\n', daemon.Logs.Lines.Select(l => l.Message)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_token_file_is_read_again_on_reconnect_so_a_rotated_token_is_picked_up()
    {
        var expected = ExpectedCalls.Of(Samples.DemoPcap);
        await using var collector = await FakeCollector.StartAsync(behaviour: new FakeCollectorBehaviour { Token = "rotated-token-abcdef" });
        var tokenFile = _files.TokenFile("old-token-abcdef");
        await using var daemon = InProcessDaemon.Start([
            "--pcap", Samples.DemoPcap, "--collector", collector.Address.ToString(), "--token-file", tokenFile,
            "--reconnect-initial-ms", "20", "--reconnect-max-ms", "100",
        ]);
        // A replay starts only once the collector answered (or the ack timeout passed), so not before the rotation.
        await WaitUntil(() => collector.Ledger.Refused > 0);

        File.WriteAllText(tokenFile, "rotated-token-abcdef\n");
        var sensor = await daemon.Started;

        Assert.Equal(0, await daemon.ExitWithin());
        Assert.Equal(expected.Count, collector.Ledger.CallCount);
        Assert.True(sensor.Counters.AuthenticationFailures > 0);
    }

    [Fact]
    public async Task A_slow_collector_with_a_full_window_still_receives_everything_in_order()
    {
        var expected = ExpectedCalls.Of(Samples.DemoPcap);
        await using var collector = await FakeCollector.StartAsync(behaviour: new FakeCollectorBehaviour { AckDelay = TimeSpan.FromMilliseconds(30) });
        await using var daemon = InProcessDaemon.Start(ReplayArgs(collector, "--batch-size", "1", "--max-in-flight-batches", "2",
            "--queue-capacity", "3"));

        Assert.Equal(0, await daemon.ExitWithin());

        // Replay waits on a full queue (it never drops), so everything arrives, in sequence.
        Assert.Equal(expected.Select(ExpectedCalls.Identity), collector.Ledger.Calls.Select(ExpectedCalls.Identity));
        AssertContiguousPerConnection(collector.Ledger);
    }

    [Fact]
    public async Task Acks_that_arrive_as_the_stream_ends_are_applied_not_counted_as_shutdown_drops()
    {
        var expected = ExpectedCalls.Of(Samples.DemoPcap);
        // Nothing is acknowledged while the stream is up, so the replay gives up waiting (exit 1) and closes the
        // stream; the collector then acknowledges everything just before it ends the call.
        await using var collector = await FakeCollector.StartAsync(behaviour: new FakeCollectorBehaviour { AckOnlyAtEnd = true });
        await using var daemon = InProcessDaemon.Start(ReplayArgs(collector, "--batch-size", "4", "--ack-timeout-seconds", "1"));
        var sensor = await daemon.Started;

        Assert.Equal(1, await daemon.ExitWithin());

        Assert.Equal(expected.Count, collector.Ledger.CallCount);
        Assert.Equal(expected.Count, sensor.Counters.CallsAcknowledged);
        Assert.Equal(0, sensor.Counters.Dropped(DropReasons.Shutdown));
    }

    [Fact]
    public async Task A_replay_larger_than_the_queue_to_a_collector_that_never_acks_fails_after_the_ack_timeout()
    {
        var expected = ExpectedCalls.Of(Samples.DemoPcap);
        Assert.True(expected.Count > 4);
        // Nothing is ever acknowledged: the window (1 batch of 1) and the queue (2) fill, and capture waits on the queue.
        await using var collector = await FakeCollector.StartAsync(behaviour: new FakeCollectorBehaviour { StoreLimit = 0 });
        await using var daemon = InProcessDaemon.Start(ReplayArgs(collector, "--batch-size", "1", "--max-in-flight-batches", "1",
            "--queue-capacity", "2", "--queue-full", "wait", "--ack-timeout-seconds", "1", "--shutdown-timeout-seconds", "2"));
        var sensor = await daemon.Started;

        Assert.Equal(1, await daemon.ExitWithin());

        var line = Assert.Single(daemon.Error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("apisentinel-sensor: the collector acknowledged nothing for 1 s", line, StringComparison.Ordinal);
        Assert.Equal(0, sensor.Counters.CallsAcknowledged);
        Assert.True(sensor.Counters.Dropped(DropReasons.Shutdown) > 0);
    }

    [Fact]
    public async Task A_batch_the_collector_refuses_on_every_stream_is_logged_once_and_counted_per_repeat()
    {
        await using var collector = await FakeCollector.StartAsync(behaviour: new FakeCollectorBehaviour { RefuseBatches = true });
        await using var daemon = InProcessDaemon.Start(ReplayArgs(collector, "--ack-timeout-seconds", "3",
            "--reconnect-initial-ms", "10", "--reconnect-max-ms", "20"));
        var sensor = await daemon.Started;

        Assert.Equal(1, await daemon.ExitWithin());

        Assert.True(sensor.Counters.RepeatedRefusals >= 2, $"repeated refusals: {sensor.Counters.RepeatedRefusals}");
        Assert.Single(daemon.Logs.Lines, l => l.Message.Contains("refused batch 1 again", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_replay_waits_for_the_collector_s_configuration_so_a_scope_applies_to_the_whole_capture()
    {
        await using var collector = await FakeCollector.StartAsync();
        // A scope of no targets keeps nothing: not one call of the capture may get through before it applies.
        collector.Behaviour.ConfigsToPush.Enqueue(new Ingest.V1Alpha1.SensorConfig { Version = 1, Scope = new Ingest.V1Alpha1.CaptureScope() });
        await using var daemon = InProcessDaemon.Start(ReplayArgs(collector));
        var sensor = await daemon.Started;

        Assert.Equal(0, await daemon.ExitWithin());

        Assert.Equal(0, collector.Ledger.CallCount);
        Assert.True(sensor.Capture.Pipelines.Single().Pipeline.Statistics.OutOfScopeConnections > 0);
    }

    private static void AssertContiguousPerConnection(CollectorLedger ledger)
    {
        foreach (var connection in ledger.WireSequences)
        {
            for (int i = 1; i < connection.Count; i++)
            {
                Assert.Equal(connection[i - 1] + 1, connection[i]);
            }
        }
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not reached within 60 s");
            await Task.Delay(20);
        }
    }
}
