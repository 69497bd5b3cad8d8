using Google.Protobuf.WellKnownTypes;

namespace ApiSentinel.Sensor.AccessLogs;

/// <summary>
/// Envoy's timestamps and durations as the sensor's microseconds, refusing values no proxy produces (a hostile or
/// broken client can send anything) rather than letting them overflow into nonsense.
/// </summary>
internal static class EnvoyTime
{
    /// <summary>9999-12-31T23:59:59Z, the last second <see cref="DateTimeOffset"/> can hold.</summary>
    private const long MaxTimestampSeconds = 253_402_300_799;

    /// <summary>No exchange lasts a year; anything longer is garbage and is reported as unknown.</summary>
    private const long MaxDurationSeconds = 365L * 24 * 3600;

    private const int NanosPerMicro = 1000;
    private const long MicrosPerSecond = 1_000_000;

    /// <summary>µs since the Unix epoch, or null when absent or outside 1970–9999.</summary>
    public static long? Micros(Timestamp? timestamp) =>
        timestamp is { Seconds: >= 0 and <= MaxTimestampSeconds, Nanos: >= 0 and < 1_000_000_000 }
            ? timestamp.Seconds * MicrosPerSecond + timestamp.Nanos / NanosPerMicro
            : null;

    /// <summary>µs, or null when absent, negative or longer than a year.</summary>
    public static long? Micros(Duration? duration) =>
        duration is { Seconds: >= 0 and <= MaxDurationSeconds, Nanos: >= 0 and < 1_000_000_000 }
            ? duration.Seconds * MicrosPerSecond + duration.Nanos / NanosPerMicro
            : null;
}
