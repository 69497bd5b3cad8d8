using ApiSentinel.Collector.Service.Tests.Infrastructure;
using Grpc.Net.Client;
using IngestClient = ApiSentinel.Ingest.V1Alpha1.Ingest.IngestClient;

namespace ApiSentinel.Collector.Service.Tests.Ingest;

/// <summary>The real process's logs when a sensor dies mid-stream: one line of the collector's own, no stack trace.</summary>
public sealed class StreamEndLoggingTests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("apisentinel-stream-end-");

    [Fact]
    public async Task A_stream_cancelled_mid_way_is_one_line_without_a_stack_trace()
    {
        await using var collector = CollectorProcess.Start(_directory.FullName);
        await collector.WaitReadyAsync();
        using var channel = GrpcChannel.ForAddress(collector.GrpcAddress);
        var sensor = await SensorStream.OpenAsync(new IngestClient(channel), channel, TestCollector.Bearer(TestCollector.Token),
            "dying-sensor", Guid.NewGuid().ToString("N"));
        Assert.Equal(1UL, await sensor.SendAsync(1, [TestCalls.Call("a.test", "/api/items/1")]));
        sensor.Cancel(); // RST_STREAM: the collector's read fails with an IOException

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (!collector.Stdout.Contains("dying-sensor instance", StringComparison.Ordinal) ||
               !collector.Stdout.Contains("disconnected, stream lost", StringComparison.Ordinal))
        {
            Assert.True(DateTime.UtcNow < deadline, "no disconnection logged: " + collector.Stdout);
            await Task.Delay(100);
        }
        Assert.Equal(0, await collector.TerminateAsync());
        Assert.DoesNotContain("   at ", collector.Stdout + collector.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("IOException", collector.Stdout, StringComparison.Ordinal);
        await sensor.DisposeAsync();
    }

    public void Dispose() => _directory.Delete(recursive: true);
}
