namespace ApiSentinel.EndToEnd.Tests.Faults;

/// <summary>
/// <c>kill -9</c> of the collector in the middle of a replay, and a restart on the same state directory: the
/// sensor reconnects and resends what was not acknowledged, the collector drops what it already holds, and the
/// catalog ends with exactly the capture's calls per endpoint — nothing lost, nothing doubled.
/// </summary>
public sealed class CollectorKillTests
{
    [Fact]
    public async Task A_collector_killed_mid_stream_and_restarted_on_its_state_ends_with_exactly_the_captures_calls()
    {
        using var work = new TemporaryDirectory();
        string capture = GeneratedCapture.Write(work.File("large.pcap"), FaultCaptures.Size);
        var expected = CliRun.Analyze([capture]);

        using var collector = new CollectorService(work);
        await collector.StartAsync();
        using var sensor = SensorProcess.StartReplay(collector.GrpcUrl, TestTokens.WriteFile(work, "sensor.token", TestTokens.Valid),
            "replay-sensor", [capture], FaultCaptures.ReplaySpeed);
        string describe() => sensor.Process.Describe() + "\n" + collector.Describe();

        // Mid-stream: the collector has taken some of the calls, not all.
        var partial = await Eventually.MatchAsync(() => IngestedAsync(collector), ingested => ingested > 0,
            "the collector ingesting the first calls", describe);
        collector.Kill();
        Assert.True(partial < expected.TotalRequests, $"the replay was over ({partial} of {expected.TotalRequests}) before the kill: not mid-stream");

        // Down for a while (the sensor retries, queues), then back on the same state.
        await Task.Delay(TimeSpan.FromSeconds(2));
        await collector.StartAsync();

        Assert.Equal(0, sensor.Process.WaitForExit(TimeSpan.FromMinutes(2)));
        var final = await Eventually.MatchAsync(() => collector.GetCatalogAsync(),
            catalog => catalog.TotalRequests >= expected.TotalRequests, "every call in the restarted collector's catalog", describe);
        Assert.Equal(expected.TotalRequests, final.TotalRequests);
        Assert.Equal(expected.RequestsByEndpoint, final.RequestsByEndpoint);

        // The sensor's own account at exit: it reconnected, every call was acknowledged, none dropped (replay waits).
        var counters = SensorCounterLog.Last(sensor.Process.Stdout);
        Assert.True(counters[SensorCounters.Reconnects] >= 1, "the sensor never reconnected\n" + describe());
        Assert.Equal(expected.TotalRequests, counters[SensorCounters.CallsAcknowledged]);
        Assert.Equal(0, counters[SensorCounters.CallsDroppedQueueFull]);
    }

    private static async Task<double> IngestedAsync(CollectorService collector) =>
        (await collector.GetMetricsAsync()).SumOrZero(MetricNames.Collector.CallsIngested);
}
