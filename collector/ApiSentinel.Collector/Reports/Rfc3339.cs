namespace ApiSentinel.Collector.Reports;

/// <summary>The one timestamp format of every output: RFC 3339, UTC, microseconds (DESIGN.md).</summary>
public static class Rfc3339
{
    public static string FromMicros(long micros) =>
        DateTimeOffset.UnixEpoch.AddTicks(micros * 10).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'",
            System.Globalization.CultureInfo.InvariantCulture);

    public static bool TryFormat(long micros, Span<byte> destination, out int written) =>
        DateTimeOffset.UnixEpoch.AddTicks(micros * 10).UtcDateTime.TryFormat(destination, out written,
            "yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", System.Globalization.CultureInfo.InvariantCulture);
}
