namespace ApiSentinel.EndToEnd.Tests.Faults;

/// <summary>One sensor killed with <c>kill -9</c> mid-stream: the collector keeps serving and keeps ingesting from another.</summary>
public sealed class SensorKillTests
{
    [Fact]
    public async Task The_collector_keeps_serving_and_ingesting_from_another_sensor_after_one_is_killed_mid_stream()
    {
        using var work = new TemporaryDirectory();
        string capture = GeneratedCapture.Write(work.File("large.pcap"), FaultCaptures.Size);
        var demo = CliRun.Analyze([RepositoryPaths.DemoCapture]);
        string token = TestTokens.WriteFile(work, "sensor.token", TestTokens.Valid);

        using var collector = new CollectorService(work);
        await collector.StartAsync();
        using var doomed = SensorProcess.StartReplay(collector.GrpcUrl, token, "doomed-sensor", [capture], FaultCaptures.ReplaySpeed);
        string describe() => doomed.Process.Describe() + "\n" + collector.Describe();
        await Eventually.MatchAsync(() => collector.GetMetricsAsync(),
            metrics => metrics.SumOrZero(MetricNames.Collector.CallsIngested, $"{MetricNames.Collector.SensorIdLabel}=doomed-sensor") > 0,
            "the first sensor's calls arriving", describe);
        doomed.Process.Kill();

        // Still serving.
        Assert.Equal(System.Net.HttpStatusCode.OK, (await ServiceHttp.GetAsync(collector.HttpBase + "/healthz")).Status);
        Assert.Equal(System.Net.HttpStatusCode.OK, (await ServiceHttp.GetAsync(collector.HttpBase + "/readyz")).Status);
        var before = await collector.GetCatalogAsync();
        // The dead stream is noticed: the sensor is listed as seen, with its calls, no longer connected.
        var doomedEntry = await Eventually.MatchAsync(() => SensorEntryAsync(collector, "doomed-sensor"),
            entry => entry is not null && !(bool)entry["connected"]!, "the killed sensor listed as disconnected", describe);
        Assert.True((long)doomedEntry!["callsReceived"]! > 0);

        // Still ingesting: a second sensor's whole replay arrives, exactly.
        using var survivor = SensorProcess.StartReplay(collector.GrpcUrl, token, "survivor-sensor", [RepositoryPaths.DemoCapture]);
        Assert.Equal(0, survivor.Process.WaitForExit(TimeSpan.FromMinutes(2)));
        var after = await Eventually.MatchAsync(() => collector.GetCatalogAsync(),
            catalog => demo.RequestsByEndpoint.All(pair => catalog.RequestsByEndpoint.GetValueOrDefault(pair.Key) >= pair.Value),
            "the second sensor's calls in the catalog", () => survivor.Process.Describe() + "\n" + collector.Describe());
        foreach (var (endpoint, requests) in demo.RequestsByEndpoint)
        {
            Assert.Equal(requests, after.RequestsByEndpoint[endpoint]);
        }
        Assert.True(after.TotalRequests >= before.TotalRequests + demo.TotalRequests, "the killed sensor's ingested calls were lost");
        Assert.False(collector.Current.HasExited, "the collector exited\n" + collector.Describe());
    }

    private static async Task<System.Text.Json.Nodes.JsonObject?> SensorEntryAsync(CollectorService collector, string sensorId) =>
        (await collector.GetJsonAsync("/api/v1/sensors"))["sensors"]!.AsArray().OfType<System.Text.Json.Nodes.JsonObject>()
            .FirstOrDefault(entry => (string?)entry["sensorId"] == sensorId);
}
