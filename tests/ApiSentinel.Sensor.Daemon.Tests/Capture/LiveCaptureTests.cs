using System.Diagnostics;
using Google.Protobuf;
using ApiSentinel.Sensor.Daemon.Tests.Infrastructure;

namespace ApiSentinel.Sensor.Daemon.Tests.Capture;

/// <summary>
/// Live capture for real: a veth pair into a network namespace, python's http.server inside it, curl from the root
/// namespace, the daemon capturing on the root-side veth and uploading to the fake collector.
/// </summary>
public sealed class LiveCaptureTests : IDisposable
{
    private const string PlantedToken = "PLANTEDsecretTOKEN9f8e7d6c5b4a";

    private readonly TemporaryFiles _files = new();

    public void Dispose() => _files.Dispose();

    [NetnsFact]
    public async Task Curl_requests_to_a_real_server_on_a_veth_arrive_at_the_collector()
    {
        using var pair = NetworkNamespacePair.Create();
        using var server = StartItemsServer(pair);
        try
        {
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
            Assert.Equal(0, Curl($"http://{pair.NamespaceAddress}:8080/missing/42", "-H", $"Authorization: Bearer {PlantedToken}"));
            Assert.Equal(0, Curl($"http://{pair.NamespaceAddress}:8080/items.json?api_key={PlantedToken}"));

            // The last request carries the API key; the first (waiting for the server) may predate the capture.
            await WaitUntil(() => collector.Ledger.Calls.Count(c => c.Path == "/missing/42") == 1 &&
                                  collector.Ledger.Calls.Count(c => c.Path == "/items.json" && c.Query.Any(q => q.Name == "page")) == 3 &&
                                  collector.Ledger.Calls.Any(c => c.Path == "/items.json" && c.Auth == "api-key"), "the calls arrive");
            var calls = collector.Ledger.Calls;
            Assert.Contains(calls, c => c.Path == "/items.json" && c.Status == 200 && c.Query.Any(q => q.Name == "page"));
            Assert.Contains(calls, c => c.Path == "/missing/42" && c.Status == 404 && c.Auth == "bearer");
            Assert.Contains(calls, c => c.Path == "/items.json" && c.Auth == "api-key");
            // Privacy: the planted credential is in none of the messages on the wire (binary or JSON form).
            foreach (var call in calls)
            {
                var wire = call.ToByteString().ToStringUtf8() + JsonFormatter.Default.Format(call);
                Assert.DoesNotContain(PlantedToken, wire, StringComparison.Ordinal);
            }
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
            Assert.DoesNotContain(daemon.Logs.Lines, l => l.Message.Contains(PlantedToken, StringComparison.Ordinal));
            Assert.DoesNotContain(PlantedToken, metrics, StringComparison.Ordinal);
        }
        finally
        {
            server.Kill(entireProcessTree: true);
        }
    }

