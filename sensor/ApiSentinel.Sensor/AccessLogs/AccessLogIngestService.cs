using ApiSentinel.Ingest.Envoy.Data.AccessLog.V3;
using ApiSentinel.Ingest.Envoy.Service.AccessLog.V3;
using ApiSentinel.Sensor.Extraction;
using ApiSentinel.Sensor.Http;
using ApiSentinel.Sensor.Pipeline.Runtime;
using Google.Protobuf;
using Google.Protobuf.Collections;
using Grpc.Core;

namespace ApiSentinel.Sensor.AccessLogs;

/// <summary>
/// Envoy's gRPC Access Log Service (<c>envoy.service.accesslog.v3.AccessLogService/StreamAccessLogs</c>): an Envoy or
/// Istio proxy with an ALS sink streams its HTTP access-log entries here, and each becomes an exchange record through
/// the same extractor as captured traffic — the entries carry raw header values (Authorization, Cookie, API keys),
/// so they are classified, redacted and fingerprinted before anything leaves. TCP entries carry no exchange and are
/// counted and skipped; a malformed entry is counted and skipped and never ends the stream.
/// <para>
/// The host registers it with <c>MapGrpcService</c> and caps messages at <see cref="MaxReceiveMessageSize"/>; a
/// larger message is refused by gRPC (RESOURCE_EXHAUSTED ends that stream) and counted here. It should also apply
/// <see cref="RecommendedMaxConcurrentConnections"/> and <see cref="RecommendedMaxStreamsPerConnection"/> to the
/// endpoint's Kestrel limits.
/// </para>
/// <para>
/// <b>Run-time settings</b> (<see cref="Reconfigure"/>): the same <see cref="SensorRuntimeSettings"/> the pipelines
/// take, validated by the same code. Detectors and the body limit (which here bounds the text scan only: ALS carries
/// no bodies) apply to entries extracted from then on. Scope and sampling apply per entry, to the endpoints the record
/// reports (client: the physical peer; server: the upstream host, else the listener), as the pipelines apply them per
/// connection — either endpoint may match a target, and the sample is the same keyed hash, so an exchange seen both
/// on the wire and in an access log gets the same answer. An entry with no IP address is out of any non-empty scope.
/// </para>
/// </summary>
public sealed class AccessLogIngestService : AccessLogService.AccessLogServiceBase
{
    /// <summary>
    /// The largest message the host should accept. Envoy batches entries up to its buffer_size_bytes (16 KiB by
    /// default) before sending, so 1 MiB leaves room for generous buffers and large logged headers while bounding
    /// what one message can make the sensor hold.
    /// </summary>
    public const int MaxReceiveMessageSize = 1 << 20;

    /// <summary>
    /// Kestrel's <c>Limits.MaxConcurrentConnections</c> for the ALS endpoint. Each proxy on the node keeps one HTTP/2
    /// connection to its ALS cluster; Kubernetes' default is at most 110 pods a node, so 256 leaves room for gateways
    /// and reconnect overlap while bounding what a misbehaving client can open. (A sizing, not a measurement.)
    /// Kestrel's limit is server-wide, so it also caps the HTTP/1 metrics listener, which needs only a few.
    /// </summary>
    public const int RecommendedMaxConcurrentConnections = 256;

    /// <summary>
    /// Kestrel's <c>Limits.Http2.MaxStreamsPerConnection</c> for the ALS endpoint. Envoy opens one ALS stream per
    /// worker thread and logger; Istio's sidecars run 2 workers by default, so 8 covers larger concurrency settings.
    /// Streams take turns on one extractor, so more streams add waiting, not throughput. (Server-wide in Kestrel too;
    /// only the ALS listener speaks HTTP/2.)
    /// </summary>
    public const int RecommendedMaxStreamsPerConnection = 8;

