using ApiSentinel.Sensor.Capture;
using ApiSentinel.Sensor.Decode;
using ApiSentinel.Sensor.Extraction;
using ApiSentinel.Sensor.Extraction.Sensitive;
using ApiSentinel.Sensor.Http;
using ApiSentinel.Sensor.Pipeline.Runtime;
using ApiSentinel.Sensor.Reassembly;

namespace ApiSentinel.Sensor.Pipeline;

/// <summary>
/// The sensor's stages wired together: frames → decode → TCP reassembly → HTTP/1 parsing → exchange extraction →
/// request-order emission. Single-threaded by design: one pipeline per capture thread, no locks on the hot path.
/// Feed it from one or more capture sources (files are read one after the other, as if merged), then call
/// <see cref="Complete"/> to flush connections still open.
/// <para><b>Time.</b> Capture time is the newest frame timestamp seen, or the newest <see cref="AdvanceClock"/>
/// value, whichever is later; it never goes back. Idle connections and the order-wait bound
/// (<see cref="SensorOptions.MaxOrderWaitMicros"/>) run on it, so on a live link the clock ticks make them work when
/// no packet arrives. On capture files there is no clock: frame timestamps alone drive time.</para>
/// <para><b>Run-time settings.</b> <see cref="Reconfigure"/> is the one member that may be called from another
/// thread: it validates and prepares the settings there and leaves them in a slot the pipeline thread empties at its
/// next frame or clock tick (one reference read per frame; no lock).</para>
/// </summary>
public sealed class TrafficPipeline : IClockedFrameSink
{
    private readonly FrameDecoder _decoder;
    private readonly TcpReassembler _reassembler;
    private readonly ExchangeOrderer _orderer;
    private readonly ExchangeExtractor _extractor;
    private readonly Http1Options _http;
    private readonly AdmissionHandlerFactory _admission;
    private readonly int _configuredBodyLimit;
    private readonly TimeSpan _detectorTimeout;
    private RuntimeConfiguration? _pendingConfiguration;
    private long _lastTimestamp;
    private bool _completed;

    public TrafficPipeline(SensorOptions options, Action<ExchangeRecord> emit)
    {
        _decoder = new FrameDecoder();
        Statistics = new PipelineStatistics(_decoder.Counters);
        _orderer = new ExchangeOrderer(emit, options.MaxRecordsAwaitingOrder, options.MaxOrderWaitMicros);
        Statistics.Orderer = _orderer;
        _http = Http1OptionsCopy.Of(options.Http);
        _configuredBodyLimit = _http.BodyInspectionLimit;
        _detectorTimeout = options.Extraction.SensitiveData.CustomDetectorTimeout;
        _extractor = new ExchangeExtractor(options.Extraction, _orderer, Statistics.Extraction, _http.BodyInspectionLimit);
        var http = new Http1ConnectionHandlerFactory(_http, _extractor, Statistics.Http);
        _admission = new AdmissionHandlerFactory(http, Statistics);
        _reassembler = new TcpReassembler(options.Reassembly, _admission, Statistics.Reassembly);
    }

    public PipelineStatistics Statistics { get; }

    /// <summary>Reads a whole source into the pipeline. Capture statistics are collected per source.</summary>
    public void Run(ICaptureSource source, CancellationToken cancellationToken = default)
    {
        Statistics.Sources.Add(source.Statistics);
        source.Run(this, cancellationToken);
    }

    /// <summary>Reads a HAR file's entries straight into the extractor (they are already HTTP exchanges).</summary>
    public void Run(Har.HarFileSource source)
    {
        ApplyPendingConfiguration();
        source.Run(_extractor);
    }

