using ApiSentinel.Ingest.V1Alpha1;

namespace ApiSentinel.Sensor.Daemon.Metrics;

/// <summary>The counters as the SensorStatus message carries them (<c>calls_dropped.queue_full</c> → value).</summary>
internal static class SensorStatusSnapshot
{
    public static SensorStatus Create(SensorCounters counters, TimeProvider time)
    {
        var status = new SensorStatus { TimestampMicros = time.GetUtcNow().ToUnixTimeMilliseconds() * 1000 };
        foreach (var reading in counters.Read())
        {
            status.Counters[reading.Key] = (ulong)Math.Max(0, reading.Value);
        }
        return status;
    }
}
