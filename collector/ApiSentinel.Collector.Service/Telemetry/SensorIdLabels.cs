using System.Collections.Concurrent;

namespace ApiSentinel.Collector.Service.Telemetry;

/// <summary>
/// The <see cref="MetricAttributes.SensorId"/> values in use. Sensor ids come from the sensors' Hello — few in a real
/// cluster, but chosen by the sender — so at most <see cref="MaxDistinct"/> distinct ids become attribute values and
/// the rest share <see cref="Other"/>: their calls are still counted, under one series, and a flood of invented ids
/// cannot grow every metric backend's series table.
/// </summary>
internal sealed class SensorIdLabels
{
    /// <summary>A node per sensor: 1 024 covers a large cluster with room to spare.</summary>
    public const int MaxDistinct = 1_024;

    /// <summary>The value shared by the sensors past <see cref="MaxDistinct"/>.</summary>
    public const string Other = "(other)";

    private readonly ConcurrentDictionary<string, string> _admitted = new(StringComparer.Ordinal);
    private readonly Lock _admit = new();

    /// <summary>Sensor ids folded into <see cref="Other"/> because the bound was reached.</summary>
    public long Folded => Interlocked.Read(ref _folded);

    private long _folded;

    public string For(string? sensorId)
    {
        if (string.IsNullOrEmpty(sensorId))
        {
            return Other;
        }

        if (_admitted.TryGetValue(sensorId, out var label))
        {
            return label;
        }

        lock (_admit)
        {
            if (_admitted.TryGetValue(sensorId, out label))
            {
                return label;
            }

            if (_admitted.Count >= MaxDistinct)
            {
                Interlocked.Increment(ref _folded);
                return Other;
            }

            _admitted[sensorId] = sensorId;
            return sensorId;
        }
    }
}
