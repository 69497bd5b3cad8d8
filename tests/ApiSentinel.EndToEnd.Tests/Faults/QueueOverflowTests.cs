namespace ApiSentinel.EndToEnd.Tests.Faults;

/// <summary>
/// The collector is down for longer than the sensor's queue holds: the sensor drops the oldest calls and counts
/// them on /metrics, and once the collector is up, what it ingests is exactly what the sensor had left —
/// queued minus dropped — and what the sensor reports acknowledged. (Compared by the collector's ingest counter,
/// not the catalog's endpoint totals: which calls survive is the queue's choice, and a surviving call may be a
/// static asset or a probed path rather than an endpoint's.)
/// </summary>
public sealed class QueueOverflowTests
{
    private const int QueueCapacity = 200;

    [Fact]
    public async Task Calls_beyond_a_tiny_queue_are_dropped_and_counted_and_the_collector_holds_exactly_the_rest()
    {
        using var work = new TemporaryDirectory();
        string capture = GeneratedCapture.Write(work.File("large.pcap"), FaultCaptures.Size);
        long produced = CliRun.Analyze([capture]).TotalRequests;
        Assert.True(produced > QueueCapacity * 2, $"the capture has only {produced} calls: it would not overflow the queue");

        using var collector = new CollectorService(work); // ports reserved, not started: the collector is "down"
        using var sensor = SensorProcess.StartReplay(collector.GrpcUrl, TestTokens.WriteFile(work, "sensor.token", TestTokens.Valid),
            "overflow-sensor", [capture], extraArguments: SensorQueueOption.DropOldestWithCapacity(QueueCapacity));
        await sensor.WaitUntilServingAsync();
        string describe() => sensor.Process.Describe() + "\n" + collector.Describe();

        // The whole capture read into the queue with nowhere to go.
        var down = await Eventually.MatchAsync(() => sensor.GetMetricsAsync(),
            metrics => metrics.SumOrZero(MetricNames.Sensor.CallsQueued) >= produced, "every call queued at the sensor", describe);
        double queued = down.Sum(MetricNames.Sensor.CallsQueued);
        double dropped = down.Sum(MetricNames.Sensor.CallsDropped, MetricNames.Sensor.QueueFull);
        Assert.Equal(produced, queued);
        Assert.True(dropped >= produced - QueueCapacity, $"{dropped} dropped of {produced} through a queue of {QueueCapacity}");

        await collector.StartAsync();
        Assert.Equal(0, sensor.Process.WaitForExit(TimeSpan.FromMinutes(2)));

        double delivered = queued - dropped;
        var ingested = (await collector.GetMetricsAsync()).Sum(MetricNames.Collector.CallsIngested);
        Assert.True(delivered == ingested, $"the collector ingested {ingested}, the sensor queued {queued} and dropped {dropped}\n{describe()}");
        // What the sensor reports at exit (its last counter line): acknowledged = queued − dropped, and no drop
        // after the collector came up.
        var final = SensorCounterLog.Last(sensor.Process.Stdout);
        Assert.True(delivered == final[SensorCounters.CallsAcknowledged], $"the sensor reports {final[SensorCounters.CallsAcknowledged]} acknowledged, the collector ingested {delivered}\n{describe()}");
        Assert.Equal(dropped, final[SensorCounters.CallsDroppedQueueFull]);
    }
}
