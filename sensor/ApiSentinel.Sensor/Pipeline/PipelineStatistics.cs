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

    /// <summary>Exceptions from a stage, contained per frame. Non-zero means a defect: please report it.</summary>
    public long InternalErrors { get; internal set; }

    public long FramesRead => Sources.Sum(s => s.FramesRead);

    public long BytesRead => Sources.Sum(s => s.BytesRead);
}
