using System.Globalization;

namespace ApiSentinel.Bench.TrafficGen;

/// <summary>
/// Parses sizes like "1GB", "200MB", "512KB", "1.5GB" or a plain byte count. Decimal units (1 GB = 10^9 bytes)
/// so that the runner's MB/s figures and the requested size use the same unit.
/// </summary>
internal static class ByteSize
{
    public static bool TryParse(string text, out long bytes)
    {
        bytes = 0;
        string trimmed = text.Trim().ToUpperInvariant();
        long multiplier = 1;
        (string Suffix, long Multiplier)[] units = [("GB", 1_000_000_000L), ("MB", 1_000_000L), ("KB", 1_000L), ("G", 1_000_000_000L), ("M", 1_000_000L), ("K", 1_000L), ("B", 1L)];
        foreach ((string suffix, long unit) in units)
        {
            if (trimmed.EndsWith(suffix, StringComparison.Ordinal))
            {
                multiplier = unit;
                trimmed = trimmed[..^suffix.Length];
                break;
            }
        }

        if (!double.TryParse(trimmed, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || value <= 0)
        {
            return false;
        }

        bytes = (long)(value * multiplier);
        return bytes > 0;
    }

    public static string Format(long bytes) => bytes switch
    {
        >= 1_000_000_000L => (bytes / 1e9).ToString("0.00", CultureInfo.InvariantCulture) + " GB",
        >= 1_000_000L => (bytes / 1e6).ToString("0.0", CultureInfo.InvariantCulture) + " MB",
        _ => (bytes / 1e3).ToString("0.0", CultureInfo.InvariantCulture) + " KB",
    };
}
