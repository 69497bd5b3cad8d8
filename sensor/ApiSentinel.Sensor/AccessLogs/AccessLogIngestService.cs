using ApiSentinel.Ingest.Envoy.Data.AccessLog.V3;
using ApiSentinel.Ingest.Envoy.Service.AccessLog.V3;
using ApiSentinel.Sensor.Extraction;
using Google.Protobuf;
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
/// larger message is refused by gRPC (RESOURCE_EXHAUSTED ends that stream) and counted here.
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

    private readonly Action<ExchangeRecord> _emit;
    private readonly AccessLogCounters _counters;
    /// <summary>Extractor and converter reuse their buffers and are not thread-safe: concurrent streams take turns.</summary>
    private readonly Lock _extraction = new();
    private readonly ExchangeExtractor _extractor;
    private readonly AccessLogEntryConverter _converter;
    private long _entryOrdinal;

    /// <param name="extraction">What the extractor looks for (the sensor's options, shared with the packet path).</param>
    /// <param name="emit">
    /// Receives every record; called from gRPC threads, possibly concurrently, outside the extraction lock. It should
    /// not block for long (Envoy's stream waits) and must not throw: an exception ends that proxy's stream.
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
        _extractor = new ExchangeExtractor(extraction, UnorderedOutput.Instance, ExtractionCounters);
        _converter = new AccessLogEntryConverter(time);
    }

    /// <summary>The extractor's counters for this input (invalid methods, names withheld, …); written under the extraction lock.</summary>
    public ExtractionCounters ExtractionCounters { get; } = new();

    public override async Task<StreamAccessLogsResponse> StreamAccessLogs(IAsyncStreamReader<StreamAccessLogsMessage> requestStream,
        ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(requestStream);
        ArgumentNullException.ThrowIfNull(context);
        _counters.StreamOpened();
        try
        {
            while (await MoveNext(requestStream, context.CancellationToken).ConfigureAwait(false))
            {
                var message = requestStream.Current;
                _counters.MessageReceived();
                switch (message.LogEntriesCase)
                {
                    case StreamAccessLogsMessage.LogEntriesOneofCase.HttpLogs:
                        foreach (var entry in message.HttpLogs.LogEntry)
                        {
                            Ingest(entry);
                        }
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

    private void Ingest(HTTPAccessLogEntry entry)
    {
        _counters.HttpEntryReceived();
        ExchangeRecord? record = null;
        var outcome = AccessLogEntryOutcome.Malformed;
        lock (_extraction)
        {
            try
            {
                outcome = _converter.Convert(entry, ++_entryOrdinal, out var transaction);
                if (outcome == AccessLogEntryOutcome.Converted)
                {
                    record = _extractor.Extract(transaction);
                }
            }
#pragma warning disable CA1031 // an entry the converter or extractor cannot take costs that entry, never the stream
            catch (Exception)
#pragma warning restore CA1031
            {
                outcome = AccessLogEntryOutcome.Malformed;
                record = null;
            }
            finally
            {
                _converter.Scrub();
            }
        }
        switch (outcome)
        {
            case AccessLogEntryOutcome.Intermediate:
                _counters.IntermediateEntrySkipped();
                return;
            case AccessLogEntryOutcome.Malformed:
                _counters.MalformedEntry();
                return;
        }
        // Outside the lock: the record is immutable and owns its strings, and the host's sink may take its time.
        _emit(record!);
        _counters.ExchangeEmitted();
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
