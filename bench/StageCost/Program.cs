using System.Diagnostics;
using ApiSentinel.Sensor.Capture;
using ApiSentinel.Sensor.Decode;
using ApiSentinel.Sensor.Http;
using ApiSentinel.Sensor.Pipeline;
using ApiSentinel.Sensor.Reassembly;

// apisentinel-stagecost FILE [--body-limit N]: CPU seconds of the pipeline cut after each stage, on one file.
// Each cut runs in the same process after a warm-up pass over the first stage, so the differences between
// rows are the cost of the stage that row adds.
if (args.Length < 1)
{
    Console.Error.WriteLine("usage: apisentinel-stagecost FILE [--body-limit N]");
    return 2;
}
var file = args[0];
var bodyLimit = args.Length >= 3 && args[1] == "--body-limit" ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 64 * 1024;

Measure("read", () => new CountingSink());
Measure("read", () => new CountingSink());
Measure("read+decode", () => new DecodingSink(null));
Measure("read+decode+reassemble", () => new DecodingSink(new TcpReassembler(new ReassemblyOptions(), new NullStreamHandlerFactory(), new ReassemblyCounters())));
Measure("...+http", () =>
{
    var http = new Http1ConnectionHandlerFactory(new Http1Options { BodyInspectionLimit = bodyLimit }, new NullTransactionSink(), new HttpCounters());
    return new DecodingSink(new TcpReassembler(new ReassemblyOptions(), http, new ReassemblyCounters()));
});
Measure("...+extract (full pipeline)", () =>
{
    var options = new SensorOptions();
    options.Http.BodyInspectionLimit = bodyLimit;
    return new PipelineSink(new TrafficPipeline(options, _ => { }));
});
return 0;

void Measure(string name, Func<IFrameSink> create)
{
    var sink = create();
    var process = Process.GetCurrentProcess();
    var cpuBefore = process.TotalProcessorTime;
    var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
    var gcBefore = GC.CollectionCount(0);
    var wall = Stopwatch.StartNew();
    using (var source = CaptureFileSource.Open(file))
    {
        source.Run(sink, CancellationToken.None);
        (sink as PipelineSink)?.Pipeline.Complete();
        process.Refresh();
        var cpu = (process.TotalProcessorTime - cpuBefore).TotalSeconds;
        var frames = source.Statistics.FramesRead;
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        Console.WriteLine($"{name,-32} cpu {cpu,7:F2} s  wall {wall.Elapsed.TotalSeconds,7:F2} s  {frames / cpu / 1e6,6:F2} M frames/cpu-s  " +
                          $"{source.Statistics.BytesRead / cpu / 1e6,7:F0} MB/cpu-s  alloc {allocated / 1e6,8:F1} MB  gen0 {GC.CollectionCount(0) - gcBefore}");
    }
}

sealed class CountingSink : IFrameSink
{
    public long Bytes;
    public void OnFrame(in CapturedFrame frame) => Bytes += frame.Data.Length;
}

sealed class DecodingSink(TcpReassembler? reassembler) : IFrameSink
{
    private readonly FrameDecoder _decoder = new();
    public void OnFrame(in CapturedFrame frame)
    {
        if (_decoder.TryDecodeTcp(frame, out var segment))
        {
            reassembler?.Process(segment);
        }
    }
}

sealed class PipelineSink(TrafficPipeline pipeline) : IFrameSink
{
    public TrafficPipeline Pipeline => pipeline;
    public void OnFrame(in CapturedFrame frame) => pipeline.OnFrame(frame);
}

sealed class NullStreamHandlerFactory : ITcpStreamHandlerFactory, ITcpStreamHandler
{
    public ITcpStreamHandler Create(ConnectionInfo connection) => this;
    public void OnData(FlowDirection direction, ReadOnlySpan<byte> data, long timestampMicros) { }
    public void OnGap(FlowDirection direction, long missingBytes, long timestampMicros) { }
    public void OnEndOfStream(FlowDirection direction, long timestampMicros) { }
    public void OnClose(CloseReason reason, long timestampMicros) { }
}

sealed class NullTransactionSink : IHttpTransactionSink
{
    private long _ticket;
    public long OnTransactionStarted(long timestampMicros) => _ticket++;
    public void OnTransactionCompleted(HttpTransaction transaction) { }
}
