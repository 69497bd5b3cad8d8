using System.Threading;

namespace ApiSentinel.Sensor.AccessLogs;

/// <summary>
/// Running totals of the Envoy access-log input (<see cref="AccessLogIngestService"/>). Written by concurrent gRPC
/// streams and read by the host's metrics, so every counter is updated and read atomically.
/// </summary>
public sealed class AccessLogCounters
{
    private long _streams;
    private long _activeStreams;
    private long _messages;
    private long _httpEntries;
    private long _tcpEntriesSkipped;
    private long _intermediateEntriesSkipped;
    private long _malformedEntries;
    private long _oversizedMessages;
    private long _undecodableMessages;
    private long _exchangesEmitted;
    private long _emitFailures;
    private long _outOfScopeEntries;
    private long _sampledOutEntries;
    private long _configurationsApplied;
    private long _configurationsRejected;

    /// <summary>Streams opened by proxies since start.</summary>
    public long Streams => Interlocked.Read(ref _streams);

    /// <summary>Streams open now.</summary>
    public long ActiveStreams => Interlocked.Read(ref _activeStreams);

    /// <summary>StreamAccessLogsMessage messages received (identifier-only ones included).</summary>
    public long Messages => Interlocked.Read(ref _messages);

    /// <summary>HTTP entries received, whatever became of them.</summary>
    public long HttpEntries => Interlocked.Read(ref _httpEntries);

    /// <summary>TCP entries received and skipped: they carry no HTTP exchange.</summary>
    public long TcpEntriesSkipped => Interlocked.Read(ref _tcpEntriesSkipped);

    /// <summary>
    /// HTTP entries Envoy flushed periodically for a long-lived stream (<c>intermediate_log_entry</c>); skipped,
    /// because the stream's final entry reports the same exchange and would otherwise be counted twice.
    /// </summary>
    public long IntermediateEntriesSkipped => Interlocked.Read(ref _intermediateEntriesSkipped);

    /// <summary>HTTP entries skipped because they had no request, no method or no path.</summary>
    public long MalformedEntries => Interlocked.Read(ref _malformedEntries);

    /// <summary>Messages larger than <see cref="AccessLogIngestService.MaxReceiveMessageSize"/>, refused by gRPC (the stream ends).</summary>
    public long OversizedMessages => Interlocked.Read(ref _oversizedMessages);

    /// <summary>Messages that were not a StreamAccessLogsMessage (not protobuf, or truncated); the stream ends with INVALID_ARGUMENT.</summary>
    public long UndecodableMessages => Interlocked.Read(ref _undecodableMessages);

    /// <summary>Exchange records handed to the host.</summary>
    public long ExchangesEmitted => Interlocked.Read(ref _exchangesEmitted);

    /// <summary>
    /// Records lost because the host's sink threw; the rest of the message and the stream went on, so no other entry
    /// was left behind.
    /// </summary>
    public long EmitFailures => Interlocked.Read(ref _emitFailures);

    /// <summary>HTTP entries dropped because neither endpoint is in the run-time capture scope.</summary>
    public long OutOfScopeEntries => Interlocked.Read(ref _outOfScopeEntries);

    /// <summary>HTTP entries dropped because their endpoints fall outside the run-time sample.</summary>
    public long SampledOutEntries => Interlocked.Read(ref _sampledOutEntries);

    /// <summary>Run-time settings applied (<see cref="AccessLogIngestService.Reconfigure"/>).</summary>
    public long ConfigurationsApplied => Interlocked.Read(ref _configurationsApplied);

    /// <summary>Run-time settings refused whole for their problems.</summary>
    public long ConfigurationsRejected => Interlocked.Read(ref _configurationsRejected);

    internal void StreamOpened()
    {
        Interlocked.Increment(ref _streams);
        Interlocked.Increment(ref _activeStreams);
    }

    internal void StreamClosed() => Interlocked.Decrement(ref _activeStreams);

    internal void MessageReceived() => Interlocked.Increment(ref _messages);

    internal void HttpEntryReceived() => Interlocked.Increment(ref _httpEntries);

    internal void TcpEntriesSkippedBy(int count) => Interlocked.Add(ref _tcpEntriesSkipped, count);

    internal void IntermediateEntrySkipped() => Interlocked.Increment(ref _intermediateEntriesSkipped);

    internal void MalformedEntry() => Interlocked.Increment(ref _malformedEntries);

    internal void OversizedMessage() => Interlocked.Increment(ref _oversizedMessages);

    internal void UndecodableMessage() => Interlocked.Increment(ref _undecodableMessages);

    internal void ExchangeEmitted() => Interlocked.Increment(ref _exchangesEmitted);

    internal void EmitFailure() => Interlocked.Increment(ref _emitFailures);

    internal void OutOfScopeEntry() => Interlocked.Increment(ref _outOfScopeEntries);

    internal void SampledOutEntry() => Interlocked.Increment(ref _sampledOutEntries);

    internal void ConfigurationApplied() => Interlocked.Increment(ref _configurationsApplied);

    internal void ConfigurationRejected() => Interlocked.Increment(ref _configurationsRejected);
}
