using System.Diagnostics;
using ApiSentinel.Bench.IngestThroughput.Measure;
using ApiSentinel.Ingest.V1Alpha1;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;

namespace ApiSentinel.Bench.IngestThroughput.Wire;

/// <summary>
/// One simulated sensor: its own connection and stream, a Hello, then batches numbered from 1 with at most
/// <c>window</c> unacknowledged at a time (as the sensor daemon's queue sends them), each timed from the write to
/// the first Ack covering it.
/// </summary>
internal sealed class SensorStream
{
    private readonly GrpcChannel _channel;
    private readonly string _token;
    private readonly BatchPool _pool;
    private readonly int _window;
    private readonly int _firstBatch;
    private readonly string _sensorId;
    private readonly Func<Phase> _phase;
    private readonly long[] _sentTicks;
    private readonly bool[] _sentMeasuring;
    private readonly SemaphoreSlim _slots;
    private readonly TaskCompletionSource _allAcked = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _sent;
    private long _acked;

    public SensorStream(GrpcChannel channel, string token, BatchPool pool, int window, int firstBatch, string sensorId, Func<Phase> phase)
    {
        _channel = channel;
        _token = token;
        _pool = pool;
        _window = window;
        _firstBatch = firstBatch;
        _sensorId = sensorId;
        _phase = phase;
        _sentTicks = new long[window];
        _sentMeasuring = new bool[window];
        _slots = new SemaphoreSlim(window, window);
    }

    public StreamTally Tally { get; } = new();

    public async Task RunAsync(CancellationToken cancel)
    {
        var headers = new Metadata { { "authorization", "Bearer " + _token } };
        using var call = _channel.CreateCallInvoker().AsyncDuplexStreamingCall(RawIngestMethod.Stream, null, new CallOptions(headers, cancellationToken: cancel));
        var reader = ReadAcksAsync(call.ResponseStream, cancel);

        var hello = new SensorMessage
        {
            Hello = new Hello
            {
                SensorId = _sensorId,
                InstanceId = Guid.NewGuid().ToString("N"),
                Version = "bench",
                CaptureMode = CaptureMode.Replay,
                Interfaces = { "bench" },
                Capabilities = { "http1" },
            },
        };
        await call.RequestStream.WriteAsync(new OutgoingMessage(hello.ToByteArray()), cancel);

        var framer = new BatchFramer();
        var next = _firstBatch;
        while (_phase() != Phase.Draining)
        {
            await _slots.WaitAsync(cancel);
            if (reader.IsCompleted)
            {
                await reader; // surfaces the collector's error
                throw new InvalidOperationException("the collector ended the stream");
            }
            var sequence = (ulong)(_sent + 1);
            var slot = (int)(sequence % (ulong)_window);
            _sentMeasuring[slot] = _phase() == Phase.Measuring;
            Volatile.Write(ref _sentTicks[slot], Stopwatch.GetTimestamp());
            var message = framer.Frame(_pool.Batches[next], sequence, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1000);
            next = (next + 1) % _pool.Batches.Length;
            await call.RequestStream.WriteAsync(new OutgoingMessage(message), cancel);
            Interlocked.Increment(ref _sent);
        }

        if (Interlocked.Read(ref _acked) < Interlocked.Read(ref _sent))
        {
            await Task.WhenAny(_allAcked.Task, reader).WaitAsync(TimeSpan.FromSeconds(60), cancel);
        }
        await call.RequestStream.CompleteAsync();
        try
        {
            await reader.WaitAsync(TimeSpan.FromSeconds(30), cancel);
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.Cancelled)
        {
            // The collector may end the stream with CANCELLED once the sensor completed its side.
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
            var now = Stopwatch.GetTimestamp();
            var upTo = Math.Min((long)responses.Current.Ack.Sequence, Interlocked.Read(ref _sent) + _window);
            var measuring = _phase() == Phase.Measuring;
            for (var s = _acked + 1; s <= upTo; s++)
            {
                var slot = (int)(s % _window);
                if (_sentMeasuring[slot])
                {
                    Tally.LatenciesMs.Add(Stopwatch.GetElapsedTime(Volatile.Read(ref _sentTicks[slot]), now).TotalMilliseconds);
                }
                if (measuring)
                {
                    Tally.CallsAcked += _pool.BatchSize;
                }
                _slots.Release();
            }
            if (upTo > _acked)
            {
                Interlocked.Exchange(ref _acked, upTo);
            }
            if (_phase() == Phase.Draining && Interlocked.Read(ref _acked) >= Interlocked.Read(ref _sent))
            {
                _allAcked.TrySetResult();
            }
        }
    }
}
