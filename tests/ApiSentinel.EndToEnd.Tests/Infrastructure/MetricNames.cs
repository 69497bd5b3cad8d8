namespace ApiSentinel.EndToEnd.Tests.Infrastructure;

/// <summary>
/// The Prometheus names the suite reads, in one home: what the services export on /metrics (a rename there must
/// change here, and <see cref="PrometheusText.Sum"/> fails loudly when a name is missing).
/// </summary>
internal static class MetricNames
{
    /// <summary>apisentinel-collector (OpenTelemetry instruments under the OTel→Prometheus naming rules).</summary>
    public static class Collector
    {
        public const string CallsIngested = "apisentinel_collector_calls_ingested_total";
        public const string StreamsRefused = "apisentinel_collector_streams_refused_total";
        public const string SensorIdLabel = "sensor_id";
        public const string ReasonLabel = "reason";
        public const string Unauthenticated = "unauthenticated";
    }

    /// <summary>apisentinel-sensor (prometheus-net).</summary>
    public static class Sensor
    {
        public const string CallsQueued = "apisentinel_sensor_calls_queued_total";
        public const string CallsDropped = "apisentinel_sensor_calls_dropped_total";
        public const string QueueFull = "reason=queue_full";
        public const string AuthenticationFailures = "apisentinel_sensor_authentication_failures_total";
    }
}
