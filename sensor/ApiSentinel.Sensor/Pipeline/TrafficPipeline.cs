using ApiSentinel.Sensor.Capture;
using ApiSentinel.Sensor.Decode;
using ApiSentinel.Sensor.Extraction;
using ApiSentinel.Sensor.Http;
using ApiSentinel.Sensor.Reassembly;

namespace ApiSentinel.Sensor.Pipeline;

/// <summary>
/// The sensor's stages wired together: frames → decode → TCP reassembly → HTTP/1 parsing → exchange extraction →
/// request-order emission. Single-threaded by design: one pipeline per capture thread, no locks on the hot path.
/// Feed it from one or more capture sources (files are read one after the other, as if merged), then call
/// <see cref="Complete"/> to flush connections still open.
/// </summary>
public sealed class TrafficPipeline : IFrameSink
{
    private readonly FrameDecoder _decoder;
    private readonly TcpReassembler _reassembler;
    private readonly ExchangeOrderer _orderer;
    private readonly ExchangeExtractor _extractor;
    private long _lastTimestamp;
    private bool _completed;

    public TrafficPipeline(SensorOptions options, Action<ExchangeRecord> emit)
    {
        _decoder = new FrameDecoder();
        Statistics = new PipelineStatistics(_decoder.Counters);
        _orderer = new ExchangeOrderer(emit, options.MaxRecordsAwaitingOrder);
        Statistics.Orderer = _orderer;
        _extractor = new ExchangeExtractor(options.Extraction, _orderer, Statistics.Extraction, options.Http.BodyInspectionLimit);
        var http = new Http1ConnectionHandlerFactory(options.Http, _extractor, Statistics.Http);
        _reassembler = new TcpReassembler(options.Reassembly, http, Statistics.Reassembly);
    }

    public PipelineStatistics Statistics { get; }

    /// <summary>Reads a whole source into the pipeline. Capture statistics are collected per source.</summary>
    public void Run(ICaptureSource source, CancellationToken cancellationToken = default)
    {
        Statistics.Sources.Add(source.Statistics);
        source.Run(this, cancellationToken);
    }

    /// <summary>Reads a HAR file's entries straight into the extractor (they are already HTTP exchanges).</summary>
    public void Run(Har.HarFileSource source) => source.Run(_extractor);

    public void OnFrame(in CapturedFrame frame)
    {
        try
        {
            if (!_decoder.TryDecodeTcp(frame, out var segment))
            {
                return;
            }
            _lastTimestamp = Math.Max(_lastTimestamp, segment.TimestampMicros);
            _reassembler.Process(segment); // it sweeps idle connections itself, once per second of capture time
        }
#pragma warning disable CA1031 // A defect in one stage must cost one frame, not the capture: counted and shown.
        catch (Exception e)
#pragma warning restore CA1031
        {
            Statistics.RecordInternalError(e);
        }
    }

    /// <summary>End of input: closes every open connection (delivering what can be delivered) and flushes records.</summary>
    public void Complete()
    {
        if (_completed)
        {
            return;
        }
        _completed = true;
        try
        {
            _reassembler.CloseAll(_lastTimestamp);
        }
#pragma warning disable CA1031 // same reasoning as in OnFrame
        catch (Exception e)
#pragma warning restore CA1031
        {
            Statistics.RecordInternalError(e);
        }
        _orderer.Flush();
    }
}
