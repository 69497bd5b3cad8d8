using System.Diagnostics;
using ApiSentinel.Bench.IngestThroughput.Measure;
using Grpc.Net.Client;

namespace ApiSentinel.Bench.IngestThroughput.Wire;

/// <summary>
/// One case: N sensors streaming the pool at full speed; a warm-up, then a measured interval over which acknowledged
/// calls, acknowledgement latencies, the collector's CPU (utime + stime) and RSS are taken, then a drain.
/// </summary>
internal sealed class LoadRun(BatchPool pool, Uri collector, string token, int collectorPid)
{
    private const int RssSampleMillis = 200;

    // On a shared machine the collector may get a fraction of a core: phases end on the collector's own CPU time as
    // well as on the wall clock, so a loaded run still warms the JIT up fully and measures as much work as a quiet
    // one, within these caps.
    private static readonly TimeSpan WarmupCap = TimeSpan.FromSeconds(120), MeasureCap = TimeSpan.FromSeconds(180);

    private volatile int _phase = (int)Phase.Warmup;

    public async Task<CaseResult> RunAsync(int seed, int streams, int window, TimeSpan warmup, double warmupCpu, TimeSpan measure, double measureCpu, string? label)
    {
        var channels = Enumerable.Range(0, streams).Select(_ => GrpcChannel.ForAddress(collector, new GrpcChannelOptions
        {
            // One connection per sensor, as separate sensor processes have; no message size limit of our own.
            HttpHandler = new SocketsHttpHandler { EnableMultipleHttp2Connections = true },
            MaxSendMessageSize = null,
            MaxReceiveMessageSize = null,
        })).ToList();
        using var cancel = new CancellationTokenSource();
        var sensors = Enumerable.Range(0, streams)
            .Select(i => new SensorStream(channels[i], token, pool, window, i * pool.Batches.Length / streams,
                $"bench-{seed}-{streams}-{i}", () => (Phase)_phase))
            .ToList();
        try
        {
            var running = sensors.Select(s => Task.Run(() => s.RunAsync(cancel.Token))).ToList();
            var all = Task.WhenAll(running);

            var started = ProcFs.CpuSeconds(collectorPid);
            var warming = Stopwatch.StartNew();
            while (!all.IsCompleted && warming.Elapsed < WarmupCap
                   && (warming.Elapsed < warmup || ProcFs.CpuSeconds(collectorPid) - started < warmupCpu))
            {
                await Task.WhenAny(all, Task.Delay(RssSampleMillis));
            }
            ThrowIfEnded(all, "during the warm-up");

            var loadStart = ProcFs.LoadAverage();
            var cpuStart = ProcFs.CpuSeconds(collectorPid);
            var clientStart = Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;
            var clock = Stopwatch.StartNew();
            _phase = (int)Phase.Measuring;
            double rssPeak = 0;
            while (!all.IsCompleted && clock.Elapsed < MeasureCap
                   && (clock.Elapsed < measure || ProcFs.CpuSeconds(collectorPid) - cpuStart < measureCpu))
            {
                rssPeak = Math.Max(rssPeak, ProcFs.Memory(collectorPid).RssMb);
                await Task.WhenAny(all, Task.Delay(RssSampleMillis));
            }
            _phase = (int)Phase.Draining;
            var seconds = clock.Elapsed.TotalSeconds;
            var cpu = ProcFs.CpuSeconds(collectorPid) - cpuStart;
            var clientCpu = Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds - clientStart;
            var (rssNow, hwm) = ProcFs.Memory(collectorPid);
            ThrowIfEnded(all, "while measuring");

            await all.WaitAsync(TimeSpan.FromSeconds(120));

            var latencies = sensors.SelectMany(s => s.Tally.LatenciesMs).Order().ToList();
            var acked = sensors.Sum(s => s.Tally.CallsAcked);
            return new CaseResult
            {
                Seed = seed,
                Streams = streams,
                BatchSize = pool.BatchSize,
                Window = window,
                Seconds = seconds,
                CallsAcked = acked,
                CallsPerSecond = acked / seconds,
                P50Ms = Percentiles.Of(latencies, 50),
                P99Ms = Percentiles.Of(latencies, 99),
                MaxMs = latencies.Count == 0 ? double.NaN : latencies[^1],
                BatchesTimed = latencies.Count,
                CollectorCpuSeconds = cpu,
                CollectorCallsPerCpuSecond = cpu > 0 ? acked / cpu : double.NaN,
                CollectorRssPeakMb = Math.Max(rssPeak, rssNow),
                CollectorHwmMb = hwm,
                ClientCpuSeconds = clientCpu,
                LoadStart = loadStart,
                LoadEnd = ProcFs.LoadAverage(),
                PoolCalls = pool.Calls,
                PoolBytesPerCall = (double)pool.EncodedBytes / pool.Calls,
                Label = label,
            };
        }
        finally
        {
            await cancel.CancelAsync();
            channels.ForEach(c => c.Dispose());
        }
    }

    private static void ThrowIfEnded(Task all, string when)
    {
        if (all.IsCompleted)
        {
            // Surfaces the first stream's error (refused, collector gone); otherwise the streams ended early.
            all.GetAwaiter().GetResult();
            throw new InvalidOperationException("every stream ended " + when);
        }
    }
}
