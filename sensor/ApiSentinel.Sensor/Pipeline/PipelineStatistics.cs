using ApiSentinel.Sensor.Capture;
using ApiSentinel.Sensor.Decode;
using ApiSentinel.Sensor.Extraction;
using ApiSentinel.Sensor.Http;
using ApiSentinel.Sensor.Reassembly;

namespace ApiSentinel.Sensor.Pipeline;

/// <summary>Every stage's counters in one place, for the CLI summary and (later) OTLP export.</summary>
public sealed class PipelineStatistics
{
    public PipelineStatistics(DecodeCounters decode)
    {
        Decode = decode;
    }

    public List<CaptureStatistics> Sources { get; } = [];
    public DecodeCounters Decode { get; }
    public ReassemblyCounters Reassembly { get; } = new();
    public HttpCounters Http { get; } = new();
    public ExtractionCounters Extraction { get; } = new();
    public ExchangeOrderer? Orderer { get; internal set; }

    /// <summary>Connections ignored because neither endpoint is in the run-time capture scope.</summary>
    public long OutOfScopeConnections { get; internal set; }

    /// <summary>Connections ignored by the run-time sampling rate.</summary>
    public long SampledOutConnections { get; internal set; }

    /// <summary>Run-time settings applied by the pipeline thread (<see cref="TrafficPipeline.Reconfigure"/>).</summary>
    public long ConfigurationsApplied { get; internal set; }

    /// <summary>Run-time settings rejected as invalid (nothing of them applied).</summary>
    public long ConfigurationsRejected => Interlocked.Read(ref _configurationsRejected);

    private long _configurationsRejected;

    internal void RecordRejectedConfiguration() => Interlocked.Increment(ref _configurationsRejected);

    /// <summary>Exceptions from a stage, contained per frame. Non-zero means a defect: please report it.</summary>
    public long InternalErrors { get; internal set; }

    /// <summary>
    /// Where the first internal error happened: exception type and the method that threw — enough for a bug
    /// report, and free of captured data (exception messages can quote input, so they are not kept).
    /// </summary>
    public string? FirstInternalError { get; internal set; }

    internal void RecordInternalError(Exception exception)
    {
        InternalErrors++;
        if (FirstInternalError is null)
        {
            var frame = new System.Diagnostics.StackTrace(exception, fNeedFileInfo: false).GetFrame(0)?.GetMethod();
            FirstInternalError = $"{exception.GetType().Name} in {frame?.DeclaringType?.Name}.{frame?.Name}";
        }
    }

    public long FramesRead => Sources.Sum(s => s.FramesRead);

    public long BytesRead => Sources.Sum(s => s.BytesRead);
}
