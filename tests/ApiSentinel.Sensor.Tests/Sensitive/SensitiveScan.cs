using System.Text;
using ApiSentinel.Sensor.Extraction.Sensitive;

namespace ApiSentinel.Sensor.Tests.Sensitive;

/// <summary>Scans with the default options and returns what was found, for terse assertions.</summary>
internal static class SensitiveScan
{
    public static readonly SensitiveDataScanner Default = new(new SensitiveDataOptions());

    public static List<SensitiveMatch> Value(string value, string? field = null)
    {
        var results = new List<SensitiveMatch>();
        var added = Default.ScanValue(value, field, results);
        Assert.Equal(results.Count, added);
        return results;
    }

    public static List<SensitiveMatch> Text(string text)
    {
        var results = new List<SensitiveMatch>();
        Default.ScanText(Encoding.UTF8.GetBytes(text), results);
        return results;
    }

    public static List<SensitiveMatch> OfType(this List<SensitiveMatch> matches, string type) =>
        matches.Where(m => m.Type == type).ToList();

    /// <summary>The single match of <paramref name="type"/>, asserting it covers exactly <paramref name="expected"/> inside <paramref name="value"/>.</summary>
    public static SensitiveMatch Single(string value, string type, string expected, string? field = null)
    {
        var match = Assert.Single(Value(value, field).OfType(type));
        Assert.Equal(expected, value.Substring(match.Start, match.Length));
        return match;
    }
}
