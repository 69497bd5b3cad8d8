using ApiSentinel.Sensor.Capture;
using ApiSentinel.Sensor.Pipeline;

namespace ApiSentinel.Sensor.Tests.Capture.Fuzzing;

/// <summary>
/// Runs one capture file through the whole sensor (pcap/pcapng reader, frame decoder, reassembly, HTTP/1 parser,
/// extraction) with tight bounds, and says what went wrong, if anything: an exception other than a clear
/// <see cref="CaptureException"/>, an internal error counted by the pipeline, a reassembly or inspection bound
/// exceeded, or an allocation out of proportion to the input.
/// </summary>
internal static class CaptureFuzzTarget
{
    /// <summary>Allocation allowed per run: a fixed allowance plus a generous factor of the input size.</summary>
    private const long AllocationAllowance = 64L * 1024 * 1024;
    private const int AllocationPerInputByte = 200;

    public static SensorOptions TightOptions()
    {
        var options = new SensorOptions();
        options.Reassembly.MaxBufferedBytesPerConnection = 8 * 1024;
        options.Reassembly.MaxBufferedBytesTotal = 16 * 1024;
        options.Reassembly.GapThresholdBytes = 4 * 1024;
        options.Reassembly.MaxConnections = 8;
        options.Http.BodyInspectionLimit = 4 * 1024;
        options.Http.InspectionBudgetBytes = 16 * 1024;
        options.Http.MaxPendingRequestBytes = 32 * 1024;
        options.Http.MaxInFlightRequests = 4;
        return options;
    }

    /// <summary>Returns null when the run was clean (or the file was rejected with one clear line), else what broke.</summary>
    public static string? Run(string path, long inputLength)
    {
        var options = TightOptions();
        var records = 0;
        var pipeline = new TrafficPipeline(options, _ => records++);
        var sink = new CheckingSink(pipeline, options);
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        try
        {
            using var source = CaptureFileSource.Open(path);
            source.Run(sink, CancellationToken.None);
        }
        catch (CaptureException e)
        {
            if (string.IsNullOrWhiteSpace(e.Message) || e.Message.Contains('\n', StringComparison.Ordinal))
            {
                return "capture error message is empty or spans lines";
            }
        }
#pragma warning disable CA1031 // a fuzz target reports every escape as a finding
        catch (Exception e)
#pragma warning restore CA1031
        {
            return $"{e.GetType().Name} escaped: {e.StackTrace?.Split('\n').FirstOrDefault()?.Trim()}";
        }
        pipeline.Complete();
        var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        var stats = pipeline.Statistics;
        if (stats.InternalErrors != 0)
        {
            return $"internal error: {stats.FirstInternalError}";
        }
        if (sink.Violation is { } violation)
        {
            return violation;
        }
        if (records != stats.Extraction.Exchanges)
        {
            return $"{stats.Extraction.Exchanges} exchanges extracted but {records} emitted";
        }
        if (allocated > AllocationAllowance + AllocationPerInputByte * inputLength)
        {
            return $"allocated {allocated:N0} bytes for a {inputLength:N0}-byte input";
        }
        return null;
    }

    /// <summary>Checks the reassembly bounds after every frame.</summary>
    private sealed class CheckingSink(TrafficPipeline pipeline, SensorOptions options) : IFrameSink
    {
        public string? Violation { get; private set; }

        public void OnFrame(in CapturedFrame frame)
        {
            pipeline.OnFrame(frame);
            var reassembly = pipeline.Statistics.Reassembly;
            if (Violation is null && (reassembly.BufferedBytes < 0 || reassembly.BufferedBytes > options.Reassembly.MaxBufferedBytesTotal))
            {
                Violation = $"reassembly holds {reassembly.BufferedBytes} bytes against a bound of {options.Reassembly.MaxBufferedBytesTotal}";
            }
            if (Violation is null && reassembly.ActiveConnections > options.Reassembly.MaxConnections)
            {
                Violation = $"{reassembly.ActiveConnections} connections tracked against a bound of {options.Reassembly.MaxConnections}";
            }
        }
    }
}
