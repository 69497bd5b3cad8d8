namespace ApiSentinel.Sensor.Daemon.Metrics;

/// <summary>
/// The sensor's counter names, one home for all three places they appear: /metrics
/// (<c>apisentinel_sensor_NAME_total</c>, gauges without <c>_total</c>), the periodic counter log line, and
/// SensorStatus (<c>NAME</c>, or <c>NAME.REASON</c> for a labelled one).
/// </summary>
internal static class CounterNames
{
    public const string PacketsCaptured = "packets_captured";
    public const string BytesCaptured = "bytes_captured";
    public const string KernelDrops = "kernel_drops";
    public const string InterfaceDrops = "interface_drops";
    public const string DecodeLosses = "decode_losses";
    public const string ReassemblyGaps = "reassembly_gaps";
    public const string ReassemblyGapBytes = "reassembly_gap_bytes";
    public const string Connections = "connections";
    public const string ConnectionsEvicted = "connections_evicted";
    public const string OutOfScopeConnections = "out_of_scope_connections";
    public const string SampledOutConnections = "sampled_out_connections";
    public const string Exchanges = "exchanges";
    public const string ExchangesOutOfOrder = "exchanges_out_of_order";
    public const string InternalErrors = "internal_errors";
    public const string CallsQueued = "calls_queued";
    public const string CallsSent = "calls_sent";
    public const string CallsResent = "calls_resent";
    public const string CallsAcknowledged = "calls_acknowledged";
    public const string CallsDropped = "calls_dropped";
    public const string BatchesSent = "batches_sent";
    public const string Reconnects = "reconnects";
    public const string SequenceRestarts = "sequence_restarts";
    public const string RepeatedRefusals = "repeated_refusals";
    public const string AuthenticationFailures = "authentication_failures";
    public const string ConfigurationsReceived = "configurations_received";
    public const string ConfigurationsRejected = "configurations_rejected";
    public const string ConfigurationsApplied = "configurations_applied";
    public const string AlsStreams = "als_streams";
    public const string AlsMessages = "als_messages";
    public const string AlsHttpEntries = "als_http_entries";
    public const string AlsTcpEntriesSkipped = "als_tcp_entries_skipped";
    public const string AlsIntermediateEntriesSkipped = "als_intermediate_entries_skipped";
    public const string AlsMalformedEntries = "als_malformed_entries";
    public const string AlsExchanges = "als_exchanges";
    public const string AlsOversizedMessages = "als_oversized_messages";
    public const string AlsUndecodableMessages = "als_undecodable_messages";
    public const string AlsEmitFailures = "als_emit_failures";
    public const string AlsOutOfScopeEntries = "als_out_of_scope_entries";
    public const string AlsSampledOutEntries = "als_sampled_out_entries";
    public const string AlsConfigurationsApplied = "als_configurations_applied";
    public const string AlsConfigurationsRejected = "als_configurations_rejected";
    public const string FramesTruncatedBySnaplen = "frames_truncated_by_snaplen";
    public const string TruncatedRecords = "truncated_records";
    public const string PipelineConfigurationsRejected = "pipeline_configurations_rejected";
    /// <summary>Labelled by <see cref="LossReasons"/> (HTTP parsing).</summary>
    public const string HttpLosses = "http_losses";
    /// <summary>Labelled by <see cref="LossReasons"/> (extraction).</summary>
    public const string ExtractionLosses = "extraction_losses";
    /// <summary>Labelled <see cref="LossReasons.Wait"/> or <see cref="LossReasons.Count"/>.</summary>
    public const string ExchangesPassedOver = "exchanges_passed_over";

    // Gauges.
    public const string QueueDepth = "queue_depth";
    public const string QueueCapacity = "queue_capacity";
    public const string InFlightBatches = "in_flight_batches";
    public const string CollectorConnected = "collector_connected";
    public const string ActiveConnections = "active_connections";
    public const string AlsActiveStreams = "als_active_streams";

    /// <summary>The label a labelled counter (<see cref="CallsDropped"/>) is split by.</summary>
    public const string ReasonLabel = "reason";
}
