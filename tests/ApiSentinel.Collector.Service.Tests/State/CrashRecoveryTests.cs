using System.Text.Json;
using ApiSentinel.Collector.Service.Tests.Infrastructure;
using ApiSentinel.Ingest.V1Alpha1;
using Grpc.Net.Client;
using IngestClient = ApiSentinel.Ingest.V1Alpha1.Ingest.IngestClient;

namespace ApiSentinel.Collector.Service.Tests.State;

/// <summary>
/// The real collector process, killed with SIGKILL mid-stream and restarted on its state directory: every acknowledged
/// batch survives, the sensor's resends (unacknowledged and some acknowledged ones) are taken exactly once, and the
/// catalog's totals equal the calls sent — none lost, none doubled. Then a graceful stop and a third start keep them.
/// </summary>
public sealed class CrashRecoveryTests : IDisposable
{
    private const int Batches = 60;
    private const int CallsPerBatch = 100;
    private static readonly string[] Hosts = ["a.test", "b.test", "c.test", "d.test"];
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("apisentinel-crash-");

    [Fact]
    public async Task Kill_9_mid_stream_loses_nothing_acknowledged_and_counts_nothing_twice()
    {
        var instance = Guid.NewGuid().ToString("N");
        string[] fast = ["--checkpoint-interval", "00:00:00.300", "--build-interval", "00:00:00.100"];
        long acknowledged;
        await using (var first = CollectorProcess.Start(_directory.FullName, fast))
        {
            await first.WaitReadyAsync();
            using var channel = GrpcChannel.ForAddress(first.GrpcAddress);
            var sensor = await SensorStream.OpenAsync(new IngestClient(channel), channel, TestCollector.Bearer(TestCollector.Token), "crash-sensor", instance);
            long highest = 0;
            var reader = Task.Run(async () =>
            {
                try
                {
                    while (true)
                    {
                        var reply = await sensor.NextAsync();
                        if (reply.KindCase == CollectorMessage.KindOneofCase.Ack)
                        {
                            Interlocked.Exchange(ref highest, (long)reply.Ack.Sequence);
                        }
                    }
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    // the collector died under it
                }
            });
            var writer = Task.Run(async () =>
            {
                try
                {
                    for (var sequence = 1; sequence <= Batches; sequence++)
                    {
                        await sensor.WriteAsync(new SensorMessage { Batch = TestCalls.Batch(sequence, BatchCalls(sequence)) });
                        await Task.Delay(15); // a sensor's pace, so the kill lands mid-stream
                    }
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    // the collector died under it
                }
            });
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
            while (Interlocked.Read(ref highest) < Batches / 3)
            {
                Assert.True(DateTime.UtcNow < deadline, "no acks");
                await Task.Delay(10);
            }
            await first.KillAsync();
            acknowledged = Interlocked.Read(ref highest);
            await Task.WhenAll(reader, writer).WaitAsync(TimeSpan.FromSeconds(60));
            await sensor.DisposeAsync();
        }

        await using (var second = CollectorProcess.Start(_directory.FullName, fast))
        {
            await second.WaitReadyAsync();
            using var channel = GrpcChannel.ForAddress(second.GrpcAddress);
            await using var sensor = await SensorStream.OpenAsync(new IngestClient(channel), channel, TestCollector.Bearer(TestCollector.Token), "crash-sensor", instance);
            Assert.True((long)sensor.HelloAck >= acknowledged, $"acknowledged {acknowledged}, the restarted collector holds {sensor.HelloAck}");
            // Like a sensor whose acks were lost in flight: resend from a little before the last ack it saw.
            for (var sequence = Math.Max(1, acknowledged - 5); sequence <= Batches; sequence++)
            {
                var ack = await sensor.SendAsync(sequence, BatchCalls(sequence));
                Assert.Equal((ulong)Math.Max(sequence, (long)sensor.HelloAck), ack);
            }
            await AssertTotalAsync(second.Http);
            await sensor.CompleteAsync();
            Assert.Equal(0, await second.TerminateAsync());
        }

        await using var third = CollectorProcess.Start(_directory.FullName, fast);
        await third.WaitReadyAsync();
        await AssertTotalAsync(third.Http);
    }

    private static IEnumerable<ApiSentinel.Contract.ApiCall> BatchCalls(long sequence) =>
        Enumerable.Range(0, CallsPerBatch).Select(i =>
            TestCalls.Call(Hosts[i % Hosts.Length], $"/api/items/{sequence * CallsPerBatch + i}", seconds: sequence + i * 0.001));

    private static async Task AssertTotalAsync(HttpClient http)
    {
        const long expected = (long)Batches * CallsPerBatch;
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        long total;
        while (true)
        {
            var catalog = JsonDocument.Parse(await http.GetStringAsync(new Uri("/api/v1/endpoints", UriKind.Relative))).RootElement;
            total = TestCollector.TotalRequests(catalog);
            if (total >= expected || DateTime.UtcNow > deadline)
            {
                break;
            }
            await Task.Delay(100);
        }
        await Task.Delay(300); // a few builds more: a doubled batch would show by now
        var settled = JsonDocument.Parse(await http.GetStringAsync(new Uri("/api/v1/endpoints", UriKind.Relative))).RootElement;
        Assert.Equal(expected, total);
        Assert.Equal(expected, TestCollector.TotalRequests(settled));
    }

    public void Dispose() => _directory.Delete(recursive: true);
}
