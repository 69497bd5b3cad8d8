using ApiSentinel.Sensor.AccessLogs;
using ApiSentinel.Sensor.Daemon.Capture;
using ApiSentinel.Sensor.Daemon.Upload;
using ApiSentinel.Sensor.Extraction;
using ApiSentinel.Sensor.Http;
using ApiSentinel.Sensor.Pipeline;

namespace ApiSentinel.Sensor.Daemon.Metrics;

/// <summary>
/// Every counter the daemon exports, read in one place from where each is kept (capture sources, pipeline stages,
/// the uploader, ALS). Reads from another thread than the pipelines': the stage counters are plain 64-bit fields,
/// so a reading can be a moment stale, never torn.
/// </summary>
internal sealed class SensorCounters
{
    private readonly IReadOnlyList<CapturePipeline> _pipelines;
    private readonly UploadCounters _upload;
    private readonly CallQueue _queue;
    private readonly Func<Uploader?> _uploader;
    private readonly AccessLogCounters? _accessLogs;
    private readonly ExtractionCounters? _accessLogExtraction;

    /// <param name="pipelines">The capture pipelines.</param>
    /// <param name="upload">The upload's counters.</param>
    /// <param name="queue">The upload queue (depth, capacity).</param>
    /// <param name="uploader">The uploader, once created.</param>
    /// <param name="accessLogs">The ALS input's counters; null when --als-listen is not given.</param>
    /// <param name="accessLogExtraction">The ALS input's extractor counters; null when --als-listen is not given.</param>
    public SensorCounters(IReadOnlyList<CapturePipeline> pipelines, UploadCounters upload, CallQueue queue, Func<Uploader?> uploader,
        AccessLogCounters? accessLogs, ExtractionCounters? accessLogExtraction)
    {
        _accessLogs = accessLogs;
        _accessLogExtraction = accessLogExtraction;
        _pipelines = pipelines;
        _upload = upload;
        _queue = queue;
        _uploader = uploader;
    }

