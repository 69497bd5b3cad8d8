using ApiSentinel.Collector.Service.Tests.Infrastructure;
using Grpc.Core;
using Grpc.Net.Client;
using IngestClient = ApiSentinel.Ingest.V1Alpha1.Ingest.IngestClient;

namespace ApiSentinel.Collector.Service.Tests.State;

/// <summary>
/// SIGTERM while a sensor's stream is open: the stream ends with UNAVAILABLE at once (not after Kestrel's 30 s
/// shutdown timeout), the final checkpoint is written, the process exits 0 without a stack trace, and the next start
/// has nothing in the journal to replay.
/// </summary>
public sealed class GracefulShutdownTests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("apisentinel-shutdown-");

    [Fact]
    public async Task Sigterm_with_an_open_stream_ends_it_checkpoints_and_exits_0()
    {
        // No periodic checkpoint during the test: only the final one can empty the journal.
        string[] args = ["--checkpoint-interval", "01:00:00", "--build-interval", "00:00:00.100"];
        await using (var first = CollectorProcess.Start(_directory.FullName, args))
        {
            await first.WaitReadyAsync();
            using var channel = GrpcChannel.ForAddress(first.GrpcAddress);
            await using var sensor = await SensorStream.OpenAsync(new IngestClient(channel), channel, TestCollector.Bearer(TestCollector.Token),
                "shutdown-sensor", Guid.NewGuid().ToString("N"));
            for (var sequence = 1; sequence <= 3; sequence++)
            {
                Assert.Equal((ulong)sequence, await sensor.SendAsync(sequence, [TestCalls.Call("a.test", $"/api/items/{sequence}", seconds: sequence)]));
            }
            var end = sensor.EndAsync();
            // Well under Kestrel's 30 s wait for open streams, which is what a stream left open would cost.
            Assert.Equal(0, await first.TerminateAsync(TimeSpan.FromSeconds(20)));
            Assert.Equal(StatusCode.Unavailable, await end);
            Assert.DoesNotContain("   at ", first.Stdout + first.Stderr, StringComparison.Ordinal);
            Assert.Contains("final checkpoint written", first.Stdout, StringComparison.Ordinal);
        }

        await using var second = CollectorProcess.Start(_directory.FullName, args);
        await second.WaitReadyAsync();
        Assert.Contains("replayed 0 journal batches", second.Stdout, StringComparison.Ordinal);
    }

    public void Dispose() => _directory.Delete(recursive: true);
}