    private readonly Action<ExchangeRecord> _emit;
    private readonly AccessLogCounters _counters;
    /// <summary>
    /// Extractor and converter reuse their buffers and are not thread-safe: concurrent streams take turns, one message
    /// at a time. Async exclusion, so a stream waiting its turn holds no thread-pool thread.
    /// </summary>
    private readonly SemaphoreSlim _extraction = new(1, 1);
    private readonly ExchangeExtractor _extractor;
    private readonly AccessLogEntryConverter _converter;
    private readonly ConnectionSampler _sampler = new();
    private readonly TimeSpan _detectorTimeout;
    private long _entryOrdinal;
    // Run-time scope and sampling; written and read under _extraction.
    private ScopeMatcher? _scope;
    private double _samplingRate = 1;

    /// <param name="extraction">What the extractor looks for (the sensor's options, shared with the packet path).</param>
    /// <param name="emit">
    /// Receives every record; called from gRPC threads, possibly concurrently, outside the extraction lock. It should
    /// not block for long (Envoy's stream waits). An exception costs that record (counted in
    /// <see cref="AccessLogCounters.EmitFailures"/>), never the stream or the rest of the message.
    /// </param>
    /// <param name="counters">This input's counters.</param>
    /// <param name="time">The clock, for entries that carry no start time.</param>
    public AccessLogIngestService(ExtractionOptions extraction, Action<ExchangeRecord> emit, AccessLogCounters counters, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(extraction);
        ArgumentNullException.ThrowIfNull(emit);
        ArgumentNullException.ThrowIfNull(counters);
        ArgumentNullException.ThrowIfNull(time);
        _emit = emit;
        _counters = counters;
        _detectorTimeout = extraction.SensitiveData.CustomDetectorTimeout;
        _extractor = new ExchangeExtractor(extraction, UnorderedOutput.Instance, ExtractionCounters, Http1Options.DefaultBodyInspectionLimit);
        _converter = new AccessLogEntryConverter(time);
    }

    /// <summary>The extractor's counters for this input (invalid methods, names withheld, …); written under the extraction lock.</summary>
    public ExtractionCounters ExtractionCounters { get; } = new();

    /// <summary>
    /// Takes new run-time settings, from any thread; validated as <see cref="Pipeline.TrafficPipeline.Reconfigure"/>
    /// validates them (the same code), and applied before the next message is extracted. The returned list holds one
    /// line per problem, and when it is not empty nothing is applied. The body limit is checked for range only: ALS
    /// carries no bodies, so there is no inspection pool to bound it, and a limit a pipeline accepts is accepted here.
    /// </summary>
    public IReadOnlyList<string> Reconfigure(SensorRuntimeSettings settings)
    {
        var problems = new List<string>();
        RuntimeConfiguration? configuration = RuntimeConfiguration.Create(
            settings, Http1Options.DefaultBodyInspectionLimit, int.MaxValue, _detectorTimeout, problems);
        if (configuration is null)
        {
            _counters.ConfigurationRejected();
            return problems;
        }
        // Rare (a push from the collector) and short: waiting synchronously for the message being extracted is fine.
        _extraction.Wait();
        try
        {
            _scope = configuration.Scope;
            _samplingRate = configuration.SamplingRate;
            _extractor.Scanner.ReplaceRuntimeDetectors(configuration.Detectors);
            _extractor.Scanner.MaxTextBytes = configuration.BodyInspectionLimit;
        }
        finally
        {
            _extraction.Release();
        }
        _counters.ConfigurationApplied();
        return problems;
    }

    public override async Task<StreamAccessLogsResponse> StreamAccessLogs(IAsyncStreamReader<StreamAccessLogsMessage> requestStream,
        ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(requestStream);
        ArgumentNullException.ThrowIfNull(context);
        _counters.StreamOpened();
        try
        {
            var records = new List<ExchangeRecord>();
            while (await MoveNext(requestStream, context.CancellationToken).ConfigureAwait(false))
            {
                var message = requestStream.Current;
                _counters.MessageReceived();
                switch (message.LogEntriesCase)
                {
                    case StreamAccessLogsMessage.LogEntriesOneofCase.HttpLogs:
                        await ExtractAsync(message.HttpLogs.LogEntry, records, context.CancellationToken).ConfigureAwait(false);
                        Emit(records);
                        break;
                    case StreamAccessLogsMessage.LogEntriesOneofCase.TcpLogs:
                        _counters.TcpEntriesSkippedBy(message.TcpLogs.LogEntry.Count);
                        break;
                }
            }
        }
        finally
        {
            _counters.StreamClosed();
        }
        return new StreamAccessLogsResponse();
    }