    public List<CounterReading> Read()
    {
        var stats = _pipelines.Select(p => p.Pipeline.Statistics).ToList();
        var sources = stats.SelectMany(s => s.Sources).ToList();
        var readings = new List<CounterReading>
        {
            new(CounterNames.PacketsCaptured, sources.Sum(s => s.FramesRead), "Frames read from interfaces or capture files."),
            new(CounterNames.BytesCaptured, sources.Sum(s => s.BytesRead), "Bytes of frames captured."),
            new(CounterNames.KernelDrops, sources.Sum(s => s.KernelDropped), "Packets the kernel dropped (capture buffer full)."),
            new(CounterNames.InterfaceDrops, sources.Sum(s => s.InterfaceDropped), "Packets the interface or driver dropped."),
            new(CounterNames.DecodeLosses, stats.Sum(s => s.Decode.Losses().Sum(l => l.Count)), "Frames lost to damage or unsupported encapsulation."),
            new(CounterNames.ReassemblyGaps, stats.Sum(s => s.Reassembly.Gaps), "TCP stream gaps (missing data) declared."),
            new(CounterNames.ReassemblyGapBytes, stats.Sum(s => s.Reassembly.GapBytes), "Bytes missing in TCP stream gaps."),
            new(CounterNames.Connections, stats.Sum(s => s.Reassembly.Connections), "TCP connections tracked."),
            new(CounterNames.ConnectionsEvicted, stats.Sum(s => s.Reassembly.ConnectionsEvicted), "TCP connections evicted at the connection bound."),
            new(CounterNames.OutOfScopeConnections, stats.Sum(s => s.OutOfScopeConnections), "TCP connections outside the capture scope the collector set (not inspected)."),
            new(CounterNames.SampledOutConnections, stats.Sum(s => s.SampledOutConnections), "TCP connections left out by sampling."),
            new(CounterNames.ConfigurationsApplied, stats.Sum(s => s.ConfigurationsApplied), "Run-time configurations applied, summed over pipelines."),
            new(CounterNames.Exchanges, stats.Sum(s => s.Extraction.Exchanges) + (_accessLogs?.ExchangesEmitted ?? 0), "Exchanges extracted (packets and access logs)."),
            new(CounterNames.ExchangesOutOfOrder, stats.Sum(s => s.Orderer?.OutOfOrder ?? 0), "Exchanges emitted out of request order (a stalled earlier one was passed over)."),
            new(CounterNames.InternalErrors, stats.Sum(s => s.InternalErrors) + sources.Sum(s => s.HandlerErrors), "Exceptions contained in a pipeline stage (a defect: please report)."),
            new(CounterNames.CallsQueued, _upload.CallsQueued, "Calls put in the upload queue."),
            new(CounterNames.CallsSent, _upload.CallsSent, "Calls sent to the collector (first sends)."),
            new(CounterNames.CallsResent, _upload.CallsResent, "Calls resent after a reconnect (unacknowledged batches)."),
            new(CounterNames.CallsAcknowledged, _upload.CallsAcknowledged, "Calls the collector acknowledged as durable."),
            new(CounterNames.BatchesSent, _upload.BatchesSent, "Batches sent (first sends)."),
            new(CounterNames.Reconnects, _upload.Reconnects, "Reconnect attempts to the collector."),
            new(CounterNames.SequenceRestarts, _upload.SequenceRestarts, "Times the collector had lost acknowledged batches and the sensor continued as a new instance."),
            new(CounterNames.RepeatedRefusals, _upload.RepeatedRefusals, "Streams the collector ended with an error again on the same oldest unacknowledged batch."),
            new(CounterNames.AuthenticationFailures, _upload.AuthenticationFailures, "Streams the collector refused with UNAUTHENTICATED."),
            new(CounterNames.ConfigurationsReceived, _upload.ConfigurationsReceived, "SensorConfig messages received."),
            new(CounterNames.ConfigurationsRejected, _upload.ConfigurationsRejected, "SensorConfig messages rejected as invalid (nothing applied)."),
        };
        readings.Add(new(CounterNames.FramesTruncatedBySnaplen, sources.Sum(s => s.FramesTruncatedBySnaplen), "Frames captured shorter than on the wire (snaplen too small)."));
        readings.Add(new(CounterNames.TruncatedRecords, sources.Sum(s => s.TruncatedRecords), "Capture files that ended inside a record (the replay of that file stopped there)."));
        readings.Add(new(CounterNames.PipelineConfigurationsRejected, stats.Sum(s => s.ConfigurationsRejected), "Run-time configurations a pipeline refused, summed over pipelines."));
        AddHttpLosses(readings, stats);
        AddExtractionLosses(readings, stats.Select(s => s.Extraction).Concat(_accessLogExtraction is null ? [] : [_accessLogExtraction]).ToList());
        readings.Add(Labelled(CounterNames.ExchangesPassedOver, LossReasons.Wait, stats.Sum(s => s.Orderer?.PassedOverByWait ?? 0),
            "Unfinished exchanges passed over by the orderer's bounds, by which bound (wait: time, count: records waiting)."));
        readings.Add(Labelled(CounterNames.ExchangesPassedOver, LossReasons.Count, stats.Sum(s => s.Orderer?.PassedOverByCount ?? 0),
            "Unfinished exchanges passed over by the orderer's bounds, by which bound (wait: time, count: records waiting)."));
        foreach (var reason in DropReasons.All)
        {
            readings.Add(new(CounterNames.CallsDropped, _upload.Dropped(reason), "Calls that never reached the collector, by reason.", Reason: reason));
        }
        if (_accessLogs is { } als)
        {
            readings.Add(new(CounterNames.AlsStreams, als.Streams, "Envoy access-log streams accepted."));
            readings.Add(new(CounterNames.AlsMessages, als.Messages, "Envoy access-log messages received."));
            readings.Add(new(CounterNames.AlsHttpEntries, als.HttpEntries, "Envoy HTTP access-log entries received."));
            readings.Add(new(CounterNames.AlsTcpEntriesSkipped, als.TcpEntriesSkipped, "Envoy TCP access-log entries skipped (not HTTP)."));
            readings.Add(new(CounterNames.AlsIntermediateEntriesSkipped, als.IntermediateEntriesSkipped, "Envoy intermediate (periodic) entries skipped; the final entry reports the exchange."));
            readings.Add(new(CounterNames.AlsMalformedEntries, als.MalformedEntries, "Envoy access-log entries skipped as malformed."));
            readings.Add(new(CounterNames.AlsOversizedMessages, als.OversizedMessages, "Envoy access-log messages refused as too large."));
            readings.Add(new(CounterNames.AlsExchanges, als.ExchangesEmitted, "Exchanges extracted from Envoy access logs."));
            readings.Add(new(CounterNames.AlsUndecodableMessages, als.UndecodableMessages, "Envoy access-log messages that were not a StreamAccessLogsMessage (the stream ended)."));
            readings.Add(new(CounterNames.AlsEmitFailures, als.EmitFailures, "Access-log records lost because handing them to the upload queue failed."));
            readings.Add(new(CounterNames.AlsOutOfScopeEntries, als.OutOfScopeEntries, "Envoy HTTP entries outside the capture scope the collector set."));
            readings.Add(new(CounterNames.AlsSampledOutEntries, als.SampledOutEntries, "Envoy HTTP entries left out by sampling."));
            readings.Add(new(CounterNames.AlsConfigurationsApplied, als.ConfigurationsApplied, "Run-time configurations applied to the access-log input."));
            readings.Add(new(CounterNames.AlsConfigurationsRejected, als.ConfigurationsRejected, "Run-time configurations the access-log input refused."));
            readings.Add(new(CounterNames.AlsActiveStreams, als.ActiveStreams, "Envoy access-log streams open now.", IsGauge: true));
        }
        var uploader = _uploader();
        readings.Add(new(CounterNames.QueueDepth, _queue.Count, "Calls waiting in the upload queue.", IsGauge: true));
        readings.Add(new(CounterNames.QueueCapacity, _queue.Capacity, "Capacity of the upload queue.", IsGauge: true));
        readings.Add(new(CounterNames.InFlightBatches, uploader?.InFlightBatches ?? 0, "Batches sent and not yet acknowledged.", IsGauge: true));
        readings.Add(new(CounterNames.CollectorConnected, uploader?.Connected == true ? 1 : 0, "1 while a stream to the collector is up.", IsGauge: true));
        readings.Add(new(CounterNames.ActiveConnections, stats.Sum(s => s.Reassembly.ActiveConnections), "TCP connections tracked now.", IsGauge: true));
        return readings;
    }

