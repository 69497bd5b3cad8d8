using ApiSentinel.Contract;
using ApiSentinel.Ingest.V1Alpha1;
using Grpc.Core;
using Grpc.Net.Client;
using IngestClient = ApiSentinel.Ingest.V1Alpha1.Ingest.IngestClient;

namespace ApiSentinel.Collector.Service.Tests.Infrastructure;

/// <summary>A sensor's side of an ingest stream, for tests: Hello, then batches one at a time, each awaited to its Ack.</summary>
internal sealed class SensorStream : IAsyncDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private readonly AsyncDuplexStreamingCall<SensorMessage, CollectorMessage> _call;
    private readonly GrpcChannel _channel;

    private SensorStream(AsyncDuplexStreamingCall<SensorMessage, CollectorMessage> call, GrpcChannel channel, string sensorId, string instanceId)
    {
        _call = call;
        _channel = channel;
        SensorId = sensorId;
        InstanceId = instanceId;
    }

    public string SensorId { get; }

    public string InstanceId { get; }

    /// <summary>The Ack that answered the Hello.</summary>
    public ulong HelloAck { get; private set; }

    public SensorConfig? Config { get; private set; }

    public static async Task<SensorStream> OpenAsync(IngestClient client, GrpcChannel channel, Metadata headers, string sensorId, string instanceId,
        IEnumerable<string>? capabilities = null)
    {
        var call = client.Stream(headers);
        var stream = new SensorStream(call, channel, sensorId, instanceId);
        var hello = new Hello { SensorId = sensorId, InstanceId = instanceId, Node = "node-1", Version = "0.0.0-test", CaptureMode = CaptureMode.Replay };
        hello.Interfaces.Add("test.pcap");
        hello.Capabilities.AddRange(capabilities ?? []);
        await call.RequestStream.WriteAsync(new SensorMessage { Hello = hello }).WaitAsync(Timeout);
        stream.HelloAck = (await stream.NextAsync()).Ack.Sequence;
        stream.Config = (await stream.NextAsync()).Config;
        return stream;
    }

    /// <summary>Sends a batch and returns the Ack's sequence.</summary>
    public async Task<ulong> SendAsync(long sequence, IEnumerable<ApiCall> calls)
    {
        await _call.RequestStream.WriteAsync(new SensorMessage { Batch = TestCalls.Batch(sequence, calls) }).WaitAsync(Timeout);
        var reply = await NextAsync();
        Assert.Equal(CollectorMessage.KindOneofCase.Ack, reply.KindCase);
        return reply.Ack.Sequence;
    }

    public Task WriteAsync(SensorMessage message) => _call.RequestStream.WriteAsync(message).WaitAsync(Timeout);

    public async Task<CollectorMessage> NextAsync()
    {
        Assert.True(await _call.ResponseStream.MoveNext(CancellationToken.None).WaitAsync(Timeout), "the collector closed the stream");
        return _call.ResponseStream.Current;
    }

    /// <summary>Reads until the collector ends the stream; the status it ended it with.</summary>
    public async Task<StatusCode> EndAsync()
    {
        try
        {
            while (await _call.ResponseStream.MoveNext(CancellationToken.None).WaitAsync(Timeout))
            {
            }
            return StatusCode.OK;
        }
        catch (RpcException e)
        {
            return e.StatusCode;
        }
    }

    public async Task CompleteAsync()
    {
        await _call.RequestStream.CompleteAsync().WaitAsync(Timeout);
        await EndAsync();
    }

    public void Cancel() => _call.Dispose();

    public ValueTask DisposeAsync()
    {
        _call.Dispose();
        _channel.Dispose();
        return ValueTask.CompletedTask;
    }
}
