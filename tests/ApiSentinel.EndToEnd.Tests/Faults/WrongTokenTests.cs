namespace ApiSentinel.EndToEnd.Tests.Faults;

/// <summary>A sensor with a token the collector does not know: refused, counted, logged — and nothing ingested.</summary>
public sealed class WrongTokenTests
{
    [Fact]
    public async Task A_wrong_token_is_refused_counted_by_the_collector_logged_by_the_sensor_and_nothing_is_ingested()
    {
        using var work = new TemporaryDirectory();
        using var collector = new CollectorService(work);
        await collector.StartAsync();
        using var sensor = SensorProcess.StartReplay(collector.GrpcUrl, TestTokens.WriteFile(work, "wrong.token", TestTokens.Wrong),
            "intruder", [RepositoryPaths.DemoCapture]);
        string describe() => sensor.Process.Describe() + "\n" + collector.Describe();

        var metrics = await Eventually.MatchAsync(() => collector.GetMetricsAsync(),
            metrics => metrics.SumOrZero(MetricNames.Collector.StreamsRefused, $"{MetricNames.Collector.ReasonLabel}={MetricNames.Collector.Unauthenticated}") >= 1,
            "the collector counting an unauthenticated stream", describe);
        Assert.True(sensor.Process.WaitForOutput("UNAUTHENTICATED", TimeSpan.FromSeconds(60)), "the sensor never logged the refusal\n" + describe());

        Assert.True((await sensor.GetMetricsAsync()).Sum(MetricNames.Sensor.AuthenticationFailures) >= 1, "the sensor did not count the refusal");

        Assert.Equal(0, metrics.SumOrZero(MetricNames.Collector.CallsIngested));
        var catalog = await collector.GetCatalogAsync();
        Assert.Empty(catalog.Endpoints);
        Assert.DoesNotContain("intruder", (await collector.GetJsonAsync("/api/v1/sensors")).ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain(TestTokens.Wrong, sensor.Process.Output + collector.AllOutput, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", sensor.Process.Output, StringComparison.Ordinal); // a refusal is expected: no stack trace
    }
}