    private async Task<bool> MoveNext(IAsyncStreamReader<StreamAccessLogsMessage> requestStream, CancellationToken cancellation)
    {
        try
        {
            return await requestStream.MoveNext(cancellation).ConfigureAwait(false);
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.ResourceExhausted)
        {
            // Over MaxReceiveMessageSize: gRPC refuses the message and the stream; the proxy reconnects.
            _counters.OversizedMessage();
            throw;
        }
        catch (InvalidProtocolBufferException)
        {
            // Not an access-log message: after a framing error the stream cannot be trusted to resynchronise, so it
            // ends, with a status that says why (the exception's text names no payload byte, but is not sent either).
            _counters.UndecodableMessage();
            throw new RpcException(new Status(StatusCode.InvalidArgument, "not a StreamAccessLogsMessage"));
        }
    }

    /// <summary>One message's entries, in one turn at the extractor; the records go to <paramref name="records"/>.</summary>
    private async Task ExtractAsync(RepeatedField<HTTPAccessLogEntry> entries, List<ExchangeRecord> records, CancellationToken cancellation)
    {
        await _extraction.WaitAsync(cancellation).ConfigureAwait(false);
        try
        {
            foreach (var entry in entries)
            {
                if (Extract(entry) is { } record)
                {
                    records.Add(record);
                }
            }
        }
        finally
        {
            _extraction.Release();
        }
    }

    /// <summary>Under the extraction lock: one entry's record, or null (counted why).</summary>
    private ExchangeRecord? Extract(HTTPAccessLogEntry entry)
    {
        _counters.HttpEntryReceived();
        try
        {
            switch (_converter.Convert(entry, ++_entryOrdinal, out var transaction))
            {
                case AccessLogEntryOutcome.Intermediate:
                    _counters.IntermediateEntrySkipped();
                    return null;
                case AccessLogEntryOutcome.Malformed:
                    _counters.MalformedEntry();
                    return null;
            }
            if (_scope is { } scope && !scope.Admits(transaction.Connection))
            {
                _counters.OutOfScopeEntry();
                return null;
            }
            if (_samplingRate < 1 && !_sampler.Admits(transaction.Connection, _samplingRate))
            {
                _counters.SampledOutEntry();
                return null;
            }
            return _extractor.Extract(transaction);
        }
#pragma warning disable CA1031 // an entry the converter or extractor cannot take costs that entry, never the stream
        catch (Exception)
#pragma warning restore CA1031
        {
            _counters.MalformedEntry();
            return null;
        }
        finally
        {
            _converter.Scrub();
        }
    }

    /// <summary>Outside the lock: the records are immutable and own their strings, and the host's sink may take its time.</summary>
    private void Emit(List<ExchangeRecord> records)
    {
        foreach (var record in records)
        {
            try
            {
                _emit(record);
                _counters.ExchangeEmitted();
            }
#pragma warning disable CA1031 // a sink that throws costs that record, not the rest of the message or the stream
            catch (Exception)
#pragma warning restore CA1031
            {
                // Not logged: the exception could quote the record, and the count says enough.
                _counters.EmitFailure();
            }
        }
        records.Clear();
    }

    /// <summary>
    /// The extractor's output when it is driven through <see cref="ExchangeExtractor.Extract"/>: unused, because ALS
    /// entries arrive finished and need no request-order tickets.
    /// </summary>
    private sealed class UnorderedOutput : IExchangeSink
    {
        public static readonly UnorderedOutput Instance = new();

        public long OnExchangeStarted(long timestampMicros) => 0;

        public void OnExchangeCompleted(long ticket, ExchangeRecord record)
        {
        }
    }
}