    [NetnsFact]
    public async Task Configuration_pushed_by_the_collector_applies_without_restart()
    {
        using var pair = NetworkNamespacePair.Create();
        using var server = StartItemsServer(pair);
        try
        {
            await using var collector = await FakeCollector.StartAsync();
            await using var daemon = InProcessDaemon.Start([
                "--interface", pair.HostInterface, "--filter", "tcp port 8080", "--collector", collector.Address.ToString(),
                "--token-file", _files.TokenFile(), "--batch-interval-ms", "50", "--status-interval-seconds", "1",
            ]);
            var sensor = await daemon.Started;
            var statistics = sensor.Capture.Pipelines.Single().Pipeline.Statistics;
            string url = $"http://{pair.NamespaceAddress}:8080/items.json";
            await WaitUntil(() => Curl(url + "?emp=EMP-123456&round=0") == 0, "the server answers");
            await WaitUntil(() => collector.Ledger.Calls.Any(c => c.Query.Any(q => q.Name == "round")), "the first call arrives");
            Assert.DoesNotContain(collector.Ledger.Calls.SelectMany(c => c.Sensitive), s => s.Type == "employee-id");
            Assert.Contains(collector.Ledger.Hellos[0].Capabilities, c => c == Ingest.SensorCapabilities.CustomDetectors);

            // 1: a custom detector and a scope naming the server's workload.
            var config = new Ingest.V1Alpha1.SensorConfig
            {
                Version = 1,
                Scope = new Ingest.V1Alpha1.CaptureScope(),
            };
            config.Detectors.Add(new Ingest.V1Alpha1.CustomDetector { Name = "employee-id", Pattern = "EMP-[0-9]{6}" });
            var target = new Ingest.V1Alpha1.CaptureTarget { Address = pair.NamespaceAddress.ToString(), Namespace = "shop", Workload = "deployment/orders" };
            target.Ports.Add(8080);
            config.Scope.Targets.Add(target);
            collector.Behaviour.ConfigsToPush.Enqueue(config);
            await WaitUntil(() => statistics.ConfigurationsApplied == 1, "configuration 1 applied");

            Assert.Equal(0, Curl(url + "?emp=EMP-654321&round=1"));
            await WaitUntil(() => collector.Ledger.Calls.Any(c => c.Query.Any(q => q.Name == "round") && c.Sensitive.Count > 0), "the labelled call arrives");
            var labelled = collector.Ledger.Calls.Single(c => c.Sensitive.Count > 0);
            Assert.Contains(labelled.Sensitive, s => s.Type == "employee-id");
            Assert.Equal("shop", labelled.Namespace);
            Assert.Equal("deployment/orders", labelled.Workload);

            // 2: a scope that leaves this server out: its next connection is not inspected, and counted.
            var outOfScope = new Ingest.V1Alpha1.SensorConfig { Version = 2, Scope = new Ingest.V1Alpha1.CaptureScope() };
            outOfScope.Scope.Targets.Add(new Ingest.V1Alpha1.CaptureTarget { Address = "192.0.2.0/24" });
            collector.Behaviour.ConfigsToPush.Enqueue(outOfScope);
            await WaitUntil(() => statistics.ConfigurationsApplied == 2, "configuration 2 applied");
            int before = collector.Ledger.CallCount;
            Assert.Equal(0, Curl(url + "?round=2"));
            await WaitUntil(() => statistics.OutOfScopeConnections >= 1, "the connection is out of scope");

            // 3: an invalid configuration is refused whole, logged and counted.
            var invalid = new Ingest.V1Alpha1.SensorConfig { Version = 3 };
            invalid.Detectors.Add(new Ingest.V1Alpha1.CustomDetector { Name = "broken", Pattern = "([" });
            collector.Behaviour.ConfigsToPush.Enqueue(invalid);
            await WaitUntil(() => sensor.Counters.ConfigurationsRejected == 1, "configuration 3 rejected");
            // The console logger writes on its own thread: wait for the line rather than race it.
            await WaitUntil(() => daemon.Logs.Contains("configuration version 3 rejected"), "the rejection is logged");
            Assert.Equal(2, statistics.ConfigurationsApplied);
            Assert.Equal(before, collector.Ledger.CallCount);
        }
        finally
        {
            server.Kill(entireProcessTree: true);
        }
    }

    [NetnsFact]
    public async Task SIGTERM_on_a_live_sensor_flushes_the_calls_still_queued_and_exits_0()
    {
        using var pair = NetworkNamespacePair.Create();
        using var server = StartItemsServer(pair);
        try
        {
            await using var collector = await FakeCollector.StartAsync();
            // Batches leave only when full (1000) or after 10 minutes: what arrives before the signal was flushed by it.
            using var process = DaemonProcess.Start([
                "--interface", pair.HostInterface, "--filter", "tcp port 8080", "--collector", collector.Address.ToString(),
                "--token-file", _files.TokenFile(), "--batch-size", "1000", "--batch-interval-ms", "600000",
            ]);
            string url = $"http://{pair.NamespaceAddress}:8080/items.json";
            await WaitUntil(() => Curl(url) == 0, "the server answers");
            await WaitUntil(() => collector.Ledger.Hellos.Count > 0, "the sensor connects");
            for (int i = 0; i < 3; i++)
            {
                Assert.Equal(0, Curl($"{url}?flush={i}"));
            }
            // Capture is asynchronous to curl: give the frames a moment to reach the pipeline (not an assertion on time).
            await Task.Delay(1000);
            Assert.Equal(0, collector.Ledger.CallCount);

            process.Terminate();
            var (code, _, stderr) = await process.WaitAsync();

            Assert.True(code == 0, $"exit {code}: {stderr}");
            Assert.Equal(3, collector.Ledger.Calls.Count(c => c.Query.Any(q => q.Name == "flush")));
        }
        finally
        {
            server.Kill(entireProcessTree: true);
        }
    }

    private static int Curl(string url, params string[] extra)
    {
        using var curl = Process.Start(new ProcessStartInfo("curl", ["-s", "-o", "/dev/null", "--max-time", "10", .. extra, url])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        curl.WaitForExit();
        return curl.ExitCode;
    }

    /// <summary>A real HTTP server in the pair's namespace on port 8080, serving <c>items.json</c> from the test's files.</summary>
    private System.Diagnostics.Process StartItemsServer(NetworkNamespacePair pair)
    {
        _files.Write("items.json", "[{\"id\":7}]");
        return pair.StartInNamespace("python3", "-m", "http.server", "8080", "--bind", pair.NamespaceAddress.ToString(),
            "--directory", _files.Root);
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
