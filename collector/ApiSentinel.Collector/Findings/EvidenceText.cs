using System.Globalization;

namespace ApiSentinel.Collector.Findings;

/// <summary>How numbers read in evidence: invariant culture, so evidence is identical on every machine.</summary>
internal static class EvidenceText
{
    public static string Count(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>A count that stopped being tracked at its cap reads as a lower bound: <c>4096+</c>.</summary>
    public static string Count(long value, bool capped) => capped ? Count(value) + "+" : Count(value);

    public static string Ratio(long part, long whole) =>
        (whole == 0 ? 0.0 : (double)part / whole).ToString("0.00", CultureInfo.InvariantCulture);

    public static string Percent(long part, long whole) =>
        (whole == 0 ? 0 : (int)Math.Round(100.0 * part / whole, MidpointRounding.AwayFromZero)).ToString(CultureInfo.InvariantCulture) + "%";

    public static string Seconds(long micros) => (micros / 1_000_000).ToString(CultureInfo.InvariantCulture);
}
