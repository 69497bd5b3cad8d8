using System.Diagnostics;
using ApiSentinel.Contract;
using ApiSentinel.Ingest;
using ApiSentinel.Ingest.V1Alpha1;
using Grpc.Core;
using Grpc.Net.Client;

namespace ApiSentinel.Bench.KubernetesSink.Traffic;

/// <summary>
/// The bench as one sensor on one ingest stream: paced batches (ten a second) of the calls it is given, at most
/// <see cref="Window"/> unacknowledged — so a collector that falls behind slows the traffic instead of queueing it
/// without bound, and the achieved rate is reported rather than assumed.
/// </summary>
internal sealed class TrafficSensor(string collectorUrl, string token) : IAsyncDisposable
{
    private const int Window = 16;

    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(100);

    private readonly GrpcChannel _channel = GrpcChannel.ForAddress(collectorUrl);
    private readonly SemaphoreSlim _slots = new(Window, Window);
    private AsyncDuplexStreamingCall<SensorMessage, CollectorMessage>? _call;
    private Task? _reader;
    private ulong _sent;
    private long _acknowledged;

    public long CallsSent { get; private set; }

    public async Task ConnectAsync(CancellationToken cancel)
    {
        var client = new Ingest.V1Alpha1.Ingest.IngestClient(_channel);
        _call = client.Stream(new Metadata { { "authorization", "Bearer " + token } }, cancellationToken: cancel);
        _reader = ReadAcksAsync(_call.ResponseStream, cancel);
        await _call.RequestStream.WriteAsync(new SensorMessage
        {
            Hello = new Hello
            {
                SensorId = "kubesink-bench",
                InstanceId = Guid.NewGuid().ToString("N"),
                Version = "bench",
                CaptureMode = CaptureMode.Replay,
                Interfaces = { "bench" },
                Capabilities = { SensorCapabilities.Http1 },
            },
        }, cancel);
    }

    /// <summary>Sends every call of <paramref name="calls"/> in batches of <paramref name="batchSize"/>, as fast as the window allows.</summary>
    public async Task SendAllAsync(IEnumerable<ApiCall> calls, int batchSize, CancellationToken cancel)
    {
        foreach (var chunk in calls.Chunk(batchSize))
        {
            await SendBatchAsync(chunk, cancel);
        }
        await WaitAcknowledgedAsync(cancel);
    }

    /// <summary>Streams <paramref name="next"/>'s calls at <paramref name="callsPerSecond"/> for <paramref name="duration"/>.</summary>
    public async Task StreamAsync(Func<long, ApiCall> next, int callsPerSecond, TimeSpan duration, CancellationToken cancel)
    {
        int perTick = Math.Max(1, (int)(callsPerSecond * Tick.TotalSeconds));
        var clock = Stopwatch.StartNew();
        long ticks = 0;
        while (clock.Elapsed < duration)
        {
            long now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1000;
            await SendBatchAsync([.. Enumerable.Range(0, perTick).Select(i => next(now + i))], cancel);
            ticks++;
            var due = Tick * ticks - clock.Elapsed;
            if (due > TimeSpan.Zero)
            {
                await Task.Delay(due, cancel);
            }
        }
        await WaitAcknowledgedAsync(cancel);
    }

    public async ValueTask DisposeAsync()
    {
        if (_call is not null)
        {
            try
            {
                await _call.RequestStream.CompleteAsync();
                await (_reader ?? Task.CompletedTask).WaitAsync(TimeSpan.FromSeconds(10));
            }
            catch (Exception e) when (e is RpcException or TimeoutException or OperationCanceledException)
            {
                // The stream is being torn down with the run; what was acknowledged is what counts.
            }
            _call.Dispose();
        }
        _channel.Dispose();
        _slots.Dispose();
    }

    private async Task SendBatchAsync(ApiCall[] calls, CancellationToken cancel)
    {
        var call = _call ?? throw new InvalidOperationException("not connected");
        await _slots.WaitAsync(cancel);
        if (_reader!.IsCompleted)
        {
            await _reader;
            throw new InvalidOperationException("the collector ended the ingest stream");
        }
        var batch = new CallBatch { Sequence = ++_sent };
        batch.Calls.AddRange(calls.Select(CallMapping.ToWire));
        await call.RequestStream.WriteAsync(new SensorMessage { Batch = batch }, cancel);
        CallsSent += calls.Length;
    }

    private async Task WaitAcknowledgedAsync(CancellationToken cancel)
    {
        var deadline = Stopwatch.StartNew();
        while ((ulong)Interlocked.Read(ref _acknowledged) < _sent)
        {
            if (deadline.Elapsed > TimeSpan.FromMinutes(2))
            {
                throw new TimeoutException($"the collector acknowledged batch {Interlocked.Read(ref _acknowledged)} of {_sent} in 2 min");
            }
            await Task.Delay(50, cancel);
        }
    }

    private async Task ReadAcksAsync(IAsyncStreamReader<CollectorMessage> responses, CancellationToken cancel)
    {
        while (await responses.MoveNext(cancel))
        {
            if (responses.Current.KindCase != CollectorMessage.KindOneofCase.Ack)
            {
                continue;
            }
            // One reader: acknowledgements only move forward here, and each frees the slots of the batches it covers.
            long acked = (long)responses.Current.Ack.Sequence;
            long previous = Interlocked.Read(ref _acknowledged);
            if (acked > previous)
            {
                Interlocked.Exchange(ref _acknowledged, acked);
                _slots.Release((int)(acked - previous));
            }
        }
    }
}
