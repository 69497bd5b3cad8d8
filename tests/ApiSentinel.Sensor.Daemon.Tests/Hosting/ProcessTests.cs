using System.Net;
using System.Net.Sockets;
using ApiSentinel.Sensor.Daemon.Tests.Infrastructure;

namespace ApiSentinel.Sensor.Daemon.Tests.Hosting;

/// <summary>apisentinel-sensor as a real process: environment variables, exit codes, one-line errors, SIGTERM.</summary>
public sealed class ProcessTests : IDisposable
{
    private readonly TemporaryFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public async Task Replay_configured_by_APISENTINEL_environment_variables_delivers_and_exits_0()
    {
        var expected = ExpectedCalls.Of(Samples.DemoPcap);
        await using var collector = await FakeCollector.StartAsync();

        var (code, stdout, stderr) = await DaemonProcess.RunAsync(["--pcap", Samples.DemoPcap], new Dictionary<string, string>
        {
            ["APISENTINEL_COLLECTOR"] = collector.Address.ToString(),
            ["APISENTINEL_TOKENFILE"] = _files.TokenFile(),
            ["APISENTINEL_SENSORID"] = "sensor-from-env",
            ["APISENTINEL_BATCHSIZE"] = "3",
        });

        Assert.True(code == 0, $"exit {code}: {stderr}");
        Assert.Equal("", stderr);
        Assert.Equal("sensor-from-env", Assert.Single(collector.Ledger.Hellos).SensorId);
        Assert.Equal(expected.Count, collector.Ledger.CallCount);
        // batch size 3 from the environment: ceil(calls / 3) batches.
        Assert.Equal((expected.Count + 2) / 3, collector.Ledger.WireSequences.Single().Count);
        // JSON console logs, one object per line.
        Assert.All(stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries), line => Assert.StartsWith("{\"Timestamp\":", line, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Expected_failures_are_one_line_on_stderr_and_exit_2()
    {
        var token = _files.TokenFile();
        var empty = _files.Write("empty-token", "");
        var notPcap = _files.Write("not.pcap", "this is not a capture");
        using var busy = new TcpListener(IPAddress.Loopback, 0);
        busy.Start();
        int busyPort = ((IPEndPoint)busy.LocalEndpoint).Port;
        string[][] cases =
        [
            ["--pcap", Samples.DemoPcap, "--collector", "http://127.0.0.1:1", "--bogus", "1"],
            ["--pcap", "/nonexistent.pcap", "--collector", "http://127.0.0.1:1", "--token-file", token],
            ["--pcap", notPcap, "--collector", "http://127.0.0.1:1", "--token-file", token],
            ["--pcap", Samples.DemoPcap, "--collector", "http://127.0.0.1:1", "--token-file", empty],
            ["--interface", "no-such-if0", "--collector", "http://127.0.0.1:1", "--token-file", token],
            ["--pcap", Samples.DemoPcap, "--collector", "http://127.0.0.1:1", "--token-file", token, "--http-listen", $"127.0.0.1:{busyPort}"],
            // Not an address of this host (EADDRNOTAVAIL): a SocketException, not Kestrel's IOException.
            ["--pcap", Samples.DemoPcap, "--collector", "http://127.0.0.1:1", "--token-file", token, "--http-listen", "192.0.2.1:9100"],
            ["--pcap", Samples.DemoPcap, "--collector", "http://127.0.0.1:1", "--token-file", token, "--pcap", Samples.DemoPcap, "--token-file", token],
        ];
        string[] messages = ["unknown option --bogus", "/nonexistent.pcap: no such file", "not a pcap or pcapng file", "empty",
            "'no-such-if0' not found", "cannot listen",
            "cannot listen on 192.0.2.1:9100", "--token-file given more than once"];

        for (int i = 0; i < cases.Length; i++)
        {
            var (code, stdout, stderr) = await DaemonProcess.RunAsync(cases[i]);
            Assert.True(code == 2, $"case {i}: exit {code}: {stderr}");
            var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.StartsWith("apisentinel-sensor: ", line, StringComparison.Ordinal);
            Assert.Contains(messages[i], line, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
            // The JSON log on stdout escapes newlines, so a logged stack trace shows as "\n   at ".
            Assert.DoesNotContain("   at ", stdout, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task SIGTERM_flushes_what_was_captured_and_exits_0()
    {
        var expected = ExpectedCalls.Of(Samples.DemoPcap);
        // Acks are slow, so the sensor is still running (replay not drained) when the signal comes.
        await using var collector = await FakeCollector.StartAsync(behaviour: new FakeCollectorBehaviour { AckDelay = TimeSpan.FromMilliseconds(300) });
        using var process = DaemonProcess.Start(["--pcap", Samples.DemoPcap, "--collector", collector.Address.ToString(),
            "--token-file", _files.TokenFile(), "--batch-size", "1", "--max-in-flight-batches", "1"]);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (collector.Ledger.CallCount == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "no call arrived within 60 s");
            await Task.Delay(20);
        }
        Assert.True(collector.Ledger.CallCount < expected.Count);

        process.Terminate();
        var (code, stdout, stderr) = await process.WaitAsync();

        Assert.True(code == 0, $"exit {code}: {stderr}");
        Assert.Equal(expected.Count, collector.Ledger.CallCount);
        Assert.Contains("\"calls_acknowledged\":" + expected.Count, stdout, StringComparison.Ordinal);
    }
}
