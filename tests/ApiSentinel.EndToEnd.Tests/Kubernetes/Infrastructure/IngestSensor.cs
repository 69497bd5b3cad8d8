using ApiSentinel.Contract;
using ApiSentinel.Ingest;
using ApiSentinel.Ingest.V1Alpha1;
using Grpc.Core;
using Grpc.Net.Client;

namespace ApiSentinel.EndToEnd.Tests.Kubernetes.Infrastructure;

/// <summary>
/// The test as a sensor speaking the ingest contract: a Hello, then numbered batches of calls the test composed
/// (<see cref="SyntheticCalls"/>), and a wait for the collector's Ack of the last one — so a test controls exactly
/// which (host, method, path) the catalog sees, e.g. the calls that make two templates converge, which no sample
/// capture contains. Each <see cref="SendAsync"/> is one stream under a fresh instance id, as a restarted sensor.
/// </summary>
internal sealed class IngestSensor(string collectorUrl, string token, string sensorId)
{
    private const int BatchSize = 256;

    private static readonly TimeSpan AckTimeout = TimeSpan.FromSeconds(60);

    /// <summary>Streams <paramref name="calls"/> and returns once every batch is acknowledged (durable).</summary>
    public async Task SendAsync(IEnumerable<ApiCall> calls)
    {
        using var channel = GrpcChannel.ForAddress(collectorUrl);
        var client = new Ingest.V1Alpha1.Ingest.IngestClient(channel);
        using var timeout = new CancellationTokenSource(AckTimeout);
        using var call = client.Stream(new Metadata { { "authorization", "Bearer " + token } }, cancellationToken: timeout.Token);
        await call.RequestStream.WriteAsync(new SensorMessage
        {
            Hello = new Hello
            {
                SensorId = sensorId,
                InstanceId = Guid.NewGuid().ToString("N"),
                Version = "e2e",
                CaptureMode = CaptureMode.Replay,
                Interfaces = { "synthetic" },
                Capabilities = { SensorCapabilities.Http1 },
            },
        }, timeout.Token);

        ulong sequence = 0;
        foreach (var chunk in calls.Chunk(BatchSize))
        {
            var batch = new CallBatch { Sequence = ++sequence };
            batch.Calls.AddRange(chunk.Select(CallMapping.ToWire));
            await call.RequestStream.WriteAsync(new SensorMessage { Batch = batch }, timeout.Token);
        }

        // The first Ack answers the Hello (what the collector already holds of this instance: nothing); the one that
        // matters covers the last batch.
        ulong acknowledged = 0;
        while (acknowledged < sequence && await call.ResponseStream.MoveNext(timeout.Token))
        {
            if (call.ResponseStream.Current.KindCase == CollectorMessage.KindOneofCase.Ack)
            {
                acknowledged = Math.Max(acknowledged, call.ResponseStream.Current.Ack.Sequence);
            }
        }
        await call.RequestStream.CompleteAsync();
        if (acknowledged < sequence)
        {
            throw new InvalidOperationException($"the collector ended the stream having acknowledged batch {acknowledged} of {sequence}");
        }
    }
}