    private const string HttpLossesHelp = "HTTP/1.x messages lost or damaged in parsing, by reason.";
    private const string ExtractionLossesHelp = "Exchange fields withheld or cut in extraction (packets and access logs), by reason.";

    private static CounterReading Labelled(string name, string reason, long value, string help) => new(name, value, help, Reason: reason);

    private static void AddHttpLosses(List<CounterReading> readings, List<PipelineStatistics> stats)
    {
        void Add(string reason, Func<HttpCounters, long> read) =>
            readings.Add(Labelled(CounterNames.HttpLosses, reason, stats.Sum(s => read(s.Http)), HttpLossesHelp));
        Add(LossReasons.UnansweredRequests, h => h.UnansweredRequests);
        Add(LossReasons.UnmatchedResponses, h => h.UnmatchedResponses);
        Add(LossReasons.PipelineOverflows, h => h.PipelineOverflows);
        Add(LossReasons.PendingBudgetOverflows, h => h.PendingBudgetOverflows);
        Add(LossReasons.OversizedHeaders, h => h.OversizedHeaders);
        Add(LossReasons.DecodeErrors, h => h.DecodeErrors);
        Add(LossReasons.HeaderGaps, h => h.HeaderGaps);
        Add(LossReasons.BodyGaps, h => h.BodyGaps);
        Add(LossReasons.InspectionBudgetExhausted, h => h.InspectionBudgetExhausted);
        Add(LossReasons.Resynchronisations, h => h.Resynchronisations);
        Add(LossReasons.AmbiguousFraming, h => h.AmbiguousFraming);
        Add(LossReasons.MalformedHeaders, h => h.MalformedHeaders);
        Add(LossReasons.ChunkedFramingErrors, h => h.ChunkedFramingErrors);
    }

    private static void AddExtractionLosses(List<CounterReading> readings, List<ExtractionCounters> extraction)
    {
        void Add(string reason, Func<ExtractionCounters, long> read) =>
            readings.Add(Labelled(CounterNames.ExtractionLosses, reason, extraction.Sum(read), ExtractionLossesHelp));
        Add(LossReasons.BodiesTruncatedForInspection, e => e.BodiesTruncatedForInspection);
        Add(LossReasons.InvalidMethods, e => e.InvalidMethods);
        Add(LossReasons.InvalidHosts, e => e.InvalidHosts);
        Add(LossReasons.RedactedHosts, e => e.RedactedHosts);
        Add(LossReasons.NamesWithheld, e => e.NamesWithheld);
        Add(LossReasons.DataKeys, e => e.DataKeys);
    }
}
