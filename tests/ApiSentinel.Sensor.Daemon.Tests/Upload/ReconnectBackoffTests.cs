using ApiSentinel.Ingest.V1Alpha1;
using ApiSentinel.Sensor.Daemon.Capture;
using ApiSentinel.Sensor.Daemon.Configuration;
using ApiSentinel.Sensor.Daemon.Tests.Infrastructure;
using ApiSentinel.Sensor.Daemon.Upload;
using Grpc.Net.Client;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace ApiSentinel.Sensor.Daemon.Tests.Upload;

public sealed class ReconnectBackoffTests
{
    [Fact]
    public void Ceilings_double_up_to_the_maximum_and_delays_are_jittered_below_them()
    {
        var backoff = new ReconnectBackoff(TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(1000), new Random(7));
        var ceilings = new List<double>();
        var delays = new List<double>();
        for (int i = 0; i < 8; i++)
        {
            ceilings.Add(backoff.Ceiling.TotalMilliseconds);
            delays.Add(backoff.NextDelay().TotalMilliseconds);
        }

        Assert.Equal([100, 200, 400, 800, 1000, 1000, 1000, 1000], ceilings);
        Assert.All(delays.Zip(ceilings), p => Assert.InRange(p.First, 0, p.Second));
        // Full jitter: the capped attempts do not all wait the same time.
        Assert.True(delays.Skip(4).Distinct().Count() > 1);

        backoff.Reset();
        Assert.Equal(100, backoff.Ceiling.TotalMilliseconds);
    }

    [Fact]
    public async Task The_uploader_waits_out_each_jittered_delay_on_the_injected_clock_before_reconnecting()
    {
        int port = FakeCollector.FreePort(); // nothing listens: every attempt fails at once
        await AssertBackoffGrows(port, new TokenFile(null));
    }

    [Fact]
    public async Task A_collector_that_answers_the_hello_and_then_fails_each_stream_does_not_reset_the_backoff()
    {
        await using var collector = await FakeCollector.StartAsync(behaviour: new FakeCollectorBehaviour { FailAfterHello = true });
        using var files = new TemporaryFiles();
        var token = new TokenFile(files.TokenFile());
        token.Load();
        await AssertBackoffGrows(collector.Port, token);
        Assert.True(collector.Ledger.Hellos.Count >= 5);
    }

    /// <summary>Five reconnects whose delays follow the un-reset backoff of the same seed, on a fake clock.</summary>
    private static async Task AssertBackoffGrows(int port, TokenFile token)
    {
        var time = new FakeTimeProvider(DateTimeOffset.UnixEpoch.AddYears(56));
        var settings = new DaemonSettings
        {
            SensorId = "s",
            Mode = CaptureMode.Replay,
            Collector = new Uri($"http://127.0.0.1:{port}"),
            ReconnectInitial = TimeSpan.FromSeconds(1),
            ReconnectMax = TimeSpan.FromSeconds(8),
        };
        var counters = new UploadCounters();
        var signal = new AsyncSignal();
        var logs = new CapturedLogs();
        using var channel = GrpcChannel.ForAddress(settings.Collector);
        var queue = new CallQueue(10, QueueFullPolicy.DropOldest, counters, signal);
        var uploader = new Uploader(settings, new Hello { SensorId = "s", InstanceId = "i" }, queue,
            signal, counters, token, new Ingest.V1Alpha1.Ingest.IngestClient(channel),
            new PipelineReconfigurer([], null, new CallSink("s", queue, counters), counters, NullLogger<PipelineReconfigurer>.Instance),
            () => new SensorStatus(), time, new Random(42),
            logs.CreateLogger("uploader"));
        using var stop = new CancellationTokenSource();
        var run = uploader.RunAsync(stop.Token);

        // The same seed gives the delays the uploader must wait.
        var reference = new ReconnectBackoff(settings.ReconnectInitial, settings.ReconnectMax, new Random(42));
        for (int attempt = 1; attempt <= 5; attempt++)
        {
            await WaitUntil(() => counters.Reconnects == attempt);
            var delay = reference.NextDelay();
            Assert.True(logs.Contains($"reconnect {attempt} in {(long)delay.TotalMilliseconds} ms"), $"attempt {attempt}: {string.Join(" | ", logs.Lines.Select(l => l.Message))}");
            // Not before the delay has passed on the injected clock.
            time.Advance(delay - TimeSpan.FromMilliseconds(1));
            await Task.Delay(50);
            Assert.Equal(attempt, counters.Reconnects);
            time.Advance(TimeSpan.FromMilliseconds(1));
        }

        await stop.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(60));
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not reached within 60 s");
            await Task.Delay(10);
        }
    }
}
