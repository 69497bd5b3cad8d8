using System.Diagnostics;
using ApiSentinel.Sensor.Daemon.Tests.Infrastructure;

namespace ApiSentinel.Sensor.Daemon.Tests.Capture;

/// <summary>
/// Live capture for real: a veth pair into a network namespace, python's http.server inside it, curl from the root
/// namespace, the daemon capturing on the root-side veth and uploading to the fake collector.
/// </summary>
public sealed class LiveCaptureTests : IDisposable
{
    private readonly TemporaryFiles _files = new();

    public void Dispose() => _files.Dispose();

    [NetnsFact]
    public async Task Curl_requests_to_a_real_server_on_a_veth_arrive_at_the_collector()
    {
        using var pair = NetworkNamespacePair.Create();
        using var server = pair.StartInNamespace("python3", "-m", "http.server", "8080", "--bind", pair.NamespaceAddress.ToString(),
            "--directory", _files.Root);
        try
        {
            _files.Write("items.json", "[{\"id\":7}]");
            await using var collector = await FakeCollector.StartAsync();
            await using var daemon = InProcessDaemon.Start([
                "--interface", pair.HostInterface, "--filter", "tcp port 8080", "--collector", collector.Address.ToString(),
                "--token-file", _files.TokenFile(), "--http-listen", "127.0.0.1:0", "--batch-interval-ms", "50",
                "--sensor-id", "live-sensor",
            ]);
            var sensor = await daemon.Started;
            await WaitUntil(() => Curl($"http://{pair.NamespaceAddress}:8080/items.json") == 0, "the server answers");

            for (int i = 0; i < 3; i++)
            {
                Assert.Equal(0, Curl($"http://{pair.NamespaceAddress}:8080/items.json?page={i}"));
            }
            Assert.Equal(0, Curl($"http://{pair.NamespaceAddress}:8080/missing/42"));

            await WaitUntil(() => collector.Ledger.Calls.Count(c => c.Path == "/missing/42") == 1 &&
                                  collector.Ledger.Calls.Count(c => c.Path == "/items.json") >= 4, "the calls arrive");
            var calls = collector.Ledger.Calls;
            Assert.Contains(calls, c => c.Path == "/items.json" && c.Status == 200 && c.Query.Any(q => q.Name == "page"));
            Assert.Contains(calls, c => c.Path == "/missing/42" && c.Status == 404);
            Assert.All(calls, c => Assert.Equal($"{pair.NamespaceAddress}:8080", c.Server));
            var hello = collector.Ledger.Hellos[0];
            Assert.Equal(Ingest.V1Alpha1.CaptureMode.Live, hello.CaptureMode);
            Assert.Equal([pair.HostInterface], hello.Interfaces);

            using var http = new HttpClient { BaseAddress = sensor.HttpAddress, Timeout = TimeSpan.FromSeconds(60) };
            Assert.Equal("ready\n", await http.GetStringAsync("/readyz"));
            Assert.Equal("ok\n", await http.GetStringAsync("/healthz"));
            var metrics = await http.GetStringAsync("/metrics");
            Assert.Matches(@"apisentinel_sensor_packets_captured_total [1-9]", metrics);
            Assert.Matches(@"apisentinel_sensor_calls_acknowledged_total [1-9]", metrics);
            Assert.Contains("apisentinel_sensor_calls_dropped_total{reason=\"queue_full\"} 0", metrics, StringComparison.Ordinal);

            daemon.Stop();
            Assert.Equal(0, await daemon.ExitWithin());
        }
        finally
        {
            server.Kill(entireProcessTree: true);
        }
    }

    private static int Curl(string url)
    {
        using var curl = Process.Start(new ProcessStartInfo("curl", ["-s", "-o", "/dev/null", "--max-time", "10", url])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        curl.WaitForExit();
        return curl.ExitCode;
    }

    private static async Task WaitUntil(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"not within 60 s: {what}");
            await Task.Delay(100);
        }
    }
}