    /// <summary>
    /// Takes new run-time settings; callable from any thread while the pipeline runs. Validation happens here, in
    /// full: the returned list holds one line per problem (bad address or CIDR, port out of range, a pattern that does
    /// not compile, a rate outside (0, 1], ...), and when it is not empty nothing is applied. Otherwise the list is
    /// empty and the pipeline thread applies the settings at its next frame or clock tick (a later call before then
    /// supersedes this one). Scope and sampling apply to connections opened from then on; connections already
    /// tracked keep their decision. The body limit bounds the bodies that begin from then on (a body being read keeps
    /// the limit it began with); the detectors, and the limit on the text scan, apply to every message extracted from
    /// then on, including one that began before (they are read when a finished message is extracted).
    /// </summary>
    public IReadOnlyList<string> Reconfigure(SensorRuntimeSettings settings)
    {
        var problems = new List<string>();
        RuntimeConfiguration? configuration = RuntimeConfiguration.Create(
            settings, _configuredBodyLimit, _http.InspectionBudgetBytes, _detectorTimeout, problems);
        if (configuration is null)
        {
            Statistics.RecordRejectedConfiguration();
            return problems;
        }
        Volatile.Write(ref _pendingConfiguration, configuration);
        return problems;
    }

    public void OnFrame(in CapturedFrame frame)
    {
        if (Volatile.Read(ref _pendingConfiguration) is not null)
        {
            ApplyPendingConfiguration();
        }
        try
        {
            if (!_decoder.TryDecodeTcp(frame, out var segment))
            {
                return;
            }
            _lastTimestamp = Math.Max(_lastTimestamp, segment.TimestampMicros);
            // Before the segment, so records it completes wait from this moment.
            _orderer.AdvanceTime(_lastTimestamp);
            // On the pipeline's clock, not the segment's stamp: after a backward wall-clock step, live packets are
            // still seen "now". It sweeps idle connections itself, once per second of capture time.
            _reassembler.Process(segment, _lastTimestamp);
        }
#pragma warning disable CA1031 // A defect in one stage must cost one frame, not the capture: counted and shown.
        catch (Exception e)
#pragma warning restore CA1031
        {
            Statistics.RecordInternalError(e);
        }
    }

    /// <summary>
    /// The clock of a live capture: <paramref name="nowMicros"/> is wall-clock time in µs since the Unix epoch (frame
    /// timestamps are too). Call it on the pipeline's thread, between frames. Time never goes back (an earlier value
    /// only re-runs the sweeps at the current time). Closes connections idle for longer than
    /// <see cref="ReassemblyOptions.IdleTimeout"/> — delivering their exchanges — and emits records that waited
    /// <see cref="SensorOptions.MaxOrderWaitMicros"/>. Not for replayed files: their timestamps are in the past, so
    /// a wall clock would expire every connection at once.
    /// </summary>
    public void AdvanceClock(long nowMicros)
    {
        ApplyPendingConfiguration();
        try
        {
            _lastTimestamp = Math.Max(_lastTimestamp, nowMicros);
            _orderer.AdvanceTime(_lastTimestamp);
            _reassembler.ExpireIdle(_lastTimestamp);
        }
#pragma warning disable CA1031 // same reasoning as in OnFrame
        catch (Exception e)
#pragma warning restore CA1031
        {
            Statistics.RecordInternalError(e);
        }
    }

    /// <summary>On the pipeline thread: applies what <see cref="Reconfigure"/> left, if anything.</summary>
    private void ApplyPendingConfiguration()
    {
        RuntimeConfiguration? configuration = Interlocked.Exchange(ref _pendingConfiguration, null);
        if (configuration is null)
        {
            return;
        }
        _admission.Use(configuration.Scope, configuration.SamplingRate);
        SensitiveDataScanner scanner = _extractor.Scanner;
        scanner.ReplaceRuntimeDetectors(configuration.Detectors);
        scanner.MaxTextBytes = configuration.BodyInspectionLimit;
        _http.BodyInspectionLimit = configuration.BodyInspectionLimit;
        Statistics.ConfigurationsApplied++;
        ConfigurationAppliedHook?.Invoke();
    }

    /// <summary>Tests only: called on the thread that applied a configuration, right after it did.</summary>
    internal Action? ConfigurationAppliedHook { get; set; }

    /// <summary>A live source's tick: <see cref="AdvanceClock"/>.</summary>
    public void OnClock(long nowMicros) => AdvanceClock(nowMicros);

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
