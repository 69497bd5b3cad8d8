using ApiSentinel.Collector.Service.Telemetry;

namespace ApiSentinel.Collector.Service.Sensors;

/// <summary>
/// The SensorStatus counter names the collector reads (the sensor reports many more; they are shown as they are).
/// Only known names map to a drop reason: a counter name is sensor-controlled text and must never become an
/// unbounded metric attribute.
/// </summary>
public static class SensorCounters
{
    /// <summary>Calls the sensor dropped from its full upload queue (drop-oldest).</summary>
    public const string QueueFullDrops = "calls_dropped.queue_full";

    public static string? DropReason(string counter) => counter switch
    {
        QueueFullDrops => DropReasons.SensorQueueOverflow,
        _ => null,
    };
}
