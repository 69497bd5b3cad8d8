using System.Net;
using ApiSentinel.Sensor.Daemon.Tests.Infrastructure;

namespace ApiSentinel.Sensor.Daemon.Tests.Health;

public sealed class HealthEndpointTests : IDisposable
{
    private readonly TemporaryFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Theory]
    [InlineData("frames_truncated_by_snaplen_total 0")]
    [InlineData("truncated_records_total 0")]
    [InlineData("pipeline_configurations_rejected_total 0")]
    [InlineData("http_losses_total{reason=\"unanswered_requests\"} 0")]
    [InlineData("http_losses_total{reason=\"unmatched_responses\"} 0")]
    [InlineData("http_losses_total{reason=\"pipeline_overflows\"} 0")]
    [InlineData("http_losses_total{reason=\"pending_budget_overflows\"} 0")]
    [InlineData("http_losses_total{reason=\"oversized_headers\"} 0")]
    [InlineData("http_losses_total{reason=\"decode_errors\"} 0")]
    [InlineData("http_losses_total{reason=\"header_gaps\"} 0")]
    [InlineData("http_losses_total{reason=\"body_gaps\"} 0")]
    [InlineData("http_losses_total{reason=\"inspection_budget_exhausted\"} 0")]
    [InlineData("http_losses_total{reason=\"resynchronisations\"} 0")]
    [InlineData("http_losses_total{reason=\"ambiguous_framing\"} 0")]
    [InlineData("http_losses_total{reason=\"malformed_headers\"} 0")]
    [InlineData("http_losses_total{reason=\"chunked_framing_errors\"} 0")]
    [InlineData("extraction_losses_total{reason=\"bodies_truncated_for_inspection\"} 0")]
    [InlineData("extraction_losses_total{reason=\"invalid_methods\"} 0")]
    [InlineData("extraction_losses_total{reason=\"invalid_hosts\"} 0")]
    [InlineData("extraction_losses_total{reason=\"redacted_hosts\"} 0")]
    [InlineData("extraction_losses_total{reason=\"names_withheld\"} 0")]
    [InlineData("extraction_losses_total{reason=\"data_keys\"} 0")]
    [InlineData("exchanges_passed_over_total{reason=\"wait\"} 0")]
    [InlineData("exchanges_passed_over_total{reason=\"count\"} 0")]
    [InlineData("als_undecodable_messages_total 0")]
    [InlineData("als_emit_failures_total 0")]
    [InlineData("als_out_of_scope_entries_total 0")]
    [InlineData("als_sampled_out_entries_total 0")]
    [InlineData("als_configurations_applied_total 0")]
    [InlineData("als_configurations_rejected_total 0")]
    [InlineData("configurations_applied_total 0")]
    [InlineData("configurations_rejected_total 0")]
    public async Task Every_loss_counter_is_on_metrics(string line)
    {
        int port = FakeCollector.FreePort();
        await using var daemon = InProcessDaemon.Start([
            "--als-listen", "127.0.0.1:0", "--http-listen", "127.0.0.1:0", "--collector", $"http://127.0.0.1:{port}",
            "--token-file", _files.TokenFile(),
        ]);
        var sensor = await daemon.Started;
        using var http = new HttpClient { BaseAddress = sensor.HttpAddress, Timeout = TimeSpan.FromSeconds(60) };

        var metrics = await http.GetStringAsync("/metrics");

        Assert.Contains("\napisentinel_sensor_" + line + "\n", metrics, StringComparison.Ordinal);
    }

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
