using System.Net;
using ApiSentinel.Sensor.Daemon.Tests.Infrastructure;

namespace ApiSentinel.Sensor.Daemon.Tests.Health;

public sealed class HealthEndpointTests : IDisposable
{
    private readonly TemporaryFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public async Task Readiness_waits_for_the_collector_while_liveness_and_metrics_answer_at_once()
    {
        int port = FakeCollector.FreePort();
        await using var daemon = InProcessDaemon.Start([
            "--als-listen", "127.0.0.1:0", "--http-listen", "127.0.0.1:0", "--collector", $"http://127.0.0.1:{port}",
            "--token-file", _files.TokenFile(), "--reconnect-initial-ms", "20", "--reconnect-max-ms", "100",
        ]);
        var sensor = await daemon.Started;
        using var http = new HttpClient { BaseAddress = sensor.HttpAddress, Timeout = TimeSpan.FromSeconds(60) };

        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/healthz")).StatusCode);
        var notReady = await http.GetAsync("/readyz");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, notReady.StatusCode);
        Assert.Equal("not yet connected to the collector\n", await notReady.Content.ReadAsStringAsync());
        var metrics = await http.GetStringAsync("/metrics");
        Assert.Contains("apisentinel_sensor_collector_connected 0", metrics, StringComparison.Ordinal);
        Assert.Contains("apisentinel_sensor_queue_capacity 600000", metrics, StringComparison.Ordinal);

        await using var collector = await FakeCollector.StartAsync(port);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while ((await http.GetAsync("/readyz")).StatusCode != HttpStatusCode.OK)
        {
            Assert.True(DateTime.UtcNow < deadline, "not ready within 60 s of the collector starting");
            await Task.Delay(50);
        }
        Assert.Contains("apisentinel_sensor_collector_connected 1", await http.GetStringAsync("/metrics"), StringComparison.Ordinal);
        Assert.Matches(@"apisentinel_sensor_reconnects_total [1-9]", await http.GetStringAsync("/metrics"));
    }
}
