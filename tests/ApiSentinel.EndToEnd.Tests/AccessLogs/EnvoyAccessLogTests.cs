namespace ApiSentinel.EndToEnd.Tests.AccessLogs;

/// <summary>
/// Envoy's gRPC Access Log Service into the sensor, without packet capture: a client streams realistic
/// <c>StreamAccessLogsMessage</c> HTTP entries to <c>--als-listen</c>; the endpoints appear in the collector with
/// their auth kinds, and no raw header value from the entries appears downstream.
/// </summary>
public sealed class EnvoyAccessLogTests
{
    [Fact]
    public async Task Access_log_entries_become_endpoints_with_auth_kinds_and_no_header_value_leaves_the_sensor()
    {
        using var work = new TemporaryDirectory();
        using var collector = new CollectorService(work);
        await collector.StartAsync();
        using var sensor = SensorProcess.StartAccessLogOnly(collector.GrpcUrl, TestTokens.WriteFile(work, "sensor.token", TestTokens.Valid),
            "mesh-sensor");
        await sensor.WaitUntilReadyAsync();

        await EnvoyAccessLogTraffic.SendAsync(sensor.AccessLogPort!.Value);

        var catalog = await Eventually.MatchAsync(() => collector.GetCatalogAsync(),
            catalog => catalog.TotalRequests >= EnvoyAccessLogTraffic.TotalRequests, "every access-log entry in the catalog",
            () => sensor.Process.Describe() + "\n" + collector.Describe());
        CatalogAssert.HasEndpoints(catalog, EnvoyAccessLogTraffic.Host, EnvoyAccessLogTraffic.Expected);
        Assert.Equal(EnvoyAccessLogTraffic.TotalRequests, catalog.TotalRequests);

        var sweep = new SecretSweep(PlantedSecrets.AccessLog);
        sweep.Search("GET /api/v1/endpoints", catalog.ToJson());
        sweep.Search("GET /api/v1/findings", await collector.GetAsync("/api/v1/findings"));
        sweep.Search("GET /api/v1/sensors", await collector.GetAsync("/api/v1/sensors"));
        sweep.Search("collector /metrics", await collector.GetAsync("/metrics"));
        sweep.Search("sensor /metrics", (await sensor.GetMetricsAsync()).Text);
        // Stopped gracefully, so the state directory holds the catalog checkpoint too (and no file is locked).
        sensor.Process.Signal("TERM");
        sensor.Process.WaitForExit(TimeSpan.FromSeconds(60));
        collector.Current.Signal("TERM");
        collector.Current.WaitForExit(TimeSpan.FromSeconds(60));
        sweep.Search("sensor log", sensor.Process.Output);
        sweep.Search("collector log", collector.AllOutput);
        Assert.True(sweep.SearchDirectory("collector state", collector.StateDirectory) > 0, "the state directory is empty: nothing was searched");
        Assert.True(sweep.Findings.Count == 0, string.Join("\n", sweep.Findings));
    }
}
