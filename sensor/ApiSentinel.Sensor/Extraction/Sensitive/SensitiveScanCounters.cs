namespace ApiSentinel.Sensor.Extraction.Sensitive;

/// <summary>Running totals of what the scanner had to give up on. Updated with Interlocked: one scanner serves many threads.</summary>
public sealed class SensitiveScanCounters
{
    /// <summary>Custom-detector regex runs abandoned at the match timeout (that detector is skipped for that value).</summary>
    public long CustomDetectorTimeouts;

    /// <summary>Texts longer than the scanner's <see cref="SensitiveDataScanner.MaxTextBytes"/>; only their start was scanned.</summary>
    public long TruncatedTexts;
}
